import type { CorpusDoc } from "../index/types.js";
import { cleanText, idFromPath } from "./clean-text.js";
import { parseDate } from "./parse-date.js";
import type { ParsedFile } from "./types.js";

const SITE_LINE = /^Chi tiết tin\s*[-–—]\s*(.+)$/i;
// `10:25, Thứ Tư, 22-5-2024`; the weekday is not checked, only the clock and the date.
const TIME_STAMP = /^(\d{1,2}):(\d{2})\s*,\s*[^,]+,\s*(\d{1,2}[-/]\d{1,2}[-/]\d{4})$/;
// The side boxes the site prints after every article. The first one ends the body: what follows (other headlines,
// new documents, the poll and its "N người đã tham gia bình chọn") is page chrome, not article text.
const CHROME_LINES = [
  /^các tin khác$/i,
  /^tin (liên quan|cùng chuyên mục|khác)$/i,
  /^văn bản mới$/i,
  /^thăm dò ý kiến$/i,
  /^\d[\d.]*\s+người đã tham gia bình chọn$/i,
];

/**
 * Parses a news page saved as text from the party committee's website (`Chi tiết tin - <site>`, headline, time
 * stamp, body, side boxes) into one document. The id is derived from `path` (relative to the corpus root).
 *
 * @example parseSavedPage(text, "seed/dongha-2024-05-22.txt").docs[0].date // "2024-05-22"
 */
export function parseSavedPage(text: string, path: string): ParsedFile {
  const lines = cleanText(text)
    .split(/\r?\n/)
    .map((line, i) => ({ text: line.trim(), line: i + 1 }))
    .filter((l) => l.text !== "");
  const fail = (line: number | null, message: string): ParsedFile => ({
    docs: [],
    lines: [],
    problems: [{ path, line, message }],
  });
  const [site, headline, stamp, ...rest] = lines;
  if (!site) return fail(null, "empty file; a saved page starts with `Chi tiết tin - <site>`");
  const siteMatch = SITE_LINE.exec(site.text);
  if (!siteMatch) return fail(site.line, `first line should be "Chi tiết tin - <site>", found "${site.text.slice(0, 60)}"`);
  if (!headline) return fail(null, "no headline after the `Chi tiết tin` line");
  if (!stamp) return fail(null, 'no time stamp line (like "10:25, Thứ Tư, 22-5-2024") after the headline');
  const stampMatch = TIME_STAMP.exec(stamp.text);
  const date = stampMatch ? parseDate(stampMatch[3]!) : null;
  if (!stampMatch || !date || Number(stampMatch[1]) > 23 || Number(stampMatch[2]) > 59) {
    return fail(stamp.line, `expected a time stamp like "10:25, Thứ Tư, 22-5-2024", found "${stamp.text.slice(0, 60)}"`);
  }
  const bodyLines: string[] = [];
  for (const l of rest) {
    if (CHROME_LINES.some((re) => re.test(l.text))) break;
    bodyLines.push(l.text);
  }
  if (bodyLines.length === 0) return fail(stamp.line, "no body text after the time stamp");
  const doc: CorpusDoc = {
    id: idFromPath(path),
    type: "news",
    title: headline.text,
    body: bodyLines.join("\n"),
    date,
    time: `${stampMatch[1]!.padStart(2, "0")}:${stampMatch[2]}`,
    url: null,
    number: null,
    issuer: null,
    source: siteMatch[1]!.trim(),
    tags: [],
  };
  return { docs: [doc], lines: [1], problems: [] };
}
