// Pure text helpers of the Telegram surface: figure highlighting, question preparation, splitting.
// Escaping lives in src/html.ts, limits and truncate in src/text-limits.ts, dates in src/time-zone.ts.

import { escapeHtml, htmlToText } from "../html.js";
import { MESSAGE_MAX_CHARS, QUESTION_MAX_CHARS, truncate } from "../text-limits.js";

/**
 * Escapes `text` for HTML, then puts the first occurrence of `figure` in bold. Escaping first means
 * a figure can never smuggle markup in, and the bold tag is the only markup in the result.
 *
 * @example
 * boldFigure("Có 7.210 đảng viên <mới>", "7.210"); // "Có <b>7.210</b> đảng viên &lt;mới&gt;"
 */
export function boldFigure(text: string, figure: string | null): string {
  const escaped = escapeHtml(text);
  if (!figure) return escaped;
  const target = escapeHtml(figure);
  const at = escaped.indexOf(target);
  if (at < 0) return escaped;
  return `${escaped.slice(0, at)}<b>${target}</b>${escaped.slice(at + target.length)}`;
}

/** Prepares a citizen's message for the engine: whitespace folded, very long text cut. */
export function prepareQuestion(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= QUESTION_MAX_CHARS ? clean : truncate(clean, QUESTION_MAX_CHARS).replace(/…$/, "");
}

/**
 * Splits plain text into parts whose HTML-escaped length is at most `max` characters, breaking
 * between paragraphs, then between sentences, then between words, and only as a last resort
 * inside a word. Each part is returned escaped, ready for an HTML message.
 */
export function splitEscaped(text: string, max = MESSAGE_MAX_CHARS): string[] {
  const pieces: string[] = [];
  for (const paragraph of text.split(/\n\s*\n|\n/)) {
    const trimmed = paragraph.trim();
    if (!trimmed) continue;
    // A sentence ends at . ! ? … followed by a space, so "7.210" and "21-KL/TW" stay whole.
    for (const sentence of trimmed.split(/(?<=[.!?…]["”)]?)\s+/)) {
      pieces.push(...splitLong(escapeHtml(sentence.trim()), max));
    }
    pieces.push("\n\n");
  }
  const parts: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (piece === "\n\n") {
      if (current) current = `${current.trimEnd()}\n\n`;
      continue;
    }
    if (!piece) continue;
    const joined = current && !current.endsWith("\n") ? `${current} ${piece}` : `${current}${piece}`;
    if (joined.trimEnd().length <= max) {
      current = joined;
    } else {
      if (current.trim()) parts.push(current.trimEnd());
      current = piece;
    }
  }
  if (current.trim()) parts.push(current.trimEnd());
  return parts;
}

// Splits an escaped piece longer than `max` at spaces, never inside an HTML entity.
function splitLong(escaped: string, max: number): string[] {
  if (escaped.length <= max) return [escaped];
  const out: string[] = [];
  let rest = escaped;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(" ", max);
    if (cut <= 0) {
      cut = max;
      const amp = rest.lastIndexOf("&", cut);
      if (amp > cut - 6 && amp > 0) cut = amp;
    }
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Turns Telegram HTML into terminal text: links as `text (url)`, bold as ANSI bold when `ansi` is
 * set (a terminal), other tags dropped, entities decoded.
 */
export function htmlToPlain(html: string, options: { ansi?: boolean } = {}): string {
  const bold = options.ansi ? (_: string, inner: string) => `\u001b[1m${inner}\u001b[22m` : (_: string, inner: string) => inner;
  return htmlToText(
    html
      .replace(/<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_, href: string, label: string) => `${label} (${href})`)
      .replace(/<b>([\s\S]*?)<\/b>/g, bold),
  );
}
