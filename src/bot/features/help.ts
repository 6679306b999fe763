import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** /help and /trogiup: the list of commands. */
export function createHelpFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command(["help", "trogiup"], async (ctx) => {
    await ctx.reply(ctx.t("help-text"), { parse_mode: "HTML" });
  });
  return feature;
}
