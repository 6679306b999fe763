import { Composer, InlineKeyboard } from "grammy";
import { CALLBACKS } from "../../callback-data.js";
import type { BotContext } from "../context.js";
import { answerQuestion } from "../questions.js";

/** How many example questions /start offers as buttons (locale keys start-example-1 …). */
export const EXAMPLE_COUNT = 3;

/** /start: a short welcome and three example questions as buttons; pressing one asks it. */
export function createStartFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("start", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (let i = 1; i <= EXAMPLE_COUNT; i++) keyboard.text(ctx.t(`start-example-${i}`), CALLBACKS.example.encode({ n: i })).row();
    await ctx.reply(ctx.t("start-welcome"), { parse_mode: "HTML", reply_markup: keyboard });
  });

  feature.callbackQuery(CALLBACKS.example.match, async (ctx) => {
    const n = CALLBACKS.example.decode(ctx.callbackQuery.data)?.n;
    if (n === undefined || n < 1 || n > EXAMPLE_COUNT) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
      return;
    }
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, ctx.t(`start-example-${n}`));
  });
  return feature;
}
