/**
 * Parses a date as Vietnamese sources write it into `YYYY-MM-DD`: `2024-05-22`, `22-5-2024`, `22/5/2024`
 * (day first). Returns null when the text is not one of these forms or not a real calendar date.
 *
 * @example parseDate("22-5-2024") // "2024-05-22"
 */
export function parseDate(text: string): string | null {
  const value = text.trim();
  let year: number;
  let month: number;
  let day: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(value);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[3]), Number(match[4])];
  }
  // Date.UTC rolls 31-2 over into March: reject anything that does not round-trip.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
