import type { CorpusDoc, Engine } from "../index/types.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Translator } from "../translate.js";
import type { JobScheduleStore } from "../storage/job-schedule-store.js";
import type { PushStores } from "../storage/push-stores.js";
import type { SourceConfig } from "../sources/source-config.js";
import { announcementProgressReporter } from "./announce.js";
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions, type OutboxApi } from "./deliver-outbox.js";
import { createFetchSources, type FetchSourcesOptions } from "./fetch-sources.js";
import type { SourceRunReport } from "./read-sources.js";
import type { FetchDocumentsDeps } from "./fetch-sources.js";
import { registerPushSenders } from "./push-senders.js";
import type { QuietHours } from "./quiet-hours.js";
import { createScheduler, type Scheduler } from "./scheduler.js";
import { createSendDigest } from "./send-digest.js";

/** Collaborators of {@link createPushRuntime}. */
export interface PushRuntimeDeps {
  api: OutboxApi;
  stores: PushStores;
  engine: Pick<Engine, "add">;
  logger: Logger;
  translator: Translator;
  sources: readonly SourceConfig[];
  corpusDir: string | null;
  loadCorpusFile: (path: string) => CorpusDoc[] | Promise<CorpusDoc[]>;
  /** Attached document files: where originals are kept, OCR, and the store of their fields. */
  documents?: FetchDocumentsDeps;
  timeZone: string;
  defaultQuietHours: QuietHours | null;
  fetchCron: string;
  digestCron: string;
  /** Also told when a chat blocked the bot (the users table). */
  onChatBlocked?: (chatId: number) => void | Promise<void>;
  /** The language a user chose with /lang, if any. */
  languageOf?: (chatId: number) => Promise<string | null>;
  /** Whether this instance runs the jobs and the delivery now (it holds the jobs lease). Defaults to always. */
  mayRun?: () => boolean;
  /** Where the jobs' next times are kept, to run late what fell due while no instance ran them. */
  schedule?: JobScheduleStore;
  /** Defaults to the system clock. */
  now?: Clock;
}

/** Options of {@link createPushRuntime}. */
export interface PushRuntimeOptions {
  worker?: DeliveryWorkerOptions;
  fetch?: FetchSourcesOptions;
  /** Fetch once at start, before the first cron tick. Defaults to true. */
  fetchAtStart?: boolean;
}

/** The running push machinery: the delivery worker and the fetch and digest jobs on their schedules. */
export interface PushRuntime {
  worker: DeliveryWorker;
  scheduler: Scheduler;
  fetchSources: () => Promise<SourceRunReport[]>;
  sendDigest: () => Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Wires sources, subscriptions and delivery together: registers the senders, and schedules `fetch` (FETCH_CRON) and `digest` (DIGEST_CRON).
 *
 * @example
 * const push = createPushRuntime({ api: bot.api, stores, engine, logger, translate, … });
 * push.start();
 */
export function createPushRuntime(deps: PushRuntimeDeps, options: PushRuntimeOptions = {}): PushRuntime {
  const { stores, logger } = deps;
  const worker = createDeliveryWorker(
    {
      api: deps.api,
      outbox: stores.outbox,
      logger: logger.child({ job: "deliver" }),
      ...(deps.mayRun ? { mayRun: deps.mayRun } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    },
    options.worker,
  );
  registerPushSenders(worker, {
    documents: stores.documentsStore,
    items: stores.items,
    subscriptions: stores.subscriptions,
    translator: deps.translator,
    logger,
    ...(deps.onChatBlocked ? { onChatBlocked: deps.onChatBlocked } : {}),
    ...(deps.languageOf ? { languageOf: deps.languageOf } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  worker.onCampaignProgress("announcement", announcementProgressReporter(deps.translator));
  const shared = {
    ...stores,
    logger,
    timeZone: deps.timeZone,
    defaultQuietHours: deps.defaultQuietHours,
    onEnqueued: () => worker.wake(),
    ...(deps.now ? { now: deps.now } : {}),
  };
  const fetchSources = createFetchSources(
    { ...shared, sources: deps.sources, corpusDir: deps.corpusDir, loadCorpusFile: deps.loadCorpusFile, engine: deps.engine, ...(deps.documents ? { documents: deps.documents } : {}) },
    options.fetch,
  );
  const sendDigest = createSendDigest({ ...shared, translator: deps.translator });
  const scheduler = createScheduler(
    { logger, ...(deps.mayRun ? { mayRun: deps.mayRun } : {}), ...(deps.schedule ? { schedule: deps.schedule } : {}) },
    { timeZone: deps.timeZone },
  );
  scheduler.add("fetch", deps.fetchCron, async () => void (await fetchSources()));
  scheduler.add("digest", deps.digestCron, async () => void (await sendDigest()));
  return {
    worker,
    scheduler,
    fetchSources,
    sendDigest,
    start() {
      worker.start();
      scheduler.start();
      if (options.fetchAtStart ?? true) void scheduler.run("fetch");
    },
    async stop() {
      await scheduler.stop();
      await worker.stop();
    },
  };
}
