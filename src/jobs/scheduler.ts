import { createTask, validate, type ScheduledTask } from "node-cron";
import { type Clock, systemClock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { JobScheduleStore } from "../storage/job-schedule-store.js";

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
  /**
   * Where each job's next time is kept after its runs, so that the instance taking over (or a restart)
   * runs late what fell due while no instance ran the jobs. Defaults to nowhere.
   */
  schedule?: JobScheduleStore;
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
  /**
   * Runs now, side by side, the jobs whose recorded next time has passed (their tick fell while
   * no instance ran the jobs), and records every job's next time. Returns the jobs it ran.
   */
  runOverdue(): Promise<string[]>;
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
      await remember(name);
    } finally {
      running.delete(name);
    }
    log.debug({ ms: now() - startedAt, outcome }, "scheduler: job finished");
    return outcome;
  }

  // The job's next tick, as the instance that just ran it sees it.
  async function remember(name: string): Promise<void> {
    const next = jobs.get(name)?.task?.getNextRun();
    if (!deps.schedule || !next) return;
    try {
      await deps.schedule.setNext(name, next.getTime(), now());
    } catch (err) {
      deps.logger.warn({ err, job: name }, "scheduler: could not record the job's next time");
    }
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
    async runOverdue() {
      if (!deps.schedule || (deps.mayRun && !deps.mayRun())) return [];
      const recorded = await deps.schedule.all();
      const t = now();
      const overdue = [...jobs.keys()].filter((name) => (recorded.get(name) ?? Number.POSITIVE_INFINITY) <= t);
      for (const name of jobs.keys()) if (!overdue.includes(name)) await remember(name);
      // The jobs are independent: a slow fetch must not hold back a digest that is already late.
      const outcomes = await Promise.all(
        overdue.map((name) => {
          deps.logger.info({ job: name, dueAt: new Date(recorded.get(name)!).toISOString() }, "scheduler: running a job whose time passed while no instance ran the jobs");
          return run(name);
        }),
      );
      return overdue.filter((_, i) => outcomes[i] !== "standby");
    },
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
