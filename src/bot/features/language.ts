import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { isLocale, LOCALES } from "../i18n.js";

/** /lang: choose Vietnamese or English; the choice is stored with the user. */
export const languageFeature = new Composer<BotContext>();

languageFeature.command("lang", async (ctx) => {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) keyboard.text(ctx.t(`language-name-${locale}`), `lang:${locale}`);
  await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard });
});

languageFeature.callbackQuery(/^lang:/, async (ctx) => {
  const locale = ctx.callbackQuery.data.slice("lang:".length);
  if (!isLocale(locale)) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
    return;
  }
  await ctx.deps.users.setLanguage(ctx.from.id, locale);
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("language-set"));
});
