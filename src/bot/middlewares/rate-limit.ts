import { type Clock, systemClock } from "../../clock.js";
import type { MiddlewareFn } from "grammy";
import type { RateWindowStore } from "../../storage/rate-windows-store.js";
import type { BotContext } from "../context.js";

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Messages a user may send per window. Defaults to 8. */
  limit?: number;
  /** Length of the window in milliseconds. Defaults to 10,000. */
  windowMs?: number;
  /** Clock in epoch milliseconds. Defaults to the system clock. */
  now?: Clock;
  /** Messages counted by this process between two deletions of ended windows. Defaults to 1,000. */
  sweepEveryMessages?: number;
}

/**
 * Limits incoming messages per user (fixed window). Over the limit, messages are dropped; the
 * user is told once per window, politely, and not once per message. Button presses and inline
 * queries are not counted: they are cheap and Telegram already paces them. The windows are in the
 * database, so the limit holds for the user across every instance of the bot.
 *
 * @example
 * bot.use(rateLimit(deps.guards.rateWindows, { limit: 8, windowMs: 10_000 }));
 */
export function rateLimit(store: RateWindowStore, options: RateLimitOptions = {}): MiddlewareFn<BotContext> {
  const { limit = 8, windowMs = 10_000, now = systemClock, sweepEveryMessages = 1_000 } = options;
  // Only how often this process sweeps is per process; any instance's sweep serves them all.
  let counted = 0;
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !(ctx.message || ctx.editedMessage)) return next();
    const time = now();
    // Users idle for a window are forgotten, so that the table cannot grow without bound.
    if (++counted % sweepEveryMessages === 0) await store.deleteEnded(time, windowMs);
    const window = await store.count(userId, time, windowMs);
    if (window.messages <= limit) return next();
    ctx.logger.debug({ userId }, "bot: rate limited");
    if (ctx.chat?.type !== "private") return;
    if (await store.claimNotice(userId, window.start)) await ctx.reply(ctx.t("rate-limited"));
  };
}
