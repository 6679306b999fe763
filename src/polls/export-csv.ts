import { stringify } from "csv-stringify/sync";
import type { NamedVote } from "../storage/polls-store.js";
import { optionShares, type ResultsInput } from "./format-results.js";

/** Byte order mark: without it Excel reads UTF-8 as the local code page and breaks every Vietnamese letter. */
const UTF8_BOM = "\uFEFF";

/** Column headings and labels of the CSV, already translated. */
export interface CsvTexts {
  section: { totals: string; votes: string };
  totals: { position: string; option: string; count: string; percent: string };
  votes: { userId: string; name: string; option: string; votedAt: string };
  participants: string;
}

/**
 * The poll's results as CSV text (UTF-8 with BOM, CRLF line ends, as Excel expects): one row per
 * option with its total and percentage, the participants row, then, for named polls only, one row per vote.
 * Anonymous polls pass no votes, and have no identities to pass.
 */
export function exportResultsCsv(input: ResultsInput, votes: readonly NamedVote[] | null, texts: CsvTexts): string {
  const rows: Array<Array<string | number>> = [
    [texts.section.totals],
    [texts.totals.position, texts.totals.option, texts.totals.count, texts.totals.percent],
    ...optionShares(input).map((share, i) => [i + 1, safeCell(share.label), share.count, round1(share.percent)]),
    [texts.participants, "", input.participants, ""],
  ];
  if (votes !== null) {
    rows.push([], [texts.section.votes], [texts.votes.userId, texts.votes.name, texts.votes.option, texts.votes.votedAt]);
    for (const vote of votes) rows.push([vote.userId, safeCell(vote.name ?? ""), safeCell(vote.label), vote.votedAt.toISOString()]);
  }
  return UTF8_BOM + stringify(rows, { record_delimiter: "windows" });
}

/**
 * Voters choose their own Telegram names: a text starting with =, +, - or @ would run as a formula
 * in Excel, so it is prefixed with an apostrophe, which Excel shows as plain text.
 */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
