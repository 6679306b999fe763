// Wall-clock time in a time zone, with the platform's Intl data: quiet hours, digests, poll
// deadlines and every date or time a reader sees go through here, in `TZ`. The one format of dates
// and times in texts is Vietnamese: `22/5/2024`, and `10:25 22/5/2024` with the time of day.

/** The calendar fields of an instant as the wall clock in a zone shows them. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a formatter costs far more than using one: one per zone, for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA zone name the platform knows (`Asia/Ho_Chi_Minh`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What the wall clock in `timeZone` shows at `epochMs`. */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts = formatterOf(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant (epoch milliseconds) at which the wall clock in `timeZone` shows the given date and
 * time. Days and hours past their range roll over (`day + 1` is the next day).
 */
export function zonedTimeToEpoch(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset even when the first guess lands across a daylight-saving change.
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(guess, timeZone);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The local hour (0-23) in the zone at that instant. */
export function localHour(epochMs: number, timeZone: string): number {
  return localParts(epochMs, timeZone).hour;
}

/** The local calendar day `YYYY-MM-DD` in the zone at that instant. */
export function localDay(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** The local date `YYYY-MM-DD` and time of day `HH:MM` in the zone at that instant. */
export function localDateTime(epochMs: number, timeZone: string): { date: string; time: string } {
  const p = localParts(epochMs, timeZone);
  return { date: `${p.year}-${pad2(p.month)}-${pad2(p.day)}`, time: `${pad2(p.hour)}:${pad2(p.minute)}` };
}

/**
 * A calendar day `YYYY-MM-DD` as readers see it: `22/5/2024`. Anything else is returned as given.
 *
 * @example
 * formatDate("2024-05-22"); // "22/5/2024"
 */
export function formatDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : day;
}

/** A day `YYYY-MM-DD` without its year, for lists within one week: `22/5`. */
export function formatDayMonth(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})/.exec(day);
  return m ? `${Number(m[2])}/${Number(m[1])}` : day;
}

/**
 * A day and a time of day as readers see them, time first as Vietnamese write it: `10:25 22/5/2024`;
 * without a time, the date alone.
 */
export function formatDateTime(day: string, time: string | null): string {
  return time ? `${time} ${formatDate(day)}` : formatDate(day);
}

/**
 * An instant as readers in `timeZone` see it: `17:00 25/12/2026`.
 *
 * @example
 * formatInstant(Date.parse("2026-12-25T10:00:00Z"), "Asia/Ho_Chi_Minh"); // "17:00 25/12/2026"
 */
export function formatInstant(epochMs: number, timeZone: string): string {
  const { date, time } = localDateTime(epochMs, timeZone);
  return formatDateTime(date, time);
}
