import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Installed last: whatever no feature handled. In a private chat a short pointer to /help; a
 * button nobody knows is answered (or the client would show a spinner); in groups, silence.
 */
export function createUnhandledFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  });

  feature.chatType("private").on("message", async (ctx) => {
    const key = ctx.msg.text?.startsWith("/") ? "unhandled-command" : "unhandled-message";
    await ctx.reply(ctx.t(key), { parse_mode: "HTML" });
  });
  return feature;
}
