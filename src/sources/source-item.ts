import type { CorpusDoc } from "../index/types.js";
import { localDateTime } from "../time-zone.js";

/**
 * One article or document as a source gives it, before deduplication: the fields of the one document
 * shape ({@link CorpusDoc}) that a source can know, plus the feed's own id. Recording it adds the
 * rest (`StoredItem`), and the search index reads it back as a `CorpusDoc` (`itemToDoc`).
 */
export type SourceItem = Pick<CorpusDoc, "url" | "title" | "body" | "date" | "number" | "issuer" | "tags"> & {
  /** The feed's own id of the item (RSS `guid`, Atom `id`), when it has one. */
  guid: string | null;
  /** Time of day `HH:MM`, when the source shows it. */
  time: string | null;
};

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Reads a date (and time) as Vietnamese sites write them: `10:25, Thứ Tư, 22-5-2024`, `22/05/2024 08:30`,
 * `ngày 16-3-2005`, or ISO/RFC dates from feeds. Day comes before month.
 *
 * @example
 * parseVietnameseDate("10:25, Thứ Tư, 22-5-2024"); // { date: "2024-05-22", time: "10:25" }
 */
export function parseVietnameseDate(text: string | null | undefined): { date: string | null; time: string | null } {
  if (!text) return { date: null, time: null };
  const t = text.trim();
  const time = /\b([01]?\d|2[0-3])[:h]([0-5]\d)\b/.exec(t);
  const hm = time ? `${pad(Number(time[1]))}:${time[2]}` : null;
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(t);
  if (iso) return { date: `${iso[1]}-${iso[2]}-${iso[3]}`, time: iso[4] ? `${iso[4]}:${iso[5]}` : hm };
  const dmy = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/.exec(t);
  if (dmy) {
    const [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12) return { date: `${y}-${pad(m)}-${pad(d)}`, time: hm };
  }
  const parsed = Date.parse(t);
  if (!Number.isNaN(parsed)) return { date: new Date(parsed).toISOString().slice(0, 10), time: hm };
  return { date: null, time: hm };
}

/** A date from a feed (`Date` object) as `YYYY-MM-DD` and `HH:MM` in the given zone. */
export function dateParts(date: Date | null, timeZone: string): { date: string | null; time: string | null } {
  if (!date || Number.isNaN(date.getTime())) return { date: null, time: null };
  return localDateTime(date.getTime(), timeZone);
}

// State style (123/QĐ-UBND, 16/2024/NĐ-CP) and party style (21-KL/TW).
const NUMBER_RE = /\b\d{1,5}(?:\/\d{4})?\/[A-ZĐ]{1,6}(?:-[A-ZĐ]{1,8})+\b|\b\d{1,5}-[A-ZĐ]{1,4}\/[A-ZĐ]{1,4}\b/u;

/** The first official document number in a text, as written, or null. */
export function findDocumentNumber(text: string): string | null {
  return NUMBER_RE.exec(text)?.[0] ?? null;
}

/** Collapses runs of white space and trims. */
export function squeeze(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, " ").replace(/\s*\n\s*/g, "\n").replace(/\n{2,}/g, "\n").trim();
}

/** The first one or two sentences of a body, at most `max` characters, cut at a word. */
export function leadOf(body: string, max = 300): string {
  const text = body.replace(/\s+/g, " ").trim();
  const sentences = text.match(/[^.!?…]+[.!?…]+(\s|$)/g) ?? [text];
  let lead = sentences[0]?.trim() ?? "";
  if (sentences[1] && lead.length + sentences[1].length <= max) lead = `${lead} ${sentences[1].trim()}`;
  if (lead.length <= max) return lead;
  const cut = lead.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40))}…`;
}
