import { type Clock, systemClock } from "../../clock.js";
import type { MiddlewareFn } from "grammy";
import type { ButtonPressStore } from "../../storage/button-presses-store.js";
import type { BotContext } from "../context.js";

/** Options of {@link dedupePresses}. */
export interface DedupePressesOptions {
  /** How long the same press on the same message counts as a repeat, in milliseconds. Defaults to 5,000. */
  windowMs?: number;
  /** Clock in epoch milliseconds. Defaults to the system clock. */
  now?: Clock;
  /** Presses seen by this process between two deletions of old ones. Defaults to 1,000. */
  sweepEveryPresses?: number;
}

/**
 * Answers a repeated press of the same button on the same message, as the client showed it (a
 * double tap, or a client resending), without doing the work again. Handlers that change state are idempotent on their
 * own as well; this spares the duplicate message of a "read in full" tapped twice. The presses are in
 * the database, so the second tap is recognised whichever instance Telegram gives it to.
 *
 * @example
 * bot.use(dedupePresses(deps.guards.presses, { windowMs: 5_000 }));
 */
export function dedupePresses(store: ButtonPressStore, options: DedupePressesOptions = {}): MiddlewareFn<BotContext> {
  const { windowMs = 5_000, now = systemClock, sweepEveryPresses = 1_000 } = options;
  let seen = 0;
  return async (ctx, next) => {
    const query = ctx.callbackQuery;
    if (!query?.data) return next();
    const time = now();
    // The message as the client saw it: after an edit (paging), the same button is a new press.
    const m = query.message;
    const messageKey = m
      ? `${m.chat.id}:${m.message_id}:${"edit_date" in m ? (m.edit_date ?? 0) : 0}:${"text" in m ? (m.text?.length ?? 0) : 0}`
      : query.inline_message_id;
    if (++seen % sweepEveryPresses === 0) await store.deleteEnded(time, windowMs);
    if (await store.press(`${query.from.id}|${messageKey}|${query.data}`, time, windowMs)) {
      await ctx.answerCallbackQuery();
      return;
    }
    await next();
  };
}
