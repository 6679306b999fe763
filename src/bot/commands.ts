import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "../logger.js";
import type { Locale, Translator } from "../translate.js";

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

/** The staff chat's command menu, shown there before the citizens' commands. */
export const STAFF_MENU_COMMANDS: MenuCommand[] = [
  { vi: "thamdo", en: "poll", description: "command-thamdo" },
  { vi: "ketqua", en: "results", description: "command-ketqua" },
  { vi: "dong", en: "close", description: "command-dong" },
  { vi: "xuat", en: "export", description: "command-xuat" },
  { vi: "thongke", en: "stats", description: "command-thongke" },
];

/** The menu in one language. */
export function menuFor(locale: Locale, translator: Translator, commands: readonly MenuCommand[] = MENU_COMMANDS): BotCommand[] {
  const t = translator(locale);
  return commands.map((c) => ({ command: c[locale], description: t(c.description) }));
}

/** Collaborators of {@link registerCommands}. */
export interface RegisterCommandsDeps {
  translator: Translator;
  logger: Logger;
  /** `STAFF_CHAT_ID`: that chat also gets the staff commands. Undefined: no staff menu. */
  staffChatId?: number | undefined;
}

/**
 * Registers the menus: Vietnamese for everyone, English for `language_code: "en"`, and in the staff
 * chat the staff commands first. A failure is logged, not fatal: the commands work without a menu.
 */
export async function registerCommands(api: Pick<Api, "setMyCommands">, deps: RegisterCommandsDeps): Promise<void> {
  const { translator, logger, staffChatId } = deps;
  try {
    await api.setMyCommands(menuFor("vi", translator));
    await api.setMyCommands(menuFor("en", translator), { language_code: "en" });
  } catch (err) {
    logger.warn({ err }, "bot: could not register the command menu; commands still work");
  }
  if (staffChatId === undefined) return;
  try {
    const scope = { type: "chat" as const, chat_id: staffChatId };
    const commands = [...STAFF_MENU_COMMANDS, ...MENU_COMMANDS];
    await api.setMyCommands(menuFor("vi", translator, commands), { scope });
    await api.setMyCommands(menuFor("en", translator, commands), { scope, language_code: "en" });
  } catch (err) {
    logger.warn({ err }, "bot: could not register the staff command menu; commands still work");
  }
}
