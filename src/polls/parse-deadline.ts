import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock.js";
import { foldedText } from "../index/normalize.js";
import { zonedTimeToEpoch } from "../time-zone.js";

/** How long a poll runs when nobody says otherwise, in days. */
export const DEFAULT_POLL_DAYS = 7;

/** The furthest a deadline may be, in days: a poll left open for years is a forgotten poll. */
export const MAX_POLL_DAYS = 366;

const UNIT_MS: Record<string, number> = {
  phut: MINUTE_MS,
  minute: MINUTE_MS,
  minutes: MINUTE_MS,
  gio: HOUR_MS,
  hour: HOUR_MS,
  hours: HOUR_MS,
  ngay: DAY_MS,
  day: DAY_MS,
  days: DAY_MS,
  tuan: 7 * DAY_MS,
  week: 7 * DAY_MS,
  weeks: 7 * DAY_MS,
  thang: 30 * DAY_MS,
  month: 30 * DAY_MS,
  months: 30 * DAY_MS,
};

/** Why a deadline was refused; the locale message explains each with an example. */
export type DeadlineProblem = "unreadable" | "invalid-date" | "in-the-past" | "too-far";

/** What {@link parseDeadline} returns. */
export type DeadlineResult = { ok: true; closesAt: Date } | { ok: false; problem: DeadlineProblem };

/**
 * Reads a poll deadline as staff type it: a duration ("3 ngày", "2 tuần", "12 giờ", with or without
 * diacritics, English units too) counted from `now`, or a date in `timeZone` ("25/12/2026", which
 * means the end of that day, or "25/12/2026 17:00"; "-" and "." work as separators as on the website).
 *
 * @example
 * parseDeadline("3 ngày", new Date("2026-11-26T08:00:00Z"), "Asia/Ho_Chi_Minh");
 * // { ok: true, closesAt: 2026-11-29T08:00:00.000Z }
 */
export function parseDeadline(text: string, now: Date, timeZone: string): DeadlineResult {
  const input = fold(text);
  const duration = /^(\d{1,4})\s*([a-z]+)$/.exec(input);
  if (duration) {
    const unit = UNIT_MS[duration[2] ?? ""];
    if (unit === undefined) return { ok: false, problem: "unreadable" };
    return bounded(new Date(now.getTime() + Number(duration[1]) * unit), now);
  }
  const date = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(?:luc\s+)?(\d{1,2})[:h](\d{2})?)?$/.exec(input);
  if (!date) return { ok: false, problem: "unreadable" };
  const [day, month, year] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const hasTime = date[4] !== undefined;
  const [hour, minute] = hasTime ? [Number(date[4]), Number(date[5] ?? 0)] : [23, 59];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59) return { ok: false, problem: "invalid-date" };
  return bounded(new Date(zonedTimeToEpoch(year, month, day, hour, minute, timeZone)), now);
}

function bounded(closesAt: Date, now: Date): DeadlineResult {
  if (closesAt.getTime() <= now.getTime()) return { ok: false, problem: "in-the-past" };
  if (closesAt.getTime() - now.getTime() > MAX_POLL_DAYS * DAY_MS) return { ok: false, problem: "too-far" };
  return { ok: true, closesAt };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fold(text: string): string {
  return foldedText(text).replace(/\s+/g, " ").trim();
}
