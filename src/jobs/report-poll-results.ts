import type { Api, InputFile } from "grammy";
import { htmlToText } from "../html.js";
import { formatResults } from "../polls/format-results.js";
import { CAPTION_MAX_CHARS, textLength } from "../text-limits.js";
import type { Translator } from "../translate.js";
import { formatInstant } from "../time-zone.js";
import { renderResultsChart } from "../polls/render-chart.js";
import type { PollsStore } from "../storage/polls-store.js";

/** The part of the Bot API results reports use. */
export type ReportApi = Pick<Api, "sendMessage" | "sendPhoto">;

/** Collaborators of {@link reportPollResults}. */
export interface ReportPollResultsDeps {
  polls: PollsStore;
  translator: Translator;
  timeZone: string;
  /** Wraps bytes for upload (grammY's `InputFile`), given by the bot layer so jobs need no grammY value. */
  inputFile: (data: Uint8Array, filename: string) => InputFile;
}

/**
 * Sends a poll's results to a chat: the chart image with the results text as its caption, or the
 * text first and the image after it when the text is longer than a caption may be. Returns false
 * when the poll does not exist.
 */
export async function reportPollResults(
  deps: ReportPollResultsDeps,
  api: ReportApi,
  chatId: number,
  pollId: number,
  locale: string,
  heading?: string,
): Promise<boolean> {
  const results = await deps.polls.results(pollId);
  if (!results) return false;
  const { poll } = results;
  const t = deps.translator(locale);
  const status =
    poll.status === "open"
      ? t("polls-status-open", { deadline: formatInstant(poll.closesAt.getTime(), deps.timeZone) })
      : t("polls-status-closed");
  const input = { question: poll.question, options: poll.options, counts: results.counts, participants: results.participants };
  const text = [heading, t("polls-results-title", { id: poll.id, status }), formatResults(input, t, locale)]
    .filter((part): part is string => part !== undefined)
    .join("\n\n");
  const png = renderResultsChart(
    input,
    { participants: t("polls-participants", { count: results.participants }), note: t("polls-chart-note", { id: poll.id, status }) },
    locale,
  );
  const photo = deps.inputFile(png, `ket-qua-tham-do-${poll.id}.png`);
  if (visibleLength(text) <= CAPTION_MAX_CHARS) {
    await api.sendPhoto(chatId, photo, { caption: text, parse_mode: "HTML" });
  } else {
    await api.sendMessage(chatId, text, { parse_mode: "HTML" });
    await api.sendPhoto(chatId, photo);
  }
  return true;
}

/** Characters Telegram counts in an HTML text: tags removed, entities decoded. */
export function visibleLength(html: string): number {
  return textLength(htmlToText(html));
}
