import { findDocNumbers } from "./doc-number.js";
import type { AnswerKind } from "./question.js";

/** A sentence of a text with its offsets. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Longest answer text the contract allows. */
export const MAX_ANSWER_CHARS = 400;

// A sentence ends at a line break, or at . ! ? … followed by space and a capital, digit or quote.
// "7.210" and "TP.HCM" have no space after the dot, so they stay whole.
const SENTENCE_END = /\n+|(?<=[.!?…])\s+(?=[\p{Lu}\d"“‘(-])/gu;

// A sentence longer than this is read clause by clause (at ";" and list markers): a run-on list of
// conditions holds many words by chance, and the answer is one of its clauses.
const LONG_SENTENCE_CHARS = 300;
const CLAUSE_END = /(?<=;)\s+|\s+(?=[+•]\s)/g;

/** Splits a text into sentences (and paragraph lines), keeping offsets; run-on sentences into clauses. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const pushPart = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0) sentences.push({ text: trimmed, start: from + lead, end: from + lead + trimmed.length });
  };
  const push = (end: number) => {
    if (end - start <= LONG_SENTENCE_CHARS) return pushPart(start, end);
    let from = start;
    for (const match of text.slice(start, end).matchAll(CLAUSE_END)) {
      pushPart(from, start + match.index!);
      from = start + match.index! + match[0].length;
    }
    pushPart(from, end);
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    push(match.index!);
    start = match.index! + match[0].length;
  }
  push(text.length);
  return sentences;
}

/** Passages of a long text are about this long: a few paragraphs, one topic. */
const PASSAGE_CHARS = 900;

/**
 * Splits a text into passages of whole paragraphs (whole sentences for a very long paragraph),
 * each about {@link PASSAGE_CHARS} long. A short text is one passage.
 */
export function splitPassages(text: string): string[] {
  if (text.length <= PASSAGE_CHARS * 1.5) return [text];
  const pieces: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    if (paragraph.length <= PASSAGE_CHARS * 1.5) pieces.push(paragraph);
    else pieces.push(...splitSentences(paragraph).map((s) => s.text));
  }
  const passages: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current && current.length + piece.length > PASSAGE_CHARS) {
      passages.push(current);
      current = "";
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current.trim()) passages.push(current);
  return passages;
}

/** A figure found in a sentence. */
export interface Figure {
  text: string;
  kind: AnswerKind;
  start: number;
  end: number;
}

// Digits, or numbers in words as laws write them ("mười tám tuổi", "hai phần ba", "nửa tháng").
const NUMBER_WORD = "(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|mốt|lăm|nhăm|trăm|nghìn|nửa)";
const NUM = String.raw`(?:\d+(?:[.,]\d+)*|(?<![\p{L}])${NUMBER_WORD}(?:\s(?:${NUMBER_WORD}|phần))*)`;
// "đồng chí" (comrade), "đồng bào", "đồng thời" are not money.
const UNIT_MONEY = String.raw`(?:nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu|nghìn|ngàn|trăm)?\s*(?:đồng(?!\s*(?:chí|bào|thời|bộ|ý|hương|nghiệp|đội|tình|loạt))|VNĐ|VND|vnđ|USD|usd|đô la|euro|Euro|EUR)`;
const FIGURE_PATTERNS: Array<[AnswerKind, RegExp]> = [
  ["percent", new RegExp(String.raw`${NUM}\s?%`, "gu")],
  ["amount", new RegExp(String.raw`${NUM}\s*(?:${UNIT_MONEY}|(?:nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu)(?!\s*(?:người|lượt|con|tấn|m|km)))`, "gu")],
  ["date", /(?:ngày\s*)?\d{1,2}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{4}|(?:ngày\s*\d{1,2}\s*)?tháng\s*\d{1,2}(?:\s*năm\s*\d{4}|\s*[-/]\s*\d{4})?|năm\s*\d{4}/gu],
  ["duration", new RegExp(String.raw`${NUM}\s*(?:ngày làm việc|ngày|tháng|năm|giờ|tuần|phút|quý)(?![\p{L}])`, "gu")],
  // Quantities with their unit, in digits or words: "62 tuổi", "mười tám tuổi", "02 bản", "hai phần ba suất".
  ["count", new RegExp(String.raw`${NUM}\s*(?:tuổi|lần|bản|suất|người|tháng lương)(?![\p{L}])`, "gu")],
  ["count", new RegExp(String.raw`(?<![\d.,/-])\d+(?:[.,]\d+)*(?![\d/-])`, "gu")],
  // A number in words before a noun ("một Cố vấn học tập", "hai khối kiến thức"): a count only
  // where what it counts is the word asked (the answer finder checks).
  ["count", new RegExp(String.raw`(?<![\p{L}])(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?:\s(?:mươi|mốt|lăm|một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|trăm|nghìn))*(?=\s+\p{L})`, "giu")],
];

// A person: after a title ("Đồng chí", "ông", "bà"), or a full name that starts with a Vietnamese
// family name ("Lê Quang Chiến"); any run of capitals ("Bộ Tổng Tham mưu") is not a person.
const FAMILY_NAMES = "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đoàn|Vương|Trịnh|Trương|Lâm|Mai|Lưu|Tô|Hà|Cao|Đinh|Tạ|Thái|Châu|Chu|Quách|Lương|Hứa|Văn|Nông|Triệu|Kiều|Thân|Tăng|Lại|La|Khổng|Mạc|Tôn|Từ|Diệp|Âu|Giáp|Hồng";
// Places that read like names ("Hà Nội" starts with the family name Hà).
const NOT_PEOPLE = /^(?:Hà (?:Nội|Tĩnh|Giang|Nam|Đông|Tiên)|Hồ Chí Minh City|Lê Lợi Street|Cao (?:Bằng|Lãnh)|Châu (?:Đốc|Âu|Á|Phi|Mỹ)|Thái (?:Bình|Nguyên|Lan)|Văn (?:Lâm|Giang|Quan)|Hoàng (?:Sa|Mai))\b/u;
const PERSON_RE = new RegExp(
  String.raw`(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+((?:\p{Lu}[\p{Ll}\p{M}]*\s?){2,4})|(?<![\p{L}])((?:${FAMILY_NAMES})(?:\s\p{Lu}[\p{Ll}\p{M}]+){1,3})(?![\p{L}])`,
  "gu",
);

// Figures of a kind also satisfy the kinds that accept them: a question "bao nhiêu" is answered by
// any number, an amount question by an amount, a duration by a duration.
const ACCEPTS: Record<AnswerKind, AnswerKind[]> = {
  count: ["percent", "amount", "duration", "count"],
  amount: ["amount"],
  percent: ["percent"],
  duration: ["duration"],
  date: ["date"],
  person: ["person"],
  place: [],
  document: ["document"],
  definition: [],
  other: [],
};

/** Whether a question of this kind needs a figure in its answer. */
export function wantsFigure(kind: AnswerKind): boolean {
  return kind === "count" || kind === "amount" || kind === "percent" || kind === "duration" || kind === "date" || kind === "person";
}

/** Every figure of the kinds a question of `kind` accepts, in the sentence. */
export function findFigures(sentence: string, kind: AnswerKind): Figure[] {
  const accepted = ACCEPTS[kind];
  const figures: Figure[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  for (const [figureKind, re] of FIGURE_PATTERNS) {
    if (!accepted.includes(figureKind) && !(figureKind === "date" && accepted.length > 0)) continue;
    for (const match of sentence.matchAll(re)) {
      const start = match.index!;
      const end = start + match[0].trimEnd().length;
      if (overlaps(start, end)) continue;
      taken.push([start, end]);
      // Dates are matched to keep their numbers from being taken as counts; they answer only date kinds.
      if (accepted.includes(figureKind)) figures.push({ text: match[0].trim(), kind: figureKind, start, end });
    }
  }
  if (accepted.includes("document")) {
    for (const mention of findDocNumbers(sentence)) {
      figures.push({ text: mention.raw, kind: "document", start: mention.start, end: mention.end });
    }
  }
  if (accepted.includes("person")) {
    for (const match of sentence.matchAll(PERSON_RE)) {
      const name = (match[1] ?? match[2] ?? "").trim();
      if (NOT_PEOPLE.test(name)) continue;
      const start = match.index! + match[0].indexOf(name);
      figures.push({ text: name, kind: "person", start, end: start + name.length });
    }
  }
  return figures.sort((a, b) => a.start - b.start);
}

/**
 * Cuts a sentence longer than {@link MAX_ANSWER_CHARS} to the clause around `focus` (the span that
 * holds the figure and the question's words), at clause boundaries (`;`, `,`, `:`) where possible.
 */
export function clipSentence(sentence: string, focusStart: number, focusEnd: number): string {
  if (sentence.length <= MAX_ANSWER_CHARS) return sentence;
  const boundaries = [0];
  for (const match of sentence.matchAll(/[;,:]\s+|\s[-–]\s/g)) boundaries.push(match.index! + match[0].length);
  boundaries.push(sentence.length);
  let from = 0;
  let to = sentence.length;
  for (const b of boundaries) if (b <= focusStart) from = b;
  for (const b of [...boundaries].reverse()) if (b >= focusEnd) to = b;
  // Widen clause by clause while it fits.
  for (;;) {
    const before = boundaries.filter((b) => b < from).pop();
    const after = boundaries.find((b) => b > to);
    const canBefore = before !== undefined && to - before <= MAX_ANSWER_CHARS - 2;
    const canAfter = after !== undefined && after - from <= MAX_ANSWER_CHARS - 2;
    if (canBefore && (!canAfter || from - before! <= after! - to)) from = before!;
    else if (canAfter) to = after!;
    else break;
  }
  if (to - from > MAX_ANSWER_CHARS - 2) {
    // One clause alone is too long: centre a window on the focus, cut at spaces.
    const centre = Math.floor((focusStart + focusEnd) / 2);
    from = Math.max(0, centre - Math.floor((MAX_ANSWER_CHARS - 2) / 2));
    to = Math.min(sentence.length, from + MAX_ANSWER_CHARS - 2);
    from = Math.max(0, to - (MAX_ANSWER_CHARS - 2));
    const space = sentence.indexOf(" ", from);
    if (from > 0 && space >= 0 && space < focusStart) from = space + 1;
    const lastSpace = sentence.lastIndexOf(" ", to);
    if (to < sentence.length && lastSpace > focusEnd) to = lastSpace;
  }
  let clipped = sentence.slice(from, to).trim().replace(/[;,:]$/, "");
  if (from > 0) clipped = `…${clipped}`;
  if (to < sentence.length) clipped = `${clipped}…`;
  return clipped;
}
