import { localHour, localParts, zonedTimeToEpoch } from "../time-zone.js";

/** Quiet hours as [startHour, endHour): "22-6" is [22, 6], crossing midnight. */
export type QuietHours = readonly [number, number];

/** Whether the local hour falls in the quiet hours (equal start and end mean never). */
export function isQuiet(epochMs: number, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false;
  const [start, end] = quiet;
  if (start === end) return false;
  const h = localHour(epochMs, timeZone);
  return start < end ? h >= start && h < end : h >= start || h < end;
}

/**
 * When the quiet hours around `epochMs` end (epoch milliseconds), or null when it is not quiet then.
 * Held pushes are due at that instant.
 *
 * @example
 * quietUntil(Date.parse("2024-05-22T16:00:00Z"), [22, 6], "Asia/Ho_Chi_Minh"); // 2024-05-22T23:00:00Z (06:00 local)
 */
export function quietUntil(epochMs: number, quiet: QuietHours | null, timeZone: string): number | null {
  if (!quiet || !isQuiet(epochMs, quiet, timeZone)) return null;
  const end = quiet[1];
  const p = localParts(epochMs, timeZone);
  const dayShift = p.hour < end ? 0 : 1;
  return zonedTimeToEpoch(p.year, p.month, p.day + dayShift, end, 0, timeZone);
}

/** Parses "22-6" into [22, 6]; "" into null. Throws on anything else, saying what is expected. */
export function parseQuietHours(text: string): QuietHours | null {
  const t = text.trim();
  if (t === "") return null;
  const m = /^([01]?\d|2[0-3])\s*-\s*([01]?\d|2[0-3])$/.exec(t);
  if (!m) throw new Error(`quiet hours: "${text}" is not "start-end" hours such as 22-6`);
  return [Number(m[1]), Number(m[2])];
}
