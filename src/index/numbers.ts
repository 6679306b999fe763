// Numbers and dates as Vietnamese texts write them: `.` groups thousands and `,` is the decimal mark
// (`7.210`, `361,503`, `9,77%`, `1.250 tỷ`); dates as `22-5-2024`, `25/10/2021`, `ngày 16-3-2005`.

const THOUSANDS = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;

/**
 * The canonical form of a number as written: thousands dots removed, decimal comma kept, leading
 * zeros dropped. `7.210` → `7210`, `361,503` → `361,503`, `08` → `8`, `9.77` (typed English style) → `9,77`.
 */
export function canonicalNumber(written: string): string {
  let text = written;
  if (THOUSANDS.test(text)) text = text.replace(/\./g, "");
  else if (/^\d+\.\d+$/.test(text)) text = text.replace(".", ",");
  else text = text.replace(/\./g, "");
  const [int = "", dec] = text.split(",", 2);
  const trimmed = int.replace(/^0+(?=\d)/, "");
  return dec !== undefined ? `${trimmed},${dec}` : trimmed;
}

/** The value of a number as written (`7.210` → 7210, `9,77` → 9.77), or NaN. */
export function numberValue(written: string): number {
  return Number(canonicalNumber(written).replace(",", "."));
}

/** A date found in a text. */
export interface DateMention {
  /** `YYYY-MM-DD`. */
  iso: string;
  start: number;
  end: number;
  raw: string;
}

const DATE_RE = /(?<![\d/.-])(\d{1,2})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{4})(?![\d/-])/g;

/** Finds day-month-year dates in a text. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const match of text.matchAll(DATE_RE)) {
    const iso = isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
    if (iso) found.push({ iso, start: match.index!, end: match.index! + match[0].length, raw: match[0] });
  }
  return found;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1800 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
