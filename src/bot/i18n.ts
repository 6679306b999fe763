import { I18n } from "@grammyjs/i18n";
import { fileURLToPath } from "node:url";
import { DEFAULT_LOCALE, pickLocale, type Translator } from "../translate.js";
import type { BotContext } from "./context.js";

// One folder per language, one .ftl file per feature: locales/vi/ask.ftl, locales/en/ask.ftl, …
const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

/** The one translation instance of the process: the bot's middleware and the jobs' translator over it. */
export interface Translations {
  /** The i18n plugin, installed by `createBot`: gives handlers `ctx.t` in the user's language. */
  plugin: I18n<BotContext>;
  /** The same texts for jobs, in the language they name. */
  translator: Translator;
}

/**
 * Loads the locale folders once. Texts are Fluent; placeables are not wrapped in Unicode isolation
 * marks, which Telegram would show as stray characters. Every text, in handlers and jobs alike,
 * gets `{ $city }` (`CITY_NAME`).
 *
 * @example
 * const translations = createTranslations(config.cityName);
 * const bot = createBot(token, deps, { translations });
 * translations.translator("vi")("push-read-button");
 */
export function createTranslations(cityName: string): Translations {
  const plugin = new I18n<BotContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) =>
      pickLocale(ctx.from ? (await ctx.deps.users.language(ctx.from.id)) : null, ctx.from?.language_code),
    globalTranslationContext: () => ({ city: cityName }),
  });
  const translator: Translator = (locale) => (key, variables) => plugin.t(locale, key, { city: cityName, ...variables });
  return { plugin, translator };
}
