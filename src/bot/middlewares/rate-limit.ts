import { type Clock, systemClock } from "../../clock.js";
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Messages a user may send per window. Defaults to 8. */
  limit?: number;
  /** Length of the window in milliseconds. Defaults to 10,000. */
  windowMs?: number;
  /** Clock in epoch milliseconds. Defaults to the system clock. */
  now?: Clock;
}

interface Window {
  start: number;
  count: number;
  noticed: boolean;
}

// Forget users idle for a while so that the map cannot grow without bound.
const SWEEP_EVERY_UPDATES = 10_000;

/**
 * Limits incoming messages per user (fixed window). Over the limit, messages are dropped; the
 * user is told once per window, politely, and not once per message. Button presses and inline
 * queries are not counted: they are cheap and Telegram already paces them.
 *
 * @example
 * bot.use(rateLimit({ limit: 8, windowMs: 10_000 }));
 */
export function rateLimit(options: RateLimitOptions = {}): MiddlewareFn<BotContext> {
  const { limit = 8, windowMs = 10_000, now = systemClock } = options;
  const windows = new Map<number, Window>();
  let seen = 0;
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !(ctx.message || ctx.editedMessage)) return next();
    const time = now();
    if (++seen % SWEEP_EVERY_UPDATES === 0) {
      for (const [id, w] of windows) if (time - w.start >= windowMs) windows.delete(id);
    }
    let w = windows.get(userId);
    if (!w || time - w.start >= windowMs) {
      w = { start: time, count: 0, noticed: false };
      windows.set(userId, w);
    }
    w.count++;
    if (w.count <= limit) return next();
    ctx.logger.debug({ userId }, "bot: rate limited");
    if (w.noticed || ctx.chat?.type !== "private") return;
    w.noticed = true;
    await ctx.reply(ctx.t("rate-limited"));
  };
}
