import { I18n } from "@grammyjs/i18n";
import { fileURLToPath } from "node:url";
import type { BotContext } from "./context.js";

/** Languages the bot speaks; the first is the default. */
export const LOCALES = ["vi", "en"] as const;

/** A language the bot speaks. */
export type Locale = (typeof LOCALES)[number];

/** The default language of every message. */
export const DEFAULT_LOCALE: Locale = "vi";

// One folder per language, one .ftl file per feature: locales/vi/ask.ftl, locales/en/ask.ftl, …
const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

/** Whether `value` names a language the bot speaks. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language for a user: the one chosen with /lang, else Telegram's language as a first guess
 * (English for any `en-*`), else Vietnamese.
 */
export function pickLocale(chosen: string | null | undefined, telegramLanguage: string | undefined): Locale {
  if (isLocale(chosen)) return chosen;
  const base = telegramLanguage?.toLowerCase().split("-")[0];
  return isLocale(base) ? base : DEFAULT_LOCALE;
}

/**
 * Creates the i18n plugin over the locale folders. Texts are Fluent; placeables are not wrapped in
 * Unicode isolation marks, which Telegram would show as stray characters.
 *
 * @example
 * bot.use(createI18n());
 * bot.command("start", (ctx) => ctx.reply(ctx.t("start-welcome")));
 */
export function createI18n(): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) =>
      pickLocale(ctx.from ? await ctx.deps.users.language(ctx.from.id) : null, ctx.from?.language_code),
    globalTranslationContext: (ctx) => ({ city: ctx.deps.cityName }),
  });
}
