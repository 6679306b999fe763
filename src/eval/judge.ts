import { canonicalText, foldDiacritics } from "../index/normalize.js";

// How the development sets judge an answer. "The answer holds the expected answer" means: after both texts are put
// in one matching form, the expected answer's words occur in the answer text as a run of whole words. The matching
// form is the project's normalisation (NFC, lower case, one tone-mark placement), with punctuation dropped, numbers
// written one way (`7.210` = `7210`, `05` = `5`, `9.77` = `9,77`), `phần trăm` = `%`, and numbers in words turned
// into digits (`mười tám` = `18`, `hai mươi mốt` = `21`, `ba mươi tư` = `34`).

const UNIT_DIGITS: ReadonlyMap<string, number> = new Map([
  ["một", 1], ["mốt", 1], ["hai", 2], ["ba", 3], ["bốn", 4], ["tư", 4], ["năm", 5], ["lăm", 5], ["nhăm", 5],
  ["sáu", 6], ["bảy", 7], ["tám", 8], ["chín", 9],
]);
// Words that are numbers only in some places: "năm" is also "year", "ba" also "father", "tư" also "private";
// "lăm", "mốt", "nhăm" are digits only after "mười"/"mươi". Alone they count as numbers only before a unit.
const AMBIGUOUS = new Set(["năm", "ba", "tư", "lăm", "mốt", "nhăm"]);
const ONLY_AFTER_TENS = new Set(["lăm", "mốt", "nhăm"]);
const UNITS = new Set([
  "ngày", "tháng", "năm", "tuổi", "giờ", "tuần", "lần", "người", "bản", "phút", "quý", "triệu", "tỷ", "đồng", "kỳ",
]);
const TOKEN_RE = /\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}]+|%/gu;
const THOUSANDS_RE = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;

/** One way of writing a number: thousands dots out, a lone `.` read as the decimal mark, leading zeros out. */
function canonicalDigits(written: string): string {
  let text = written;
  if (THOUSANDS_RE.test(text)) text = text.replace(/\./g, "");
  else if (/^\d+\.\d+$/.test(text)) text = text.replace(".", ",");
  else text = text.replace(/\./g, "");
  const [whole = "", decimals] = text.split(",", 2);
  const trimmed = whole.replace(/^0+(?=\d)/, "");
  return decimals === undefined ? trimmed : `${trimmed},${decimals}`;
}

/**
 * Replaces runs of number words by their value: `mười tám` → `18`, `hai trăm ba mươi` → `230`. A run ends at a
 * word that is not a number word or at a second unit in a row (`hai ba ngày` is two numbers).
 */
function numberWordsToDigits(words: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const start = i;
    let total = 0;
    let block = 0;
    let pending = 0;
    let hasTens = false;
    let pendingSet = false;
    for (; i < words.length; i++) {
      const word = words[i]!;
      const digit = UNIT_DIGITS.get(word);
      if (digit !== undefined) {
        if (pendingSet || (ONLY_AFTER_TENS.has(word) && !hasTens)) break;
        pending = digit;
        pendingSet = true;
      } else if (word === "mười") {
        if (pendingSet) break;
        block += 10;
        hasTens = true;
      } else if (word === "mươi" && pendingSet) {
        block += pending * 10;
        pending = 0;
        pendingSet = false;
        hasTens = true;
      } else if (word === "trăm" && pendingSet) {
        block += pending * 100;
        pending = 0;
        pendingSet = false;
      } else if ((word === "linh" || word === "lẻ") && i > start && !pendingSet && block % 100 === 0 && block > 0) {
        continue;
      } else if ((word === "nghìn" || word === "ngàn") && (pendingSet || block > 0)) {
        total += (block + pending) * 1000;
        block = pending = 0;
        pendingSet = false;
      } else {
        break;
      }
    }
    if (i === start) {
      out.push(words[i]!);
      i++;
      continue;
    }
    const run = words.slice(start, i);
    const lone = run.length === 1 && AMBIGUOUS.has(run[0]!);
    if (lone && !UNITS.has(words[i] ?? "")) out.push(run[0]!);
    else out.push(String(total + block + pending));
  }
  return out;
}

/**
 * The matching form of a text: canonical lower case, punctuation dropped, numbers and number words as digits,
 * words separated by one space.
 *
 * @example matchForm("Đủ mười tám (18) tuổi") // "đủ 18 18 tuổi"
 */
export function matchForm(text: string): string {
  const canon = canonicalText(text).replace(/phần\s+trăm/g, "%");
  const words = (canon.match(TOKEN_RE) ?? []).map((w) => (/^\d/.test(w) ? canonicalDigits(w) : w));
  return numberWordsToDigits(words).join(" ");
}

// The `ask --json` contract caps an answer at 400 characters: an expected answer longer than that cannot be held
// whole, so it holds when the answer is a long enough piece of it instead.
const ANSWER_BUDGET_CHARS = 400;
const LONG_PIECE_CHARS = ANSWER_BUDGET_CHARS / 2;

/**
 * Whether `text` holds `expected` as a run of whole words in matching form; an empty expectation never holds.
 * An expected answer longer than an answer may be ({@link ANSWER_BUDGET_CHARS}) holds when the text, its clipped
 * first and last words left out, is a piece of it at least {@link LONG_PIECE_CHARS} long.
 */
export function holdsAnswer(text: string, expected: string): boolean {
  const needle = matchForm(expected);
  if (needle === "") return false;
  const hay = matchForm(text);
  if (` ${hay} `.includes(` ${needle} `)) return true;
  if (expected.length <= ANSWER_BUDGET_CHARS) return false;
  const piece = hay.split(" ").slice(1, -1).join(" ");
  return piece.length >= LONG_PIECE_CHARS && ` ${needle} `.includes(` ${piece} `);
}

/** Whether `text` holds any of the expected answers. */
export function holdsAny(text: string, expected: readonly string[]): boolean {
  return expected.some((e) => holdsAnswer(text, e));
}

/** A question as typed on a phone without diacritics, by the project's folding: `Đông Hà` → `Dong Ha`. */
export function foldQuestion(question: string): string {
  return foldDiacritics(question.normalize("NFC"));
}

const SENTENCE_END = /\n+|(?<=[.!?…;])\s+/u;

/** The words of a text for overlap counting: folded syllables and numbers, lower case. */
function overlapWords(text: string): Set<string> {
  return new Set(foldDiacritics(text.normalize("NFC").toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * The lexical baseline's answer: the sentence of `text` that holds the most distinct words of the question
 * (the first on a tie). Never abstains while the text has a sentence.
 */
export function bestOverlapSentence(text: string, question: string): string | null {
  const asked = overlapWords(question);
  let best: string | null = null;
  let bestCount = -1;
  for (const raw of text.split(SENTENCE_END)) {
    const sentence = raw.trim();
    if (sentence === "") continue;
    let count = 0;
    for (const word of overlapWords(sentence)) if (asked.has(word)) count++;
    if (count > bestCount) {
      best = sentence;
      bestCount = count;
    }
  }
  return best;
}
