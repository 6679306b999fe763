import { foldDiacritics } from "./normalize.js";

// Official document numbers as Vietnamese texts write them:
//   state style  123/QĐ-UBND, 16/2024/NĐ-CP, 09/2005/TTg, 45/2019/QH14, 1289/VPCP-NC
//   party style  21-KL/TW, 05-CT/TW, 40-CT/ T.Ư, số31-QĐ/TW
// A number, an optional /year, then issuer segments: each starts with a capital letter (`QĐ`, `TTg`,
// `NHNo`), later ones may be years (`CV-2004`).
// Segments are joined by `-` without spaces or by `/` with an optional space (`40-CT/ T.Ư`); a dot
// belongs to a number only in `T.Ư` (elsewhere it ends the sentence or joins a suffix).
const UPPER_SEGMENT = String.raw`(?:T\.Ư|\p{Lu}[\p{L}\p{N}]*)`;
const LOWER_SEGMENT = String.raw`(?:[tT]\.[ưƯ]|\p{L}[\p{L}\p{N}]*)`;
const build = (segment: string) =>
  new RegExp(
    String.raw`(?:(?<![\p{L}\p{N}/.,-])|(?<=[Ss]ố))(\d{1,6})(\/\d{4})?([-\/])(${segment}(?:(?:-|\/\s?)(?:${segment}|\d+))*)(?![\p{L}\p{N}])`,
    "gu",
  );
const TEXT_RE = build(UPPER_SEGMENT);
// Citizens type numbers in lower case ("21-kl/tw"): questions accept any case.
const QUESTION_RE = build(LOWER_SEGMENT);

/** A document number found in a text. */
export interface DocNumberMention {
  /** As written, trimmed of trailing dots. */
  raw: string;
  /** Normalised key: upper case, no spaces or dots, `T.Ư`/`TƯ` → `TW`. `Đ` is kept (`ĐA` ≠ `DA`). */
  key: string;
  /** The key with diacritics folded (`QĐ` → `QD`), for questions typed without them. */
  folded: string;
  start: number;
  end: number;
}

/** The normalised key of a document number: `40-CT/ T.Ư` → `40-CT/TW`, `123/qđ-ubnd` → `123/QĐ-UBND`. */
export function docNumberKey(number: string): string {
  return number
    .normalize("NFC")
    .replace(/\u00d0/g, "Đ")
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/\.+$/, "")
    .replace(/T\.?Ư\.?/g, "TW")
    .replace(/\./g, "");
}

/** The accent-folded key: `123/QĐ-UBND` → `123/QD-UBND`. */
export function foldedDocNumberKey(number: string): string {
  return foldDiacritics(docNumberKey(number));
}

/**
 * Finds official document numbers in a text. In running text the issuer must start with a capital
 * letter, which keeps ordinary words out; `question: true` accepts lower case as typed on phones.
 *
 * @example
 * findDocNumbers("Kết luận số 21-KL/TW, ngày 25/10/2021")[0].key // "21-KL/TW"
 */
export function findDocNumbers(text: string, options: { question?: boolean } = {}): DocNumberMention[] {
  const re = options.question ? QUESTION_RE : TEXT_RE;
  re.lastIndex = 0;
  const found: DocNumberMention[] = [];
  for (const match of text.matchAll(re)) {
    const raw = match[0];
    const issuer = match[4] ?? "";
    // One letter ("6-B", "359-C") is a label, not an issuer.
    if (!/\p{L}.*\p{L}/u.test(issuer)) continue;
    // Lower-case text like "2-ngày" is not a number: in questions ask for a year, two segments or capitals.
    if (options.question && !match[2] && !/[-/]/.test(issuer) && issuer !== issuer.toUpperCase()) continue;
    const key = docNumberKey(raw);
    found.push({ raw, key, folded: foldDiacritics(key), start: match.index!, end: match.index! + raw.length });
  }
  return found;
}
