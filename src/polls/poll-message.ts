import type { InlineKeyboardMarkup } from "grammy/types";
import type { Poll } from "../storage/polls-store.js";
import { escapeHtml } from "../html.js";
import type { Translate } from "../translate.js";
import { formatResults, type ResultsInput } from "./format-results.js";
import { formatInstant } from "../time-zone.js";

/** Prefix of a vote button's callback data: `pv:<poll id>:<option position>`, ASCII, far under 64 bytes. */
export const VOTE_CALLBACK_PREFIX = "pv";

const VOTE_DATA = /^pv:(\d{1,10}):(\d{1,2})$/;

/** The callback data of the button for option `position` of poll `pollId`. */
export function voteCallbackData(pollId: number, position: number): string {
  return `${VOTE_CALLBACK_PREFIX}:${pollId}:${position}`;
}

/** Reads a vote button's callback data; null when it is not one. */
export function parseVoteCallbackData(data: string): { pollId: number; position: number } | null {
  const match = VOTE_DATA.exec(data);
  return match ? { pollId: Number(match[1]), position: Number(match[2]) } : null;
}

/** A message ready for `sendMessage` / `editMessageText` in HTML mode. */
export interface PollMessage {
  text: string;
  replyMarkup: InlineKeyboardMarkup;
}

/**
 * The poll as a citizen receives it: the question, how to vote, whether it is anonymous, the
 * deadline, and one button per option (the person's own choices ticked when `chosen` is given).
 */
export function buildPollMessage(poll: Poll, t: Translate, timeZone: string, chosen: readonly number[] = []): PollMessage {
  const text = [
    t("polls-message-title"),
    "",
    `<b>${escapeHtml(poll.question)}</b>`,
    "",
    t(poll.multiple ? "polls-message-multiple" : "polls-message-single"),
    t(poll.anonymous ? "polls-message-anonymous" : "polls-message-named"),
    t("polls-message-deadline", { deadline: formatInstant(poll.closesAt.getTime(), timeZone) }),
  ].join("\n");
  const inline_keyboard = poll.options.map((label, position) => [
    { text: chosen.includes(position) ? `✅ ${label}` : label, callback_data: voteCallbackData(poll.id, position) },
  ]);
  return { text, replyMarkup: { inline_keyboard } };
}

/** The text a poll's copies are edited to when it closes: final results, no buttons. */
export function buildClosedPollMessage(results: ResultsInput, t: Translate, locale: string): string {
  return [t("polls-message-closed-title"), "", formatResults(results, t, locale)].join("\n");
}
