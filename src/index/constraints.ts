import { docNumberKey, findDocNumbers, foldedDocNumberKey } from "./doc-number.js";
import { foldDiacritics } from "./normalize.js";
import { PLACE_NAMES } from "./places.js";
import { isCapitalized } from "./query-terms.js";
import type { QuestionAnalysis } from "./question.js";
import type { Token } from "./tokenize.js";

// What a question pins down, which the answering text must meet: a place ("Đông Hà" is not met by
// "Đông Anh" or "Hà Nội"), a named law ("Theo Luật Du lịch"), an article ("Điều 6"), an official
// number, a year, a person. A text that lacks any of them does not answer the question, however
// many of its other words it shares: "Đông Hà có bao nhiêu trường học?" is not answered by a Civil
// Code article about schools.

/** Kind of a constraint. */
export type ConstraintKind = "place" | "law" | "article" | "number" | "year" | "person";

/** One thing the question pins down. */
export interface Constraint {
  kind: ConstraintKind;
  /** As typed in the question. */
  text: string;
  /** Its syllables, folded (`["dong", "ha"]`), matched as a whole sequence. */
  folded: string[];
  /** Its syllables with diacritics when typed with them (then matched exactly), else null. */
  canon: string[] | null;
}

/** What a document offers to meet constraints: its tokens (title, source, body), date and official numbers. */
export interface ConstraintText {
  /** Token runs (the title line, then each sentence); a sequence never spans two runs. */
  runs: Token[][];
  date: string | null;
  /** Official numbers of the document, normalised and folded (its `number` field and those in its text). */
  numbers: Set<string>;
}

// Administrative units before a name or a number ("tỉnh Quảng Trị", "phường 5", "tp Đông Hà"), as
// written with their diacritics: folded, "tinh" is also "tính" and "xa" also "xa" (far), so a unit
// word typed without diacritics counts only before a number ("phuong 5").
const UNIT_WORDS = new Set(["tỉnh", "huyện", "quận", "xã", "phường", "tp", "thị xã", "thị trấn", "thành phố"]);
const UNIT_WORDS_FOLDED = new Set([...UNIT_WORDS].map((w) => foldDiacritics(w)));
// Words that end a name after a unit word when typed in lower case.
const NAME_STOP = new Set([
  "co", "la", "bao", "nhieu", "may", "nam", "thi", "da", "duoc", "se", "dang", "cua", "va", "o", "tai", "ve", "cho", "nhu",
  "khi", "nao", "gi", "ai", "dau", "hien", "nay", "trong", "den", "tu", "voi", "theo", "moi", "hom", "vao", "ra", "len",
]);
// Law names end before the question's predicate when typed in lower case.
const LAW_STOP = new Set([
  ...NAME_STOP, "quy", "dinh", "thi", "nguoi", "khong", "neu", "doi", "phai", "duoi", "tren", "nhung", "cac", "mot", "so", "dieu",
  "truong", "hop", "bi", "can",
]);
const LAW_MAX_SYLLABLES = 2;
const FAMILY_NAMES = new Set([
  "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý",
  "đào", "đoàn", "vương", "trịnh", "trương", "lâm", "mai", "lưu", "tô", "cao", "đinh", "tạ", "thái", "châu", "quách",
  "lương", "triệu", "kiều", "lại", "mạc", "tôn", "diệp", "giáp",
]);
const PERSON_TITLES = new Set(["ong", "ba", "dong chi", "anh", "chi"]);

/**
 * The constraints a question names. Places come from the gazetteer (`places.ts`) or follow an
 * administrative unit word; laws follow "luật"/"bộ luật"; persons are capitalised names after a
 * title or starting with a family name.
 */
export function questionConstraints(analysis: QuestionAnalysis): Constraint[] {
  const { tokens, text } = analysis;
  const found: Constraint[] = [];
  const taken = new Set<number>();
  const make = (kind: ConstraintKind, from: number, to: number): Constraint => {
    const span = tokens.slice(from, to);
    for (let i = from; i < to; i++) taken.add(i);
    const accented = span.some((t) => t.accentHash !== 0);
    return {
      kind,
      text: text.slice(span[0]!.start, span[span.length - 1]!.end),
      folded: span.map((t) => t.folded),
      canon: accented ? span.map((t) => t.canon) : null,
    };
  };
  const folded = tokens.map((t) => t.folded);
  // Places named in the gazetteer, longest first.
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(4, tokens.length - i); n >= 2; n--) {
      if (tokens.slice(i + 1, i + n).some((t) => t.breakBefore)) continue;
      if (!PLACE_NAMES.has(folded.slice(i, i + n).join(" "))) continue;
      found.push(make("place", i, i + n));
      i += n - 1;
      break;
    }
  }
  // A unit word and what follows it: a number ("phường 5") or a name not in the gazetteer.
  const canon = tokens.map((t) => t.canon);
  for (let i = 0; i < tokens.length; i++) {
    const pair = i + 1 < tokens.length ? `${canon[i]} ${canon[i + 1]}` : "";
    const pairFolded = i + 1 < tokens.length ? `${folded[i]} ${folded[i + 1]}` : "";
    const width = UNIT_WORDS.has(pair) ? 2 : UNIT_WORDS.has(canon[i]!) ? 1 : UNIT_WORDS_FOLDED.has(pairFolded) ? -2 : UNIT_WORDS_FOLDED.has(folded[i]!) ? -1 : 0;
    if (width === 0) continue;
    const start = i + Math.abs(width);
    if (start >= tokens.length || taken.has(start) || tokens[start]!.breakBefore) continue;
    if (tokens[start]!.kind === "number") {
      found.push(make("place", i, start + 1));
      continue;
    }
    // Folded, the word may not be a unit at all: only a number follows it with certainty.
    if (width < 0 && tokens.slice(i, start).some((t) => t.accentHash === 0 && t.folded !== "tp")) continue;
    let end = start;
    for (; end < tokens.length && end - start < 3; end++) {
      const t = tokens[end]!;
      if (end > start && t.breakBefore) break;
      if (t.kind !== "word" || UNIT_WORDS.has(t.canon) || taken.has(end)) break;
      // Typed with capitals, the name is the capitalised syllables; in lower case, it ends before
      // the question's own words.
      if (isCapitalized(text, t) !== isCapitalized(text, tokens[start]!)) break;
      if (!isCapitalized(text, t) && NAME_STOP.has(t.folded)) break;
    }
    if (end - start >= (isCapitalized(text, tokens[start]!) ? 1 : 2)) found.push(make("place", start, end));
  }
  // A named law: "Luật Du lịch", "Bộ luật Lao động", "luat hon nhan va gia dinh".
  for (let i = 0; i < tokens.length; i++) {
    if (folded[i] !== "luat" && !(folded[i] === "hien" && folded[i + 1] === "phap")) continue;
    // "pháp luật", "điều luật" and "luật sư" name no law.
    if (folded[i] === "luat" && (folded[i - 1] === "phap" || folded[i - 1] === "dieu" || folded[i + 1] === "su")) continue;
    if (folded[i] === "hien") {
      found.push(make("law", i, i + 2));
      i++;
      continue;
    }
    let end = i + 1;
    while (end < tokens.length && end - i - 1 < LAW_MAX_SYLLABLES && !tokens[end]!.breakBefore && tokens[end]!.kind === "word" && !LAW_STOP.has(tokens[end]!.folded)) end++;
    if (end > i + 1) found.push(make("law", i, end));
    i = end - 1;
  }
  // "Điều 6": an article, met by the article with that number.
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (folded[i] === "dieu" && tokens[i + 1]!.kind === "number" && !tokens[i + 1]!.breakBefore) found.push(make("article", i, i + 2));
  }
  // Persons: capitalised syllables after a title, or a capitalised name starting with a family name.
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    const titled = PERSON_TITLES.has(folded[i]!) || (folded[i] === "dong" && folded[i + 1] === "chi");
    const start = titled ? i + (folded[i] === "dong" ? 2 : 1) : FAMILY_NAMES.has(tokens[i]!.canon) ? i : -1;
    if (start < 0 || start >= tokens.length) continue;
    let end = start;
    while (end < tokens.length && end - start < 4 && isCapitalized(text, tokens[end]!) && !taken.has(end) && (end === start || !tokens[end]!.breakBefore)) end++;
    if (end - start >= 2) {
      found.push(make("person", start, end));
      i = end - 1;
    }
  }
  for (const mention of analysis.docNumbers) {
    found.push({ kind: "number", text: mention.raw, folded: [mention.folded], canon: [mention.key] });
  }
  if (analysis.year !== null) {
    const year = String(analysis.year);
    found.push({ kind: "year", text: year, folded: [year], canon: null });
  }
  return found;
}

/** Reads what a document offers to constraints from its already tokenised parts. */
export function constraintText(runs: Token[][], date: string | null, texts: Array<string | null>, number: string | null): ConstraintText {
  const numbers = new Set<string>();
  const addNumber = (raw: string) => numbers.add(docNumberKey(raw)).add(foldedDocNumberKey(raw));
  if (number) addNumber(number);
  for (const text of texts) if (text) for (const mention of findDocNumbers(text)) addNumber(mention.raw);
  return { runs, date, numbers };
}

/** Whether a document meets a constraint. */
export function meets(constraint: Constraint, text: ConstraintText): boolean {
  switch (constraint.kind) {
    case "number": {
      const [key] = constraint.canon!;
      // Typed with its "Đ", "ĐA" is not "DA"; typed without, the folded key is accepted.
      return text.numbers.has(key!) || (!key!.includes("Đ") && text.numbers.has(constraint.folded[0]!));
    }
    case "year":
      return text.date?.startsWith(constraint.folded[0]!) === true || hasSequence(text.runs, constraint.folded, null);
    case "law":
    case "article":
    case "place":
    case "person":
      return hasSequence(text.runs, constraint.folded, constraint.canon);
  }
}

/** The constraints a document does not meet. */
export function unmet(constraints: Constraint[], text: ConstraintText): Constraint[] {
  return constraints.filter((c) => !meets(c, text));
}

function hasSequence(runs: Token[][], folded: string[], canon: string[] | null): boolean {
  const n = folded.length;
  for (const run of runs) {
    for (let i = 0; i + n <= run.length; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const t = run[i + k]!;
        if (k > 0 && t.breakBefore) ok = false;
        else if (canon ? t.canon !== canon[k] : t.folded !== folded[k]) ok = false;
      }
      if (ok) return true;
    }
  }
  return false;
}
