import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bot } from "grammy";
import { type BotContext, type BotDeps, createBot } from "../../src/bot/index.js";
import { createTranslations } from "../../src/bot/i18n.js";
import { type RunningBot, startPolling } from "../../src/bot/polling.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { createEngine } from "../../src/index/engine.js";
import type { DeliveryWorkerOptions } from "../../src/jobs/deliver-outbox.js";
import type { QuietHours } from "../../src/jobs/quiet-hours.js";
import { createPushRuntime, type PushRuntime } from "../../src/jobs/start-push.js";
import type { Db } from "../../src/storage/database.js";
import { createPushStores, type PushStores } from "../../src/storage/push-stores.js";
import { TEST_OCR_CACHE } from "./document-files-paths.js";
import type { SourceConfig } from "../../src/sources/source-config.js";
import type { FakeBotApi } from "./fake-bot-api.js";
import { BOT_CORPUS, createTestDeps } from "./test-bot.js";

/** Options of {@link startPushBot}. */
export interface PushBotOptions {
  sources: SourceConfig[];
  staffChatId?: number;
  quietHours?: QuietHours | null;
  /** Added to the real clock: moves the bot's "now" (quiet hours, digests) while time still flows. */
  clockOffsetMs?: () => number;
  worker?: DeliveryWorkerOptions;
}

/** The real bot and the push machinery, running against a fake Bot API and local feeds. */
export interface PushBot {
  bot: Bot<BotContext>;
  /** The bot's `DATA_DIR`: originals of attached documents are kept in its `files/`. */
  dataDir: string;
  deps: BotDeps & { db: Db };
  stores: PushStores;
  runtime: PushRuntime;
  stop(): Promise<void>;
}

/** Starts the bot (long polling, auto-retry) and the push runtime as `main.ts` wires them; jobs run only when a test triggers them. */
export async function startPushBot(api: FakeBotApi, options: PushBotOptions): Promise<PushBot> {
  const dir = mkdtempSync(join(tmpdir(), "civic-bot-push-"));
  const offset = options.clockOffsetMs ?? (() => 0);
  const now = () => Date.now() + offset();
  const deps = await createTestDeps({ dbPath: join(dir, "bot.sqlite"), engine: createEngine((await loadCorpus(BOT_CORPUS)).docs), now });
  const stores = createPushStores(deps.db);
  deps.documents = { store: stores.documentsStore, dataDir: dir };
  const quiet = options.quietHours === undefined ? null : options.quietHours;
  let wake = () => {};
  deps.push = { stores, sources: options.sources, timeZone: "Asia/Ho_Chi_Minh", defaultQuietHours: quiet, wake: () => wake() };
  if (options.staffChatId !== undefined) deps.staffChatId = options.staffChatId;
  const bot = createBot(api.token, deps, { apiRoot: api.apiRoot, maxDelaySeconds: 5 });
  const runtime = createPushRuntime(
    {
      api: bot.api,
      stores,
      documents: { dataDir: dir, ocr: { cacheDir: TEST_OCR_CACHE } },
      engine: deps.engine,
      logger: deps.logger,
      translator: createTranslations("Đông Hà").translator,
      sources: options.sources,
      corpusDir: null,
      loadCorpusFile: () => [],
      timeZone: "Asia/Ho_Chi_Minh",
      defaultQuietHours: quiet,
      // Far-off schedules: the tests trigger the jobs themselves.
      fetchCron: "0 0 1 1 *",
      digestCron: "0 0 1 1 *",
      onChatBlocked: async (chatId) => void (await deps.users.markInactive(chatId)),
      languageOf: (chatId) => deps.users.language(chatId),
      now,
    },
    { fetchAtStart: false, worker: { perChatIntervalMs: 200, progressIntervalMs: 200, idleMs: 200, ...options.worker } },
  );
  wake = () => runtime.worker.wake();
  const running: RunningBot = await startPolling(bot, { logger: deps.logger, timeoutSeconds: 1 });
  runtime.start();
  return {
    bot,
    dataDir: dir,
    deps,
    stores,
    runtime,
    async stop() {
      await running.stop();
      await runtime.stop();
      await deps.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
