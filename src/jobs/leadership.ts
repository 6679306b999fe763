import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Clock, SECOND_MS, systemClock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { LeaseStore } from "../storage/lease-store.js";

// One instance at a time runs the scheduled jobs and the outbox delivery: the one holding the lease
// row "jobs". It renews the lease every `renewMs`; when it dies, the lease runs out and the next
// instance to ask takes it. This instance counts itself the holder only until its own view of the
// lease ends (`marginMs` before the stored expiry), so that a holder which stalled (a long pause, a
// lost database) stops before anybody else may start, as long as the instances' clocks agree within
// `marginMs`.

/** Options of {@link createLeadership}. */
export interface LeadershipOptions {
  /** The lease's name. Defaults to "jobs". */
  name?: string;
  /** How long a taken or renewed lease lasts, in milliseconds. Defaults to 6,000. */
  leaseMs?: number;
  /** How often the holder renews and the others ask, in milliseconds. Defaults to a third of `leaseMs`. */
  renewMs?: number;
  /** How much sooner than the stored expiry this instance stops counting itself the holder, in milliseconds. Defaults to 1,000. */
  marginMs?: number;
}

/** Collaborators of {@link createLeadership}. */
export interface LeadershipDeps {
  leases: LeaseStore;
  /** This instance's name (`INSTANCE_ID`): unique among the running instances. */
  instanceId: string;
  logger: Logger;
  /** Whether a holder named so is known to be dead (a process of this machine that is gone). Defaults to {@link isDeadLocalProcess}. */
  isDeadHolder?: (holder: string) => boolean;
  /** Defaults to the system clock. */
  now?: Clock;
}

/** Which instance runs the jobs, as this instance knows it. */
export interface Leadership {
  readonly instanceId: string;
  /** Whether this instance holds the lease now: only then may it start a job or a send. */
  isLeader(): boolean;
  /** The instance that held the lease when it was last read, or null when nobody did. */
  holder(): string | null;
  /** Called with `true` when this instance takes the lease and `false` when it loses it. */
  onChange(listener: (leading: boolean) => void): void;
  /** Asks for the lease once (awaited), then keeps asking or renewing every `renewMs`. */
  start(): Promise<void>;
  /** Asks for or renews the lease now. */
  tick(): Promise<void>;
  /** Stops renewing and gives the lease back, so that another instance takes over at once. */
  stop(): Promise<void>;
}

/** Separates the instance's name from the process's random mark in the stored holder (`INSTANCE_ID` cannot contain it). */
const PROCESS_MARK = "#";

/** The instance named in a stored lease holder (`<INSTANCE_ID>#<process mark>`). */
function instanceOf(holder: string): string {
  const at = holder.indexOf(PROCESS_MARK);
  return at < 0 ? holder : holder.slice(0, at);
}

/** The default `INSTANCE_ID`: this machine's name and the process id, unique among running processes. */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}`;
}

/**
 * Whether `holder` is a default instance id ({@link defaultInstanceId}) of this machine whose process
 * is gone: a restart after a crash then takes the lease at once instead of waiting for it to run out.
 * Anything else (another machine, a name set in `INSTANCE_ID`, a live process) is not known dead.
 */
export function isDeadLocalProcess(holder: string): boolean {
  const prefix = `${hostname()}-`;
  if (!holder.startsWith(prefix)) return false;
  const rest = holder.slice(prefix.length);
  if (!/^\d+$/.test(rest)) return false;
  const pid = Number(rest);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Creates this instance's side of the jobs lease.
 *
 * @example
 * const leadership = createLeadership({ leases: createLeaseStore(db), instanceId: config.instanceId, logger });
 * await leadership.start();
 * scheduler = createScheduler({ logger, mayRun: () => leadership.isLeader() });
 */
export function createLeadership(deps: LeadershipDeps, options: LeadershipOptions = {}): Leadership {
  const { leases, instanceId, logger } = deps;
  const name = options.name ?? "jobs";
  const leaseMs = options.leaseMs ?? 6 * SECOND_MS;
  const renewMs = options.renewMs ?? Math.max(100, Math.floor(leaseMs / 3));
  const marginMs = Math.min(options.marginMs ?? SECOND_MS, Math.floor(leaseMs / 2));
  const now = deps.now ?? systemClock;
  const isDeadHolder = deps.isDeadHolder ?? isDeadLocalProcess;
  const listeners: Array<(leading: boolean) => void> = [];

  let validUntil = 0;
  let lastHolder: string | null = null;
  let leading = false;
  let timer: NodeJS.Timeout | null = null;
  let expiry: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let stopped = false;
  // The lease is held by this process, not only by this name: a second process started with the same
  // INSTANCE_ID (by mistake, or a restart while the old one still runs) must not count as the holder.
  const holderKey = `${instanceId}${PROCESS_MARK}${randomBytes(6).toString("hex")}`;
  let sameNameSeen: string | undefined;

  const isLeader = () => !stopped && now() < validUntil;

  // Tells the listeners when the standing changed, and looks again when this instance's lease would end unrenewed.
  function settle(): void {
    const was = leading;
    leading = isLeader();
    if (expiry) clearTimeout(expiry);
    expiry = null;
    if (leading) {
      expiry = setTimeout(settle, Math.max(0, validUntil - now()));
      expiry.unref();
    }
    if (leading === was) return;
    logger.info({ instance: instanceId, lease: name }, leading ? "jobs: this instance runs them" : "jobs: this instance no longer runs them");
    for (const listener of listeners) {
      try {
        listener(leading);
      } catch (err) {
        logger.error({ err }, "jobs: a leadership listener failed");
      }
    }
  }

  async function attempt(): Promise<void> {
    const askedAt = now();
    try {
      const current = await leases.get(name);
      const live = current && current.holder !== holderKey && current.expiresAt > askedAt ? current.holder : undefined;
      const deadHolder = live !== undefined && isDeadHolder(instanceOf(live)) ? live : undefined;
      if (live !== undefined && instanceOf(live) === instanceId && live !== sameNameSeen) {
        sameNameSeen = live;
        logger.warn(
          { instance: instanceId },
          "jobs: another process holds the lease under this INSTANCE_ID; if it is this instance before a restart, the lease is taken when it runs out; if it keeps it, two running instances share one INSTANCE_ID and one must be renamed",
        );
      }
      if (stopped) return;
      if (await leases.acquire(name, holderKey, askedAt, leaseMs, deadHolder)) {
        if (deadHolder) logger.info({ previous: instanceOf(deadHolder) }, "jobs: took the lease of a process that is gone");
        validUntil = askedAt + leaseMs - marginMs;
        lastHolder = instanceId;
      } else {
        validUntil = 0;
        // Read again: the lease may have been taken between the first read and the refusal.
        const holder = await leases.get(name);
        lastHolder = holder && holder.expiresAt > askedAt ? instanceOf(holder.holder) : null;
      }
    } catch (err) {
      // Keep what is held until it runs out by this clock: a short outage of the database must not stop the jobs.
      logger.warn({ err }, "jobs: could not renew or ask for the lease");
    }
    settle();
  }

  const tick = () => (ticking ??= attempt().finally(() => (ticking = null)));

  return {
    instanceId,
    isLeader,
    holder: () => (isLeader() ? instanceId : lastHolder),
    onChange(listener) {
      listeners.push(listener);
    },
    async start() {
      stopped = false;
      await tick();
      timer ??= setInterval(() => void tick(), renewMs);
      timer.unref();
    },
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await ticking;
      stopped = true;
      validUntil = 0;
      // Not leading any more: this also clears the expiry timer.
      settle();
      // Deletes the row only if this process holds it (the key is this process's own).
      await leases.release(name, holderKey).catch((err: unknown) => logger.warn({ err }, "jobs: could not give the lease back"));
    },
  };
}
