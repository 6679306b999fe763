import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { CALLBACKS } from "../../callback-data.js";
import { LOCALES } from "../../translate.js";

/** /lang: choose Vietnamese or English; the choice is stored with the user. */
export function createLanguageFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("lang", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const locale of LOCALES) keyboard.text(ctx.t(`language-name-${locale}`), CALLBACKS.language.encode(locale));
    await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard });
  });

  feature.callbackQuery(CALLBACKS.language.match, async (ctx) => {
    const locale = CALLBACKS.language.decode(ctx.callbackQuery.data);
    if (!locale) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
      return;
    }
    await ctx.deps.users.setLanguage(ctx.from.id, locale);
    ctx.i18n.useLocale(locale);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-set"));
  });
  return feature;
}
