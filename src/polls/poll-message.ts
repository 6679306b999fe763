import type { InlineKeyboardMarkup } from "grammy/types";
import type { Poll } from "../storage/polls-store.js";
import { CALLBACKS } from "../callback-data.js";
import { escapeHtml } from "../html.js";
import type { Translate } from "../translate.js";
import { formatResults, type ResultsInput } from "./format-results.js";
import { formatInstant } from "../time-zone.js";

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
    { text: chosen.includes(position) ? `✅ ${label}` : label, callback_data: CALLBACKS.vote.encode({ pollId: poll.id, position }) },
  ]);
  return { text, replyMarkup: { inline_keyboard } };
}

/** The text a poll's copies are edited to when it closes: final results, no buttons. */
export function buildClosedPollMessage(results: ResultsInput, t: Translate, locale: string): string {
  return [t("polls-message-closed-title"), "", formatResults(results, t, locale)].join("\n");
}
