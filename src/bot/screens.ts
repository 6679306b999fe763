import type { Translate } from "../translate.js";
import { InlineKeyboard } from "grammy";
import type { Answer, CorpusDoc, Engine } from "../index/types.js";
import type { LoggedQuestion } from "../storage/question-store.js";
import { CALLBACKS } from "../callback-data.js";
import { escapeHtml } from "../html.js";
import { truncate } from "../text-limits.js";
import { formatDate } from "../time-zone.js";
import { documentFacts } from "../document-header.js";
import { boldFigure } from "./format.js";

// What the bot shows, as text + keyboard, computed from a question-log row and a page number, so
// that a first reply and a later edit (paging) are the same code. Buttons carry only the row id.

/** Documents listed per page after an answer ("Kết quả khác"). */
export const OTHER_PAGE_SIZE = 3;

/** Documents listed per page by /tim, /moi and /vanban. */
export const LIST_PAGE_SIZE = 5;

/** A message as shown: HTML text and its inline keyboard. */
export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

/** What screens read: the engine, the contact line, and the translate function of the context. */
export interface ScreenDeps {
  engine: Pick<Engine, "get">;
  contactLine: string;
  t: Translate;
}

/** Number of pages of an answer screen: the answer itself, then the other documents. */
export function answerPageCount(row: LoggedQuestion): number {
  const n = row.hits.length;
  return row.answered ? 1 + Math.ceil(Math.max(0, n - 1) / OTHER_PAGE_SIZE) : Math.max(1, Math.ceil(n / OTHER_PAGE_SIZE));
}

/** Number of pages of a list screen. */
export function listPageCount(row: LoggedQuestion): number {
  return Math.max(1, Math.ceil(row.hits.length / LIST_PAGE_SIZE));
}

/**
 * Source line of an answer or a document: linked title and date. An article of a code ("Điều 220. …")
 * is named with its code, which its title alone does not say.
 */
export function sourceLine(doc: { title: string; url: string | null; date: string | null; source?: string | null }): string {
  const full = doc.source && /^Điều \d+/u.test(doc.title) && !doc.title.includes(doc.source) ? `${doc.title} – ${doc.source}` : doc.title;
  const title = escapeHtml(truncate(full, 150));
  const linked = doc.url ? `<a href="${escapeHtml(doc.url)}">${title}</a>` : title;
  const date = doc.date ? formatDate(doc.date) : null;
  return date ? `${linked} (${date})` : linked;
}

/**
 * The reply to a question at `page`: page 0 is the answer (the sentence, figure in bold, source)
 * or the honest "no answer" with related documents and the contact line; later pages list the
 * other documents found.
 */
export function renderAnswer(deps: ScreenDeps, row: LoggedQuestion, answer: Answer | null, page: number): Screen {
  const { t } = deps;
  const keyboard = new InlineKeyboard();
  const pages = answerPageCount(row);
  const lines: string[] = [];
  let first: number;
  if (page === 0 && answer) {
    lines.push(boldFigure(answer.text, answer.figure), "", t("answer-source", { source: sourceLine(answer) }));
    const doc = deps.engine.get(answer.docId);
    const facts = doc ? documentFacts(t, doc) : null;
    if (facts) lines.push(facts);
    keyboard.text(t("button-read-answer"), CALLBACKS.read.encode({ row: row.id, index: 0 }));
    // The original as published, for a document read from a file.
    if (doc?.file && row.hits[0] === doc.id) keyboard.text(t("button-original"), CALLBACKS.original.encode({ row: row.id, index: 0 }));
    keyboard.row();
    first = -1;
  } else if (page === 0) {
    // No figure and no "answer" wording below the confidence threshold: only the documents found.
    lines.push(t("answer-unsure"));
    first = 0;
  } else {
    lines.push(t("answer-others-header", { question: escapeHtml(truncate(row.question, 120)) }));
    first = row.answered ? 1 + (page - 1) * OTHER_PAGE_SIZE : page * OTHER_PAGE_SIZE;
  }
  if (first >= 0) {
    const shown = listDocs(deps, row, first, OTHER_PAGE_SIZE, lines, keyboard);
    // Nothing related either: say so instead of announcing a list.
    if (page === 0 && shown === 0) lines.splice(0, 1, t("answer-none"));
  }
  if (page === 0 && !answer) lines.push("", t("answer-contact", { contact: escapeHtml(deps.contactLine) }));
  if (page > 0) keyboard.text(t("button-previous"), CALLBACKS.answerPage.encode({ row: row.id, page: page - 1 }));
  if (page + 1 < pages) keyboard.text(t("button-more"), CALLBACKS.answerPage.encode({ row: row.id, page: page + 1 }));
  keyboard.row();
  if (row.answered) {
    keyboard
      .text("👍", CALLBACKS.feedback.encode({ row: row.id, value: 1 }))
      .text("👎", CALLBACKS.feedback.encode({ row: row.id, value: 0 }));
  }
  return { text: lines.join("\n"), keyboard };
}

/** A page of a /tim, /moi or /vanban list. `header` is already translated and escaped, and says when the list is empty. */
export function renderList(deps: ScreenDeps, row: LoggedQuestion, header: string, page: number): Screen {
  const { t } = deps;
  const keyboard = new InlineKeyboard();
  const lines = [header];
  listDocs(deps, row, page * LIST_PAGE_SIZE, LIST_PAGE_SIZE, lines, keyboard);
  if (page > 0) keyboard.text(t("button-previous"), CALLBACKS.listPage.encode({ row: row.id, page: page - 1 }));
  if (page + 1 < listPageCount(row)) {
    keyboard.text(t("button-next"), CALLBACKS.listPage.encode({ row: row.id, page: page + 1 }));
  }
  return { text: lines.join("\n"), keyboard };
}

// Appends numbered documents row.hits[first, first+count) with a read button each; returns how many.
function listDocs(
  deps: ScreenDeps,
  row: LoggedQuestion,
  first: number,
  count: number,
  lines: string[],
  keyboard: InlineKeyboard,
): number {
  let shown = 0;
  const originals: number[] = [];
  for (let i = first; i < Math.min(row.hits.length, first + count); i++) {
    const doc = deps.engine.get(row.hits[i]!);
    if (!doc) continue;
    const facts = documentFacts(deps.t, doc);
    lines.push("", `<b>${i + 1}.</b> ${sourceLine(doc)}`, ...(facts ? [facts] : []), `<i>${escapeHtml(snippet(doc))}</i>`);
    keyboard.text(`📄 ${i + 1}`, CALLBACKS.read.encode({ row: row.id, index: i }));
    if (doc.file) originals.push(i);
    shown++;
  }
  if (shown > 0) keyboard.row();
  for (const i of originals) keyboard.text(`📎 ${i + 1}`, CALLBACKS.original.encode({ row: row.id, index: i }));
  if (originals.length > 0) keyboard.row();
  return shown;
}

/** The first words of a document's body (after its title when the body repeats it). */
export function snippet(doc: CorpusDoc, max = 160): string {
  const body = doc.body.startsWith(doc.title) ? doc.body.slice(doc.title.length) : doc.body;
  return truncate(body.replace(/^[\s.:-]+/, "") || doc.title, max);
}

/** Heading of a document sent in full: title, official number, issuer, date and link. */
export function documentHeading(t: Translate, doc: CorpusDoc): string {
  const lines = [`<b>${escapeHtml(doc.title)}</b>`];
  const facts = documentFacts(t, doc) ?? (doc.date ? formatDate(doc.date) : null);
  if (facts) lines.push(facts);
  if (doc.url) lines.push(`<a href="${escapeHtml(doc.url)}">${escapeHtml(doc.url)}</a>`);
  return lines.join("\n");
}
