// What a failed send means, by the error's shape rather than its class, so that jobs need no
// grammY value: a `GrammyError` carries `error_code`; anything else (an `HttpError`) is the network.

/**
 * Thrown by a sender when a row must not be sent at all and must not be retried (the poll closed
 * before this copy went out, the item is gone). The delivery worker gives the row up with this reason.
 *
 * @example
 * if (!poll || poll.status !== "open") throw new GiveUpSendError(`poll ${pollId} is no longer open; copy not sent`);
 */
export class GiveUpSendError extends Error {
  override readonly name = "GiveUpSendError";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** What a failed send means for its row. */
export type SendFailure =
  | { action: "blocked"; reason: string }
  | { action: "flood"; retryAfterMs: number; reason: string }
  | { action: "retry"; reason: string }
  | { action: "fail"; reason: string };

interface TelegramErrorShape {
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
  message?: unknown;
}

/** Classifies an error thrown by a send: blocked (403, a chat that is gone), flood (429), retry (network, 5xx) or fail. */
export function classifySendError(err: unknown): SendFailure {
  if (err instanceof GiveUpSendError) return { action: "fail", reason: err.reason };
  const e = err as TelegramErrorShape | null | undefined;
  const reason = String(e?.description ?? e?.message ?? err);
  if (typeof e?.error_code !== "number") return { action: "retry", reason };
  const code = e.error_code;
  if (code === 403) return { action: "blocked", reason };
  // A chat that no longer exists never will again; treat it like a block.
  if (code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(reason)) return { action: "blocked", reason };
  if (code === 429) {
    const seconds = Number(e.parameters?.retry_after ?? 1);
    return { action: "flood", retryAfterMs: Math.max(1, seconds) * 1000, reason };
  }
  if (code >= 500) return { action: "retry", reason };
  return { action: "fail", reason };
}

/** Whether Telegram refused an edit because it changes nothing (a button pressed twice): harmless. */
export function isMessageNotModified(err: unknown): boolean {
  const e = err as TelegramErrorShape | null | undefined;
  return /message is not modified/i.test(String(e?.description ?? e?.message ?? err));
}
