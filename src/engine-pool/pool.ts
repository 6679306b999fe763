import { Worker } from "node:worker_threads";
import type { AskOptions, AskResult, CorpusDoc, Engine, SearchOptions, SearchPage } from "../index/types.js";
import type { Logger } from "../logger.js";
import { searchIds, type DocChange, type SearchIds, type WorkerInit, type WorkerReply, type WorkerRequest } from "./protocol.js";
import { EngineUnavailableError, type AsyncEngine } from "./types.js";

// The engine on every core: worker threads that each hold an engine restored over the same
// snapshot bytes in shared memory (the index arrays and document texts exist once, whatever the
// number of threads). The pool hands each idle thread one question at a time from one queue, so a
// question waits for the first free thread and the wait can be bounded. The in-process engine over
// the same snapshot serves the cheap reads (documents by id, latest, by number) without a round trip.

/** How long a question may wait for a free thread before it is refused as busy, in milliseconds. */
export const ENGINE_WAIT_LIMIT_MS = 5_000;

/** How long closing waits for the questions in hand before ending the threads, in milliseconds. */
export const ENGINE_CLOSE_TIMEOUT_MS = 5_000;

/** A thread that dies this many times in a row before it is ready is not started again. */
const MAX_FAILED_STARTS = 3;

/** Options of {@link startEnginePool}. */
export interface EnginePoolOptions {
  /** Number of worker threads (at least 1). */
  threads: number;
  /** The index snapshot's bytes, in a SharedArrayBuffer (see `loadEngine({ shared: true })`). */
  snapshot: Uint8Array;
  /** The in-process engine restored from the same snapshot: it reads documents for the pool and takes the same changes. */
  engine: Engine;
  logger: Logger;
  /** How long a question may wait for a thread. Defaults to {@link ENGINE_WAIT_LIMIT_MS}. */
  maxWaitMs?: number;
  /** How long `close()` waits for the questions in hand. Defaults to {@link ENGINE_CLOSE_TIMEOUT_MS}. */
  closeTimeoutMs?: number;
  /** The worker module to run, for tests that inject faults. Defaults to `engine-worker.ts`. */
  workerModule?: URL;
}

/** One thread of the pool, as seen from outside (health checks, tests, benchmarks). */
export interface EngineThread {
  worker: Worker;
  ready: boolean;
  /** Whether it holds a question now. */
  busy: boolean;
  /** Questions and searches it has answered. */
  answered: number;
}

/** Counts since the pool started. */
export interface EnginePoolStats {
  answered: number;
  /** Refused after waiting {@link EnginePoolOptions.maxWaitMs}. */
  busy: number;
  /** Threads that died and were replaced. */
  crashed: number;
  queued: number;
  /** Time the threads spent computing answers, in milliseconds. */
  computeMs: number;
}

/** The engine answering in worker threads. */
export interface EnginePool extends AsyncEngine {
  /** The threads now running. */
  threads(): EngineThread[];
  stats(): EnginePoolStats;
}

type Request = { type: "ask"; question: string; options: AskOptions } | { type: "search"; query: string; options: SearchOptions };

interface Job {
  id: number;
  request: Request;
  resolve(result: AskResult | SearchIds): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  answered: number;
}

/**
 * Starts the pool and resolves once every thread is ready. Documents added or removed through the
 * pool reach every thread before any question asked after the call; a thread that dies is logged
 * and replaced (with every change since the snapshot), and the question it held is rejected with
 * {@link EngineUnavailableError} `crashed` so that the asker can apologise.
 *
 * @example
 * const loaded = loadEngine({ corpusPath, dataDir, shared: true });
 * const pool = await startEnginePool({ threads: 2, snapshot: loaded.shared!, engine: loaded.engine, logger });
 * (await pool.ask("Đông Hà có bao nhiêu đảng viên?")).answer?.figure // "7.210"
 */
export async function startEnginePool(options: EnginePoolOptions): Promise<EnginePool> {
  const { engine, logger, snapshot } = options;
  if (!(snapshot.buffer instanceof SharedArrayBuffer)) {
    throw new TypeError("engine-pool: the snapshot must be in a SharedArrayBuffer (load it with loadEngine({ shared: true }))");
  }
  const shared = snapshot.buffer;
  const maxWaitMs = options.maxWaitMs ?? ENGINE_WAIT_LIMIT_MS;
  const closeTimeoutMs = options.closeTimeoutMs ?? ENGINE_CLOSE_TIMEOUT_MS;
  const workerModule = options.workerModule ?? new URL("./engine-worker.ts", import.meta.url);
  const threadCount = Math.max(1, options.threads);
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const changes: DocChange[] = [];
  const counts = { answered: 0, busy: 0, crashed: 0, computeMs: 0 };
  let nextId = 1;
  let failedStarts = 0;
  // With no thread able to start, questions are answered in process rather than never.
  let inProcess = false;
  let closing: Promise<void> | undefined;
  let whenReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (whenReady = resolve));
  const drainWaiters: Array<() => void> = [];

  const idle = () => queue.length === 0 && slots.every((s) => !s.job);
  const checkDrained = () => {
    if (idle()) drainWaiters.splice(0).forEach((wake) => wake());
  };
  const checkReady = () => {
    if (inProcess || slots.filter((s) => s.ready).length >= threadCount) whenReady();
  };

  const answerInProcess = (job: Job) => {
    try {
      const { request } = job;
      job.resolve(request.type === "ask" ? engine.ask(request.question, request.options) : searchIds(engine.search(request.query, request.options)));
    } catch (err) {
      job.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const dispatch = () => {
    if (inProcess && slots.length === 0) {
      for (const job of queue.splice(0)) {
        clearTimeout(job.timer);
        answerInProcess(job);
      }
    }
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (!slot.ready || slot.job) continue;
      const job = queue.shift()!;
      clearTimeout(job.timer);
      slot.job = job;
      slot.worker.postMessage({ ...job.request, id: job.id } satisfies WorkerRequest);
    }
    checkDrained();
  };

  const spawn = () => {
    const init: WorkerInit & { entry: string } = {
      entry: workerModule.href,
      snapshot: shared,
      byteOffset: snapshot.byteOffset,
      byteLength: snapshot.byteLength,
      changes,
    };
    const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: init });
    const slot: Slot = { worker, ready: false, job: null, answered: 0 };
    slots.push(slot);
    worker.on("message", (reply: WorkerReply) => {
      if (reply.type === "ready") {
        slot.ready = true;
        failedStarts = 0;
        logger.debug({ threadId: worker.threadId, docs: reply.docs }, "engine-pool: thread ready");
        checkReady();
        dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      if (reply.type === "done") {
        slot.answered++;
        counts.answered++;
        counts.computeMs += reply.ms;
        job.resolve(reply.result);
      } else {
        logger.error({ threadId: worker.threadId, err: { message: reply.message } }, "engine-pool: a question failed in a thread");
        job.reject(new EngineUnavailableError("failed", "engine-pool: the engine failed on this question"));
      }
      dispatch();
    });
    worker.on("error", (err) => {
      logger.error({ err, threadId: worker.threadId }, "engine-pool: a thread crashed");
    });
    worker.on("exit", (code) => {
      slots.splice(slots.indexOf(slot), 1);
      if (slot.job) {
        slot.job.reject(new EngineUnavailableError("crashed", "engine-pool: the thread answering this question ended"));
        slot.job = null;
      }
      if (closing) return checkDrained();
      counts.crashed++;
      if (!slot.ready) failedStarts++;
      if (failedStarts >= MAX_FAILED_STARTS) {
        logger.error({ code, failedStarts }, "engine-pool: threads fail to start; no more are started");
        inProcess = slots.length === 0;
        checkReady();
      } else {
        logger.error({ threadId: worker.threadId, code }, "engine-pool: a thread ended unexpectedly; starting another");
        spawn();
      }
      dispatch();
    });
  };

  const submit = (request: Request): Promise<AskResult | SearchIds> =>
    new Promise((resolve, reject) => {
      if (closing) return reject(new EngineUnavailableError("closed", "engine-pool: closed"));
      const job: Job = { id: nextId++, request, resolve, reject };
      job.timer = setTimeout(() => {
        const at = queue.indexOf(job);
        if (at < 0) return;
        queue.splice(at, 1);
        counts.busy++;
        reject(new EngineUnavailableError("busy", `engine-pool: no thread was free within ${maxWaitMs} ms`));
        checkDrained();
      }, maxWaitMs);
      queue.push(job);
      dispatch();
    });

  const broadcast = (change: DocChange) => {
    changes.push(change);
    // A port delivers in order: the change reaches each thread before any question sent after it.
    for (const slot of slots) slot.worker.postMessage(change satisfies WorkerRequest);
  };

  for (let i = 0; i < threadCount; i++) spawn();
  await ready;
  logger.info({ threads: slots.length, inProcess }, "engine-pool: ready");

  return {
    async ask(question, askOptions = {}) {
      return (await submit({ type: "ask", question, options: askOptions })) as AskResult;
    },
    async search(query, searchOptions = {}): Promise<SearchPage> {
      const found = (await submit({ type: "search", query, options: searchOptions })) as SearchIds;
      const hits: SearchPage["hits"] = [];
      for (const hit of found.hits) {
        // A document removed while the search ran is left out rather than shown.
        const doc = engine.get(hit.id);
        if (doc) hits.push({ doc, score: hit.score });
      }
      return { total: found.total, hits };
    },
    latest: (latestOptions) => engine.latest(latestOptions),
    byNumber: (number) => engine.byNumber(number),
    get: (id) => engine.get(id),
    add(doc: CorpusDoc) {
      engine.add(doc);
      broadcast({ type: "add", doc });
    },
    remove(id: string) {
      const removed = engine.remove(id);
      if (removed) broadcast({ type: "remove", id });
      return removed;
    },
    get size() {
      return engine.size;
    },
    threads: () => slots.map((s) => ({ worker: s.worker, ready: s.ready, busy: s.job !== null, answered: s.answered })),
    stats: () => ({ ...counts, queued: queue.length }),
    close() {
      closing ??= (async () => {
        // The questions in hand (running or waiting) are finished, within the budget.
        let budget: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            drainWaiters.push(resolve);
            checkDrained();
          }),
          new Promise<void>((resolve) => (budget = setTimeout(resolve, closeTimeoutMs))),
        ]);
        clearTimeout(budget);
        for (const job of queue.splice(0)) {
          clearTimeout(job.timer);
          job.reject(new EngineUnavailableError("closed", "engine-pool: closed before this question's turn"));
        }
        await Promise.all(slots.map((s) => s.worker.terminate()));
        logger.info(counts, "engine-pool: closed");
      })();
      return closing;
    },
  };
}
