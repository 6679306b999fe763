import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Records every user who writes to the bot in a private chat (first and last seen); writing again
 * makes a user who had blocked the bot reachable again.
 */
export function trackUser(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type === "private" && ctx.from && !ctx.from.is_bot && !ctx.myChatMember) {
      await ctx.deps.users.touch(ctx.from.id, new Date(ctx.now()));
    }
    return next();
  };
}
