import { createTask, validate, type ScheduledTask } from "node-cron";
import { type Clock, systemClock } from "../clock.js";
import type { Logger } from "../logger.js";

/** A scheduled job: an async function run on its cron expression. Errors are logged, never fatal. */
export type Job = () => Promise<void>;

/** How a call to {@link Scheduler.run} ended. */
export type JobOutcome = "done" | "failed" | "skipped-overlap" | "standby" | "unknown-job";

/** Options of {@link createScheduler}. */
export interface SchedulerOptions {
  /** IANA time zone the cron expressions are read in. Defaults to `Asia/Ho_Chi_Minh`. */
  timeZone?: string;
}

/** Collaborators of {@link createScheduler}. */
export interface SchedulerDeps {
  logger: Logger;
  /**
   * Whether this instance may run jobs now (it holds the jobs lease). When it may not, a run is
   * "standby" and does nothing: another instance runs it. Defaults to always.
   */
  mayRun?: () => boolean;
  /** Defaults to the system clock. */
  now?: Clock;
}

/** Named cron jobs that never overlap themselves, with a manual trigger. */
export interface Scheduler {
  /**
   * Adds a job. Six-field expressions (seconds first) are accepted.
   * Throws, naming the job and the expression, when the expression is invalid.
   */
  add(name: string, cron: string, job: Job): void;
  /** Runs a job now, unless a run of it is still going (then it is skipped, as a tick would be) or another instance runs the jobs. */
  run(name: string): Promise<JobOutcome>;
  /** Whether a run of the job is going. */
  isBusy(name: string): boolean;
  /** Starts the cron timers. */
  start(): void;
  /** Stops the timers and waits for the runs in progress. */
  stop(): Promise<void>;
}

/**
 * Creates the scheduler: the one place node-cron is used.
 *
 * @example
 * const scheduler = createScheduler({ logger }, { timeZone: config.timeZone });
 * scheduler.add("fetch", config.fetchCron, () => fetchSources());
 * scheduler.start();
 */
export function createScheduler(deps: SchedulerDeps, options: SchedulerOptions = {}): Scheduler {
  const timeZone = options.timeZone ?? "Asia/Ho_Chi_Minh";
  const jobs = new Map<string, { cron: string; job: Job; task: ScheduledTask | null }>();
  const running = new Map<string, Promise<void>>();
  const now = deps.now ?? systemClock;
  let started = false;

  async function run(name: string): Promise<JobOutcome> {
    const entry = jobs.get(name);
    if (!entry) return "unknown-job";
    if (deps.mayRun && !deps.mayRun()) {
      deps.logger.debug({ job: name }, "scheduler: another instance runs the jobs; not run here");
      return "standby";
    }
    if (running.has(name)) {
      deps.logger.warn({ job: name }, "scheduler: previous run still going; this one is skipped");
      return "skipped-overlap";
    }
    const log = deps.logger.child({ job: name });
    let outcome: JobOutcome = "done";
    const startedAt = now();
    const p = (async () => {
      try {
        await entry.job();
      } catch (err) {
        outcome = "failed";
        log.error({ err }, "scheduler: job failed");
      }
    })();
    running.set(name, p);
    try {
      await p;
    } finally {
      running.delete(name);
    }
    log.debug({ ms: now() - startedAt, outcome }, "scheduler: job finished");
    return outcome;
  }

  const schedule = (name: string) => {
    const entry = jobs.get(name)!;
    entry.task = createTask(entry.cron, () => run(name), { timezone: timeZone, name, noOverlap: true });
    void entry.task.start();
  };

  return {
    add(name, cron, job) {
      if (!validate(cron)) {
        throw new Error(`scheduler: job "${name}": "${cron}" is not a valid cron expression (5 fields, or 6 with seconds first)`);
      }
      if (jobs.has(name)) throw new Error(`scheduler: job "${name}" is already added; pick another name`);
      jobs.set(name, { cron, job, task: null });
      if (started) schedule(name);
    },
    run,
    isBusy: (name) => running.has(name),
    start() {
      if (started) return;
      started = true;
      for (const name of jobs.keys()) schedule(name);
    },
    async stop() {
      started = false;
      for (const entry of jobs.values()) {
        await entry.task?.destroy();
        entry.task = null;
      }
      await Promise.all(running.values());
    },
  };
}
