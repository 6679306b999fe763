import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "../logger.js";
import { createI18n, type Locale } from "./i18n.js";

/** A command as shown in Telegram's menu: its Vietnamese and English names and the description key. */
export interface MenuCommand {
  vi: string;
  en: string;
  /** Locale key of the description, e.g. `command-search`. */
  description: string;
}

/**
 * The commands registered with `setMyCommands`: Vietnamese names for the default scope, English
 * names for users whose Telegram is in English. Both names work everywhere. Features add a line.
 */
export const MENU_COMMANDS: MenuCommand[] = [
  { vi: "hoi", en: "ask", description: "command-ask" },
  { vi: "tim", en: "search", description: "command-search" },
  { vi: "moi", en: "latest", description: "command-latest" },
  { vi: "vanban", en: "documents", description: "command-documents" },
  { vi: "dangky", en: "subscribe", description: "command-subscribe" },
  { vi: "huy", en: "unsubscribe", description: "command-unsubscribe" },
  { vi: "caidat", en: "settings", description: "command-settings" },
  { vi: "lang", en: "lang", description: "command-lang" },
  { vi: "trogiup", en: "help", description: "command-help" },
  { vi: "start", en: "start", description: "command-start" },
];

/** The menu in one language. */
export function menuFor(locale: Locale, commands: readonly MenuCommand[] = MENU_COMMANDS): BotCommand[] {
  const i18n = createI18n();
  return commands.map((c) => ({ command: c[locale], description: i18n.t(locale, c.description) }));
}

/** Registers the menu: Vietnamese for everyone, English for `language_code: "en"`. A failure is logged, not fatal. */
export async function registerCommands(api: Api, logger: Logger): Promise<void> {
  try {
    await api.setMyCommands(menuFor("vi"));
    await api.setMyCommands(menuFor("en"), { language_code: "en" });
  } catch (err) {
    logger.warn({ err }, "bot: could not register the command menu; commands still work");
  }
}
