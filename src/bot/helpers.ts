import type { CallbackCodec } from "../callback-data.js";
import { isMessageNotModified } from "../jobs/send-errors.js";
import type { LoggedQuestion } from "../storage/question-store.js";
import type { BotContext } from "./context.js";
import type { Screen, ScreenDeps } from "./screens.js";

/** The screen dependencies of a context: its engine, contact line and translate function. */
export function screenDeps(ctx: BotContext): ScreenDeps {
  return { engine: ctx.deps.engine, contactLine: ctx.deps.contactLine, t: ctx.t };
}

/** Sends a screen as a new HTML message; in groups it replies to the message that asked. */
export async function replyScreen(ctx: BotContext, screen: Screen): Promise<void> {
  const inGroup = ctx.chat?.type !== "private" && ctx.msg?.message_id !== undefined;
  await ctx.reply(screen.text, {
    parse_mode: "HTML",
    reply_markup: screen.keyboard.inline_keyboard.some((row) => row.length > 0) ? screen.keyboard : undefined,
    link_preview_options: { is_disabled: true },
    ...(inGroup && ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
  });
}

/** Replaces the message a button belongs to with `screen` (paging in place). */
export async function editScreen(ctx: BotContext, screen: Screen): Promise<void> {
  try {
    await ctx.editMessageText(screen.text, {
      parse_mode: "HTML",
      reply_markup: screen.keyboard,
      link_preview_options: { is_disabled: true },
    });
  } catch (err) {
    // Two presses racing to the same page: the second edit changes nothing, which is fine.
    if (isMessageNotModified(err)) return;
    throw err;
  }
}

/** A button press decoded: the question-log row it refers to and what the button carries. */
export interface ButtonPress<T> {
  row: LoggedQuestion;
  press: T;
}

/**
 * Decodes a button that refers to a question-log row (`{ row, … }`) and finds the row; when the
 * data is malformed (forged), the row is unknown (stale, or a reset database) or belongs to another
 * chat, it tells the user politely that the button is no longer valid and returns undefined.
 */
export async function decodeButton<T extends { row: number }>(ctx: BotContext, codec: CallbackCodec<T>): Promise<ButtonPress<T> | undefined> {
  const press = codec.decode(ctx.callbackQuery?.data);
  const row = press ? (await ctx.deps.questions.get(press.row)) : undefined;
  if (!press || !row || (ctx.chat && row.chatId !== ctx.chat.id)) {
    await answerStale(ctx);
    return undefined;
  }
  return { row, press };
}

/**
 * A paging button pressed: decodes it, checks the page is one of the row's `pageCount(row)` pages,
 * answers the press and stores the page. Returns undefined when there is nothing to show: a stale
 * button (answered as such), or the page already shown (pressed twice).
 */
export async function turnPage(
  ctx: BotContext,
  codec: CallbackCodec<{ row: number; page: number }>,
  pageCount: (row: LoggedQuestion) => number,
): Promise<{ row: LoggedQuestion; page: number } | undefined> {
  const button = await decodeButton(ctx, codec);
  if (!button) return undefined;
  const { row, press: { page } } = button;
  if (page < 0 || page >= pageCount(row)) {
    await answerStale(ctx);
    return undefined;
  }
  await ctx.answerCallbackQuery();
  return (await ctx.deps.questions.setPage(row.id, page)) ? { row, page } : undefined;
}

/** Answers a button press that no longer means anything. */
export async function answerStale(ctx: BotContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
}

/** Starts Telegram's "typing…" indicator without waiting for it; a failure there is harmless. */
export function showTyping(ctx: BotContext): void {
  if (!ctx.chat) return;
  ctx.api.sendChatAction(ctx.chat.id, "typing").catch((err: unknown) => {
    ctx.logger.debug({ err }, "bot: typing indicator failed");
  });
}
