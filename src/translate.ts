// The one translation signature of handlers and jobs. Texts live in locales/; the one i18n instance
// is made by `createI18n` (src/bot/i18n.ts) in main.ts, and gives every text the city name.

/** Variables of a locale text. */
export type TranslateVariables = Record<string, string | number>;

/** Looks up a user-facing sentence in one language: a handler's `ctx.t`, or a job's `translator(locale)`. */
export type Translate = (key: string, variables?: TranslateVariables) => string;

/** Gives the {@link Translate} of one language ("vi", "en"), for code that runs outside an update (jobs). */
export type Translator = (locale: string) => Translate;

/** Languages the bot speaks; the first is the default. */
export const LOCALES = ["vi", "en"] as const;

/** A language the bot speaks. */
export type Locale = (typeof LOCALES)[number];

/** The default language of every message, and of the staff chat. */
export const DEFAULT_LOCALE: Locale = "vi";

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
