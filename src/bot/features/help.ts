import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** /help and /trogiup: the list of commands. */
export const helpFeature = new Composer<BotContext>();

helpFeature.command(["help", "trogiup"], async (ctx) => {
  await ctx.reply(ctx.t("help-text"), { parse_mode: "HTML" });
});
