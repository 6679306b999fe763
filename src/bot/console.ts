import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Bot } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from "grammy/types";
import type { BotContext } from "./context.js";
import { htmlToPlain } from "./format.js";

/** The bot's own user in console mode, where there is no Telegram to ask. */
export const CONSOLE_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "civic-bot",
  username: "civic_console_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** Token of the console bot: never sent anywhere, every API call is answered in memory. */
export const CONSOLE_TOKEN = "1:console";

/** Options of {@link runConsole}. */
export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** The console user. Defaults to user 1000, language `vi`. */
  user?: User;
}

/**
 * Runs the bot over the terminal: each input line is a message from the console user (a bare
 * number presses that button of the last message), and what the bot sends is printed as text,
 * HTML tags stripped, buttons as numbered lines. Every Bot API call is answered in memory, so the
 * same handlers run as with Telegram. Resolves once input ends and the last reply is printed.
 *
 * @example
 * await runConsole(bot, { input: process.stdin, output: process.stdout });
 */
export async function runConsole(bot: Bot<BotContext>, options: ConsoleOptions): Promise<void> {
  const user: User = options.user ?? { id: 1000, is_bot: false, first_name: "Console", language_code: "vi" };
  const chat = { id: user.id, type: "private" as const, first_name: user.first_name };
  const write = (text: string) => options.output.write(text);
  // Bold (the figure of an answer) only where a terminal shows it; a pipe gets plain text.
  const ansi = (options.output as { isTTY?: boolean }).isTTY === true;
  let nextMessageId = 1;
  let nextUpdateId = 1;
  let buttons: { message: Message; list: InlineKeyboardButton[] } | undefined;
  const now = () => Math.floor(Date.now() / 1000);

  const show = (message: Message, text: string, markup: InlineKeyboardMarkup | undefined) => {
    const list = markup?.inline_keyboard.flat() ?? [];
    const lines = [htmlToPlain(text, { ansi: ansi })];
    list.forEach((b, i) => lines.push(`  [${i + 1}] ${b.text}${"url" in b && b.url ? ` (${b.url})` : ""}`));
    write(`${lines.join("\n")}\n\n`);
    buttons = list.length > 0 ? { message, list } : buttons;
  };

  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
    const make = (text: string, id = nextMessageId++): Message =>
      ({ message_id: id, date: now(), chat, from: CONSOLE_BOT_INFO, text, ...(markup ? { reply_markup: markup } : {}) }) as Message;
    switch (method) {
      case "getMe":
        return { ok: true, result: CONSOLE_BOT_INFO } as never;
      case "sendMessage": {
        const message = make(String(p.text ?? ""));
        show(message, String(p.text ?? ""), markup);
        return { ok: true, result: message } as never;
      }
      case "editMessageText": {
        const message = make(String(p.text ?? ""), Number(p.message_id));
        show(message, String(p.text ?? ""), markup);
        return { ok: true, result: message } as never;
      }
      case "answerCallbackQuery":
        if (typeof p.text === "string" && p.text) write(`(${p.text})\n\n`);
        return { ok: true, result: true } as never;
      case "sendPhoto":
      case "sendDocument":
      case "sendPoll": {
        const label = method === "sendPoll" ? `📊 ${String(p.question ?? "")}` : `📎 ${String(p.caption ?? method)}`;
        const message = make(label);
        show(message, label, markup);
        return { ok: true, result: message } as never;
      }
      default:
        return { ok: true, result: true } as never;
    }
  });
  await bot.init();

  const updateFor = (line: string): Update | undefined => {
    const pressed = /^\s*(\d{1,2})\s*$/.exec(line);
    const button = pressed && buttons ? buttons.list[Number(pressed[1]) - 1] : undefined;
    if (button && "callback_data" in button && button.callback_data) {
      return {
        update_id: nextUpdateId++,
        callback_query: {
          id: String(nextUpdateId),
          from: user,
          chat_instance: "console",
          message: buttons!.message,
          data: button.callback_data,
        },
      };
    }
    if (button && "url" in button) {
      write(`${button.url}\n\n`);
      return undefined;
    }
    const text = line.trim();
    if (!text) return undefined;
    const entities = text.startsWith("/")
      ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }]
      : undefined;
    return {
      update_id: nextUpdateId++,
      message: { message_id: nextMessageId++, date: now(), chat, from: user, text, ...(entities ? { entities } : {}) },
    };
  };

  const lines = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const update = updateFor(line);
    // One update at a time: the reply to a line is printed before the next line is read.
    if (update) await bot.handleUpdate(update);
  }
}
