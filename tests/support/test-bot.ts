import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bot } from "grammy";
import type { Message, Update, User, UserFromGetMe } from "grammy/types";
import { registerCommands } from "../../src/bot/commands.js";
import { CONSOLE_BOT_INFO } from "../../src/bot/console.js";
import { type BotContext, type BotDeps, createBot, type CreateBotOptions } from "../../src/bot/index.js";
import { type RunningBot, startPolling } from "../../src/bot/polling.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { createInProcessEngine } from "../../src/engine-pool/in-process.js";
import type { AsyncEngine } from "../../src/engine-pool/types.js";
import { createEngine } from "../../src/index/engine.js";
import type { Engine } from "../../src/index/types.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { createBotGuards } from "../../src/storage/bot-guards.js";
import { type Database, type Db, openDatabase } from "../../src/storage/database.js";
import { createQuestionStore } from "../../src/storage/question-store.js";
import { createUserStore } from "../../src/storage/user-store.js";
import type { FakeBotApi } from "./fake-bot-api.js";
import { createTestTranslator } from "./translator.js";

/** The small corpus the bot's tests run on. */
export const BOT_CORPUS = fileURLToPath(new URL("../fixtures/bot-corpus.jsonl", import.meta.url));

const fixtureDocs = (await loadCorpus(BOT_CORPUS)).docs;
let cachedEngine: Engine | undefined;

/** An engine over {@link BOT_CORPUS}, built once per test file. */
export function fixtureEngine(): Engine {
  cachedEngine ??= createEngine(fixtureDocs);
  return cachedEngine;
}

/** Options of {@link createTestDeps}. */
export interface TestDepsOptions {
  /** A synchronous engine answers in process; defaults to {@link fixtureEngine}. */
  engine?: Engine | AsyncEngine;
  /** Database file, or a PostgreSQL URL (two bots over one schema are two instances); defaults to `:memory:`. */
  dbPath?: string;
  now?: () => number;
  contactLine?: string;
  /** Defaults to a silent logger. */
  logger?: Logger;
}

/** Bot dependencies over a fresh database (real migrations) and the fixture engine, logging nothing. */
export async function createTestDeps(options: TestDepsOptions = {}): Promise<TestDeps> {
  const database = await openDatabase(options.dbPath ?? ":memory:");
  const { db } = database;
  return {
    db,
    database,
    engine: asAsync(options.engine ?? fixtureEngine()),
    users: createUserStore(db),
    questions: createQuestionStore(db),
    guards: createBotGuards(database),
    logger: options.logger ?? createLogger({ level: "silent" }),
    cityName: "Đông Hà",
    contactLine: options.contactLine ?? "Bộ phận Một cửa, UBND thành phố, số 08 Hoàng Diệu",
    ...(options.now ? { now: options.now } : {}),
  };
}

/** Bot dependencies with the database they are over. */
export type TestDeps = BotDeps & { db: Db; database: Database };

/** A running bot against a fake Bot API, with everything to inspect and stop it. */
export interface TestBot {
  bot: Bot<BotContext>;
  running: RunningBot;
  deps: TestDeps;
  stop(): Promise<void>;
}

/**
 * Starts the real bot (grammY HTTP client, auto-retry, runner) with long polling against `api`,
 * the way `main.ts` does; `stop()` stops polling, closes the database and removes its folder.
 */
export async function startTestBot(
  api: FakeBotApi,
  options: TestDepsOptions & { bot?: CreateBotOptions } = {},
): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), "civic-bot-e2e-"));
  const deps = await createTestDeps({ dbPath: join(dir, "bot.sqlite"), ...options });
  const bot = createBot(api.token, deps, { apiRoot: api.apiRoot, maxDelaySeconds: 5, ...options.bot });
  await registerCommands(bot.api, { translator: createTestTranslator(), logger: deps.logger });
  const running: RunningBot = await startPolling(bot, { logger: deps.logger, timeoutSeconds: 2 });
  return {
    bot,
    running,
    deps,
    async stop() {
      await running.stop().catch(() => undefined);
      await deps.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bot's own user in handler tests. */
export const TEST_BOT_INFO: UserFromGetMe = { ...CONSOLE_BOT_INFO, id: 42, first_name: "Civic Bot", username: "civic_test_bot" };

/** A call recorded in a handler test. */
export interface HandlerCall {
  method: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>;
}

/** A bot for handler tests: updates go in through `handleUpdate`, API calls are recorded and answered in memory. */
export interface HandlerBot {
  bot: Bot<BotContext>;
  deps: TestDeps;
  calls: HandlerCall[];
  /** Messages the bot sent or edited, as Telegram answered them (to press their buttons from another bot). */
  messages: readonly Message[];
  /** Calls of `method` since the last `send`. */
  sent(method: string): HandlerCall[];
  send(update: Omit<Update, "update_id">): Promise<void>;
  /** A private text message from `user` (default user 1001, Vietnamese). */
  say(text: string, user?: Partial<User>): Promise<void>;
  /** Presses a button on `message` (default: the last message sent that has this data). */
  press(data: string, user?: Partial<User>, message?: Message): Promise<void>;
  /** Makes the next call of `method` fail with this Telegram error. */
  failNext(method: string, errorCode: number, description: string): void;
}

const USER: User = { id: 1001, is_bot: false, first_name: "Lan", language_code: "vi" };

/**
 * Creates a bot for handler tests over the fixture engine and an in-memory database. `extend` adds
 * collaborators (push, polls, staff chat) before the bot is made, as features are installed from them.
 */
export async function createHandlerBot(
  options: TestDepsOptions & { bot?: CreateBotOptions; extend?: (deps: TestDeps) => Partial<BotDeps> } = {},
): Promise<HandlerBot> {
  const base = await createTestDeps(options);
  const deps = Object.assign(base, options.extend?.(base) ?? {});
  const bot = createBot("42:TEST", deps, { botInfo: TEST_BOT_INFO, ...options.bot });
  const calls: HandlerCall[] = [];
  const failures = new Map<string, { error_code: number; description: string }>();
  const sentMessages: Message[] = [];
  let nextMessageId = 1;
  let edits = 0;
  let mark = 0;
  let updateId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return { ok: false, ...failure } as never;
    }
    if (method === "sendMessage" || method === "editMessageText") {
      const chatId = Number(p.chat_id);
      const message = {
        message_id: method === "sendMessage" ? nextMessageId++ : Number(p.message_id),
        date: 0,
        chat: { id: chatId, type: chatId > 0 ? "private" : "supergroup", first_name: "Lan", title: "Group" },
        from: TEST_BOT_INFO,
        text: p.text,
        ...(method === "editMessageText" ? { edit_date: ++edits } : {}),
        ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      } as unknown as Message;
      sentMessages.push(message);
      return { ok: true, result: message } as never;
    }
    return { ok: true, result: true } as never;
  });
  const send = async (update: Omit<Update, "update_id">) => {
    mark = calls.length;
    await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
  };
  return {
    bot,
    deps,
    calls,
    messages: sentMessages,
    sent: (method) => calls.slice(mark).filter((c) => c.method === method),
    send,
    say(text, user) {
      const from = { ...USER, ...user };
      const command = /^\/\w+/.exec(text);
      return send({
        message: {
          message_id: 10_000 + updateId,
          date: 0,
          chat: { id: from.id, type: "private", first_name: from.first_name },
          from,
          text,
          ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
        },
      });
    },
    press(data, user, message) {
      const from = { ...USER, ...user };
      const target =
        message ??
        [...sentMessages]
          .reverse()
          .find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => "callback_data" in b && b.callback_data === data)) ??
        sentMessages.at(-1);
      return send({
        callback_query: { id: String(updateId), from, chat_instance: "ci", data, ...(target ? { message: target } : {}) },
      } as Omit<Update, "update_id">);
    },
    failNext(method, errorCode, description) {
      failures.set(method, { error_code: errorCode, description });
    },
  };
}

function asAsync(engine: Engine | AsyncEngine): AsyncEngine {
  return "close" in engine ? engine : createInProcessEngine(engine);
}

/** An engine that answers `ask` with `ask` and everything else from `engine`. */
export function withAsk(engine: Engine, ask: Engine["ask"]): Engine {
  return {
    ask,
    search: (query, options) => engine.search(query, options),
    latest: (options) => engine.latest(options),
    byNumber: (number) => engine.byNumber(number),
    get: (id) => engine.get(id),
    add: (doc) => engine.add(doc),
    remove: (id) => engine.remove(id),
    get size() {
      return engine.size;
    },
  };
}
