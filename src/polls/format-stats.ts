import type { StaffStats } from "../storage/insight-store.js";
import type { PollStats } from "../storage/polls-store.js";
import { escapeHtml } from "../html.js";
import { truncate } from "../text-limits.js";
import type { Translate } from "../translate.js";
import { formatPercent } from "./format-results.js";
import { formatDayMonth, formatInstant } from "../time-zone.js";

/** Longest question shown in a list, in characters: the report must stay one readable message. */
const LISTED_QUESTION_MAX_CHARS = 120;

/**
 * The staff statistics as one HTML message: users and subscribers, questions per day, the share
 * answered, the top questions and the top unanswered ones, 👎 feedback, and the polls running.
 */
export function formatStaffStats(
  stats: StaffStats,
  polls: PollStats,
  t: Translate,
  locale: string,
  timeZone: string,
  title = "stats-title",
): string {
  const none = t("stats-none");
  const questionLines = (list: StaffStats["topQuestions"]) =>
    list.length === 0 ? [none] : list.map((q) => t("stats-question-line", { question: shorten(q.question), count: q.count }));
  const percent = stats.questions.total === 0 ? 0 : (100 * stats.questions.answered) / stats.questions.total;
  return [
    t(title, { days: stats.days }),
    "",
    t("stats-users", stats.users),
    t("stats-subscribers", stats.subscribers),
    "",
    t("stats-per-day"),
    ...stats.questionsPerDay.map(({ day, count }) => t("stats-day-line", { day: formatDayMonth(day), count })),
    t("stats-answered", { answered: stats.questions.answered, total: stats.questions.total, percent: formatPercent(percent, locale) }),
    "",
    t("stats-top"),
    ...questionLines(stats.topQuestions),
    "",
    t("stats-top-unanswered"),
    ...questionLines(stats.topUnanswered),
    "",
    t("stats-not-helpful", { count: stats.questions.notHelpful }),
    ...stats.notHelpful.map((question) => t("stats-not-helpful-line", { question: shorten(question) })),
    "",
    t("stats-polls", { count: polls.open }),
    ...polls.openPolls.map((p) =>
      t("stats-poll-line", {
        id: p.id,
        question: shorten(p.question),
        participants: p.participants,
        deadline: formatInstant(p.closesAt.getTime(), timeZone),
      }),
    ),
  ].join("\n");
}

function shorten(text: string): string {
  return escapeHtml(truncate(text, LISTED_QUESTION_MAX_CHARS));
}
