import { backoffMs, type Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { OutboxRow, OutboxStore } from "../storage/outbox-store.js";
import type { BlockedHook } from "./deliver-outbox.js";
import { classifySendError } from "./send-errors.js";

/** Collaborators of {@link recordSendFailure}. */
export interface SendFailureDeps {
  outbox: OutboxStore;
  now: Clock;
  blockedHooks: readonly BlockedHook[];
  /** Pauses every send until then (a 429 is about the whole bot, not one chat). */
  pauseUntil: (epochMs: number) => void;
  /** How long network and server errors are retried before the row is given up, in milliseconds. */
  giveUpAfterMs: number;
  /** First retry delay, doubled on each further failure, in milliseconds. */
  retryBaseMs: number;
  /** Longest retry delay, in milliseconds. */
  retryMaxMs: number;
}

/**
 * Records what a failed send means for its row: blocked (never retried; the hooks mark the
 * subscriber inactive), held for a 429's `retry_after` (and every send paused), retried with
 * backoff until `giveUpAfterMs`, or given up with Telegram's reason.
 */
export async function recordSendFailure(deps: SendFailureDeps, row: OutboxRow, err: unknown, log: Logger): Promise<void> {
  const { outbox } = deps;
  const failure = classifySendError(err);
  const t = deps.now();
  switch (failure.action) {
    case "blocked": {
      await outbox.markBlocked(row.id, t, failure.reason);
      log.info({ reason: failure.reason }, "outbox: chat refused the bot; marked inactive");
      for (const hook of deps.blockedHooks) {
        Promise.resolve(hook(row.chatId, failure.reason)).catch((e: unknown) => log.error({ err: e }, "outbox: blocked hook failed"));
      }
      return;
    }
    case "flood":
      deps.pauseUntil(t + failure.retryAfterMs);
      await outbox.retryLater(row.id, t + failure.retryAfterMs, failure.reason, false, t);
      log.warn({ retryAfterMs: failure.retryAfterMs }, "outbox: flood limit hit; pausing");
      return;
    case "retry": {
      const first = row.firstAttemptAt ?? t;
      if (t - first >= deps.giveUpAfterMs) {
        await outbox.markFailed(row.id, t, `gave up after ${row.attempts + 1} attempts: ${failure.reason}`);
        log.warn({ reason: failure.reason }, "outbox: send given up");
      } else {
        await outbox.retryLater(row.id, t + backoffMs(row.attempts + 1, deps.retryBaseMs, deps.retryMaxMs), failure.reason, true, t);
        log.warn({ reason: failure.reason, attempts: row.attempts + 1 }, "outbox: send failed; will retry");
      }
      return;
    }
    case "fail":
      await outbox.markFailed(row.id, t, failure.reason);
      log.warn({ reason: failure.reason }, "outbox: send refused by Telegram; given up");
  }
}
