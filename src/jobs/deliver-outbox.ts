import type { Api } from "grammy";
import type { Logger } from "../logger.js";
import type { Campaign, CampaignProgress, OutboxRow, OutboxStore } from "../storage/outbox-store.js";
import { type Clock, MINUTE_MS, systemClock } from "../clock.js";
import { createCampaignReporter } from "./campaign-reporter.js";
import { recordSendFailure, type SendFailureDeps } from "./record-send-failure.js";

/** The part of the Bot API the delivery worker and its senders may use. */
export type OutboxApi = Pick<Api, "sendMessage" | "sendPoll" | "sendPhoto" | "editMessageText">;

/**
 * Sends one outbox row's payload to one chat and returns what the Bot API returned (a `Message`
 * for `sendMessage` and `sendPoll`). Throwing hands the error to the worker, which classifies it;
 * throw {@link GiveUpSendError} to give the row up without retrying.
 */
export type Sender = (api: OutboxApi, chatId: number, payload: unknown, row: OutboxRow) => Promise<unknown>;

/** Called after a row was sent, with the Bot API's result (the poll code records `poll.id → chat, message`). */
export type AfterSendHook = (row: OutboxRow, result: unknown) => void | Promise<void>;

/** Called when a chat refused a send with 403 (blocked the bot, deactivated): the subscriber goes inactive. */
export type BlockedHook = (chatId: number, reason: string) => void | Promise<void>;

/** Called with a campaign's counts while it runs and once more when nothing of it is pending. */
export type CampaignHook = (
  api: OutboxApi,
  campaign: Campaign,
  progress: CampaignProgress,
  finished: boolean,
) => void | Promise<void>;

/** Options of {@link createDeliveryWorker}. */
export interface DeliveryWorkerOptions {
  /** Sends started per second, over all chats. Defaults to 25 (Telegram allows about 30). */
  ratePerSecond?: number;
  /** Minimum time between two sends to one chat. Defaults to 1000 ms. */
  perChatIntervalMs?: number;
  /**
   * Sends in flight at once. This is also how many sends can be repeated after a crash: a send whose
   * result had not been recorded when the process died is made again. Defaults to 4.
   */
  concurrency?: number;
  /** How long network errors and server errors are retried before a row is given up. Defaults to 15 minutes. */
  giveUpAfterMs?: number;
  /** First retry delay after a network error, doubled each time. Defaults to 1000 ms. */
  retryBaseMs?: number;
  /** Longest retry delay. Defaults to 60 000 ms. */
  retryMaxMs?: number;
  /** How often a running campaign's progress is reported. Defaults to 3000 ms. */
  progressIntervalMs?: number;
  /** How long the worker sleeps when nothing is due and nobody called `wake()`. Defaults to 1000 ms. */
  idleMs?: number;
}

/** Collaborators of {@link createDeliveryWorker}. */
export interface DeliveryWorkerDeps {
  api: OutboxApi;
  outbox: OutboxStore;
  logger: Logger;
  /**
   * Whether this instance may send now (it holds the jobs lease). Asked before every send; while it
   * may not, nothing is sent and no progress is reported. Defaults to always.
   */
  mayRun?: () => boolean;
  /** Defaults to the system clock. */
  now?: Clock;
}

/** The delivery worker: sends the outbox, one row at a time per chat, within Telegram's limits. */
export interface DeliveryWorker {
  /** Registers the sender of one row kind ("item", "announcement", "poll", …). */
  registerSender(kind: string, sender: Sender): void;
  /** Registers a hook run after each successful send of that kind. */
  onSent(kind: string, hook: AfterSendHook): void;
  onBlocked(hook: BlockedHook): void;
  /** Registers the progress reporter of one campaign kind. */
  onCampaignProgress(kind: string, hook: CampaignHook): void;
  /** Starts the sending loop; it runs until `stop()`. */
  start(): void;
  /** Tells a sleeping loop that rows were added. */
  wake(): void;
  /** Stops taking rows, waits for the sends in flight and the last progress reports. */
  stop(): Promise<void>;
  /** Sends every row due now (and those that become due while it runs, up to `untilMs`), then returns. For tests and the bench. */
  drain(untilMs?: number): Promise<void>;
}

export { classifySendError, GiveUpSendError, type SendFailure } from "./send-errors.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Creates the delivery worker over the outbox. Rows are sent in id order; each row is marked sent the
 * moment its send returns, so a crash repeats at most the `concurrency` sends that were in flight.
 *
 * @example
 * const worker = createDeliveryWorker({ api: bot.api, outbox, logger });
 * worker.registerSender("announcement", (api, chatId, p) => api.sendMessage(chatId, (p as { html: string }).html, { parse_mode: "HTML" }));
 * worker.start();
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const { api, outbox, logger } = deps;
  const now = deps.now ?? systemClock;
  const intervalMs = 1000 / (options.ratePerSecond ?? 25);
  const perChatMs = options.perChatIntervalMs ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const idleMs = options.idleMs ?? 1000;

  const senders = new Map<string, Sender>();
  const afterSend = new Map<string, AfterSendHook[]>();
  const blockedHooks: BlockedHook[] = [];
  const campaignHooks = new Map<string, CampaignHook>();

  const inFlight = new Map<number, Promise<void>>();
  const busyChats = new Set<number>();
  const lastSentToChat = new Map<number, number>();
  let nextSlot = 0;
  let pausedUntil = 0;
  // Whether this instance was sending at the last look; without a gate it always is.
  let active = !deps.mayRun;
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  // Set by wake() so that a wake-up arriving while the loop is busy is not lost.
  let wakeRequested = false;

  const campaigns = createCampaignReporter({
    api,
    outbox,
    logger,
    now,
    hooks: campaignHooks,
    intervalMs: options.progressIntervalMs ?? 3000,
  });
  const failures: SendFailureDeps = {
    outbox,
    now,
    blockedHooks,
    pauseUntil: (epochMs) => void (pausedUntil = Math.max(pausedUntil, epochMs)),
    giveUpAfterMs: options.giveUpAfterMs ?? 15 * MINUTE_MS,
    retryBaseMs: options.retryBaseMs ?? 1000,
    retryMaxMs: options.retryMaxMs ?? MINUTE_MS,
  };

  async function sendRow(row: OutboxRow): Promise<void> {
    const sender = senders.get(row.kind);
    const log = logger.child({ outboxId: row.id, kind: row.kind, chatId: row.chatId });
    if (!sender) {
      await outbox.markFailed(row.id, now(), `no sender registered for kind "${row.kind}"`);
      log.error("outbox: no sender for this kind; row given up");
      return;
    }
    let result: unknown;
    try {
      result = await sender(api, row.chatId, row.payload, row);
    } catch (err) {
      campaigns.touch(row.campaignId);
      await recordSendFailure(failures, row, err, log);
      return;
    } finally {
      lastSentToChat.set(row.chatId, now());
    }
    const messageId = (result as { message_id?: unknown } | null)?.message_id;
    await outbox.markSent(row.id, now(), typeof messageId === "number" ? messageId : null);
    campaigns.touch(row.campaignId);
    for (const hook of afterSend.get(row.kind) ?? []) {
      try {
        await hook(row, result);
      } catch (err) {
        log.error({ err }, "outbox: after-send hook failed");
      }
    }
  }

  /**
   * Whether this instance may send now. When it has just become the sender (another instance sent
   * until a moment ago, with its own pacing), it first waits one per-chat interval: the previous
   * sender's last second and this one's first never fall in the same second, nor two sends to one chat.
   */
  function maySend(t: number): boolean {
    if (!deps.mayRun) return true;
    if (!deps.mayRun()) {
      active = false;
      return false;
    }
    if (!active) {
      active = true;
      lastSentToChat.clear();
      pausedUntil = Math.max(pausedUntil, t + Math.max(perChatMs, 1000));
    }
    return true;
  }

  /** Starts as many due rows as the limits allow; returns how long to wait before trying again. */
  async function pump(): Promise<number> {
    let t = now();
    if (!maySend(t)) return idleMs;
    if (t < pausedUntil) return pausedUntil - t;
    const rows = await outbox.due(t, 200 + inFlight.size);
    let started = 0;
    let wait = Number.POSITIVE_INFINITY;
    for (const row of rows) {
      if (!running && !draining) break;
      if (inFlight.has(row.id) || busyChats.has(row.chatId)) continue;
      const last = lastSentToChat.get(row.chatId);
      if (last !== undefined && t - last < perChatMs) {
        wait = Math.min(wait, perChatMs - (t - last));
        continue;
      }
      while (inFlight.size >= concurrency) await Promise.race(inFlight.values());
      t = now();
      if (t < pausedUntil) return pausedUntil - t;
      // Sends finished while this one waited for a slot: its chat may have just been sent to, or have
      // blocked the bot (which closes its other rows), so look again before sending.
      if (inFlight.has(row.id) || busyChats.has(row.chatId)) continue;
      const fresh = await outbox.get(row.id);
      // Reading the row yields: a pump beside this one (`drain()` beside the loop) may have taken it meanwhile.
      if (fresh?.status !== "pending" || inFlight.has(row.id) || busyChats.has(row.chatId)) continue;
      const lastNow = lastSentToChat.get(row.chatId);
      if (lastNow !== undefined && t - lastNow < perChatMs) {
        wait = Math.min(wait, perChatMs - (t - lastNow));
        continue;
      }
      // The row's chat is this pump's from here (no wait since the checks above): a pump beside it
      // (`drain()` beside the loop) skips the chat while this one waits for its slot, and cannot send
      // the row again after this one sent it during that wait.
      busyChats.add(row.chatId);
      if (nextSlot > t) {
        await sleep(nextSlot - t);
        t = now();
      }
      // The lease may have run out while this waited: the instance taking over sends from here.
      if (!maySend(t) || t < pausedUntil) {
        busyChats.delete(row.chatId);
        break;
      }
      // Keep to the schedule rather than to the clock, so timer lateness does not lower the rate;
      // after a pause, start afresh instead of bursting to catch up.
      nextSlot = (t - nextSlot > intervalMs * 2 ? t : nextSlot) + intervalMs;
      const p = sendRow(row)
        .catch((err: unknown) => logger.error({ err, outboxId: row.id }, "outbox: send crashed"))
        .finally(() => {
          inFlight.delete(row.id);
          busyChats.delete(row.chatId);
        });
      inFlight.set(row.id, p);
      started += 1;
    }
    if (started > 0) return 0;
    if (inFlight.size > 0) {
      await Promise.race(inFlight.values());
      return 0;
    }
    const next = await outbox.nextDueAt();
    if (next !== null && next > t) wait = Math.min(wait, next - t);
    if (next !== null && next <= t && rows.length > 0) wait = Math.min(wait, perChatMs);
    return wait;
  }

  let draining = false;

  async function run(): Promise<void> {
    while (running) {
      let wait: number;
      try {
        wait = await pump();
        if (active) await campaigns.report(false);
      } catch (err) {
        logger.error({ err }, "outbox: delivery loop failed; retrying");
        wait = idleMs;
      }
      if (wait > 0 && running && !wakeRequested) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(wait, idleMs));
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = null;
      }
      wakeRequested = false;
    }
  }

  return {
    registerSender(kind, sender) {
      senders.set(kind, sender);
    },
    onSent(kind, hook) {
      afterSend.set(kind, [...(afterSend.get(kind) ?? []), hook]);
    },
    onBlocked(hook) {
      blockedHooks.push(hook);
    },
    onCampaignProgress(kind, hook) {
      campaignHooks.set(kind, hook);
    },
    start() {
      if (running) return;
      running = true;
      // Campaigns left open by a crash are reported again once their rows move.
      loop = campaigns
        .touchOpen()
        .catch((err: unknown) => logger.error({ err }, "outbox: open campaigns not read"))
        .then(() => run());
    },
    wake() {
      wakeRequested = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      await Promise.all(inFlight.values());
      if (active) await campaigns.report(true);
    },
    async drain(untilMs = 0) {
      draining = true;
      try {
        await campaigns.touchOpen();
        const deadline = now() + untilMs;
        for (;;) {
          // Another instance sends: nothing here is for this one to drain.
          if (deps.mayRun && !deps.mayRun()) break;
          const wait = await pump();
          // Zero: rows were started or a send finished; look again at once.
          if (wait === 0) continue;
          const next = await outbox.nextDueAt();
          if (next === null || next > Math.max(deadline, now())) break;
          await sleep(Math.min(Number.isFinite(wait) ? wait : idleMs, idleMs));
        }
        await Promise.all(inFlight.values());
        await campaigns.report(true);
      } finally {
        draining = false;
      }
    },
  };
}
