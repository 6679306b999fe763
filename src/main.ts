import { join } from "node:path";
import { registerCommands } from "./bot/commands.js";
import { createTranslations } from "./bot/i18n.js";
import { createBot, toInputFile } from "./bot/index.js";
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsole } from "./bot/console.js";
import { type RunningBot, startPolling } from "./bot/polling.js";
import { startWebhook } from "./bot/webhook.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { loadEngine } from "./corpus/engine-store.js";
import { loadCorpus } from "./corpus/load-corpus.js";
import { createInProcessEngine } from "./engine-pool/in-process.js";
import { startEnginePool } from "./engine-pool/pool.js";
import type { AsyncEngine } from "./engine-pool/types.js";
import { CLOSE_POLLS_JOB, createPollsRuntime } from "./jobs/start-polls.js";
import { createItemsFollower } from "./jobs/follow-items.js";
import { createLeadership, defaultInstanceId } from "./jobs/leadership.js";
import { createPushRuntime } from "./jobs/start-push.js";
import { createLogger, type Logger } from "./logger.js";
import { createBotGuards } from "./storage/bot-guards.js";
import { openDatabase } from "./storage/database.js";
import { createJobScheduleStore } from "./storage/job-schedule-store.js";
import { createLeaseStore } from "./storage/lease-store.js";
import { createPushStores } from "./storage/push-stores.js";
import { createQuestionStore } from "./storage/question-store.js";
import { createUserStore } from "./storage/user-store.js";
import { loadSources } from "./sources/source-config.js";

// Composition root: config → logger → database → corpus and index → bot → jobs → start.

/** Everything is gone this long after SIGINT/SIGTERM, whatever hangs. */
const SHUTDOWN_DEADLINE_MS = 8_000;

/** Something started that must be stopped at shutdown, in reverse order of starting. */
interface Stoppable {
  name: string;
  stop(): Promise<void> | void;
}

// The one place the engine is built: from its snapshot in DATA_DIR when the corpus is unchanged,
// answering in ENGINE_THREADS worker threads that share the snapshot's memory (or in this thread).
async function buildEngine(config: Config, logger: Logger): Promise<AsyncEngine> {
  const started = performance.now();
  const threads = config.engineThreads > 1 ? config.engineThreads : 0;
  const loaded = await loadEngine({ corpusPath: config.corpusDir, dataDir: config.dataDir, logger, shared: threads > 0 });
  for (const problem of loaded.problems) logger.warn(problem, "corpus: skipped a malformed entry");
  const engine = loaded.shared
    ? await startEnginePool({ threads, snapshot: loaded.shared, engine: loaded.engine, logger })
    : createInProcessEngine(loaded.engine);
  logger.info(
    { docs: loaded.engine.size, origin: loaded.origin, threads, ms: Math.round(performance.now() - started) },
    "index: ready",
  );
  return engine;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const secrets = [config.botToken, config.databaseUrl, passwordOf(config.databaseUrl)].filter((s): s is string => !!s);
  const logger = createLogger({ level: config.logLevel, secrets });
  const database = await openDatabase(config.databaseUrl ?? join(config.dataDir, "civic-bot.sqlite"));
  logger.info({ database: database.dialect }, "database: ready");
  const { db } = database;
  const stoppables: Stoppable[] = [{ name: "database", stop: () => database.close() }];

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, "civic-bot: shutting down");
      setTimeout(() => {
        logger.error("civic-bot: shutdown took too long; exiting");
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      for (const s of [...stoppables].reverse()) {
        try {
          await s.stop();
        } catch (err) {
          logger.error({ err, what: s.name }, "civic-bot: error while stopping");
        }
      }
    })();
    return stopping;
  };

  const engine = await buildEngine(config, logger);
  // Stopped after the bot and the jobs (questions in hand are finished), before the database.
  stoppables.push({ name: "engine", stop: () => engine.close() });
  // The one translation instance: handlers get it as ctx.t, jobs as the translator.
  const translations = createTranslations(config.cityName);
  const { translator } = translations;
  const users = createUserStore(db);
  const questions = createQuestionStore(db);
  const sources = loadSources(config.sourcesFile);
  const pushStores = createPushStores(db);
  // Document files: originals in DATA_DIR/files, OCR text in DATA_DIR/ocr, Telegram's file ids in the database.
  const { documentsStore } = pushStores;
  const ocr = { cacheDir: join(config.dataDir, "ocr"), logger };
  // Items recorded from sources (by this instance or another over the same database) join the index:
  // all of them before the first question, then those recorded since, every 2 s.
  const follower = createItemsFollower({ items: pushStores.items, documents: documentsStore, engine, logger });
  await follower.catchUp();
  // One instance at a time runs the scheduled jobs and the delivery: the one holding the jobs lease.
  const instanceId = config.instanceId ?? defaultInstanceId();
  const leadership = createLeadership(
    { leases: createLeaseStore(db), instanceId, logger },
    { leaseMs: config.leaderLeaseMs },
  );
  // The delivery worker is created with the bot; until then a wake-up has nobody to wake.
  let wakePush: () => void = () => {};
  const polls = createPollsRuntime({
    db,
    outbox: pushStores.outbox,
    logger,
    translator,
    inputFile: toInputFile,
    timeZone: config.timeZone,
    staffChatId: config.staffChatId,
    quietHours: config.quietHours,
    reportCron: config.reportCron,
  });
  const deps = {
    engine,
    users,
    questions,
    guards: createBotGuards(database),
    logger,
    cityName: config.cityName,
    contactLine: config.contactLine,
    staffChatId: config.staffChatId,
    polls: polls.deps,
    documents: { store: documentsStore, dataDir: config.dataDir },
    push: {
      stores: pushStores,
      sources,
      timeZone: config.timeZone,
      defaultQuietHours: config.quietHours,
      wake: () => wakePush(),
    },
  };

  if (!config.botToken) {
    // Console chat: same bot, same handlers, API answered in memory; ends with standard input.
    const bot = createBot(CONSOLE_TOKEN, deps, { botInfo: CONSOLE_BOT_INFO, translations });
    const onSignal = () => process.stdin.destroy();
    process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
    await runConsole(bot, { input: process.stdin, output: process.stdout });
    await shutdown("end of input");
    return;
  }

  const bot = createBot(config.botToken, deps, { apiRoot: config.telegramApiRoot, translations });

  // ---- Jobs: start scheduled work here and push it onto `stoppables` (stopped before the database).
  const push = createPushRuntime(
    {
      api: bot.api,
      stores: pushStores,
      documents: { dataDir: config.dataDir, ocr },
      engine,
      logger,
      translator,
      sources,
      corpusDir: config.corpusDir,
      loadCorpusFile: async (path) => (await loadCorpus(path, { dataDir: config.dataDir, ocr, logger })).docs,
      timeZone: config.timeZone,
      defaultQuietHours: config.quietHours,
      fetchCron: config.fetchCron,
      digestCron: config.digestCron,
      onChatBlocked: async (chatId) => void (await users.markInactive(chatId)),
      languageOf: (chatId) => users.language(chatId),
      mayRun: () => leadership.isLeader(),
      schedule: createJobScheduleStore(db),
    },
    // The fetch at start waits for the lease (below).
    { fetchAtStart: false },
  );
  wakePush = () => push.worker.wake();
  // Polls go through the same outbox worker and scheduler as every other send.
  polls.attach({ worker: push.worker, scheduler: push.scheduler, api: bot.api });
  // Taking over (at start, or when the instance that ran the jobs died): run late every job whose tick
  // fell while nobody ran the jobs (a digest, the weekly report), and fetch and close the deadlines that
  // passed meanwhile at once rather than at the next tick.
  leadership.onChange((leading) => {
    if (!leading) return;
    push.worker.wake();
    void (async () => {
      const ran = await push.scheduler.runOverdue();
      await Promise.all(["fetch", CLOSE_POLLS_JOB].filter((job) => !ran.includes(job)).map((job) => push.scheduler.run(job)));
    })().catch((err: unknown) => logger.error({ err }, "jobs: catching up after taking over failed"));
  });
  push.start();
  follower.start();
  // Stopped in reverse: the lease is given back after the jobs and the sends in flight have ended.
  stoppables.push({ name: "jobs lease", stop: () => leadership.stop() });
  stoppables.push({ name: "push", stop: () => push.stop() });
  stoppables.push({ name: "items", stop: () => follower.stop() });
  await leadership.start();
  void registerCommands(bot.api, { translator, logger, staffChatId: config.staffChatId });
  // ---- End of jobs.

  process.once("SIGINT", () => void shutdown("SIGINT").then(() => process.exit(0)));
  process.once("SIGTERM", () => void shutdown("SIGTERM").then(() => process.exit(0)));

  let running: RunningBot;
  if (config.webhookUrl) {
    running = await startWebhook(bot, {
      logger,
      url: config.webhookUrl,
      secretToken: config.webhookSecret,
      port: config.port,
      health: async () => {
        const up = await database.ping();
        return {
          ok: up,
          database: up ? database.dialect : "unreachable",
          index: { docs: engine.size },
          instance: instanceId,
          jobs: { running: leadership.isLeader(), holder: leadership.holder() },
        };
      },
    });
  } else {
    running = await startPolling(bot, { logger });
  }
  // Updates stop first, so that nothing in flight meets a closed database.
  stoppables.push({ name: "bot", stop: () => running.stop() });
  running.done.catch((err: unknown) => {
    logger.fatal({ err }, "bot: cannot receive updates (token revoked, or another process uses it); stopping");
    void shutdown("updates failed").then(() => process.exit(1));
  });
}

/** Shortest password scrubbed from logs on its own: a shorter one would also scrub ordinary words. */
const MIN_SCRUBBED_PASSWORD_CHARS = 8;

/** The password part of a database URL, so that it is scrubbed from logs even when it appears alone. */
function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password.length >= MIN_SCRUBBED_PASSWORD_CHARS ? password : undefined;
  } catch {
    return undefined;
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`civic-bot: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
