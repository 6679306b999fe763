import { hashPair, hashString } from "./hash.js";
import { canonicalNumber } from "./numbers.js";
import { canonicalSyllable, foldDiacritics, normalizeText } from "./normalize.js";

/** One syllable or number of a text, in its matching forms. */
export interface Token {
  kind: "word" | "number";
  /** Canonical form: lower case, one tone-mark placement; numbers canonical (`7.210` → `7210`). */
  canon: string;
  /** Accent-folded form (`đảng` → `dang`). */
  folded: string;
  /** Hash of the folded form (the accent-insensitive term). */
  foldedHash: number;
  /** Hash of the accented form, or 0 when it is the same as the folded one. */
  accentHash: number;
  /** Offsets in the normalised text (same as the source text for NFC input). */
  start: number;
  end: number;
  /**
   * A second number form: for a decimal its whole part ("361 tỷ" finds "361,503 tỷ"), for a number
   * word its digits ("một tháng" finds "01 tháng"); else 0.
   */
  wholeHash: number;
  /** Whether punctuation separates this token from the previous one (no syllable pair across it). */
  breakBefore: boolean;
}

// Numbers first so that `7.210` and `361,503` stay one token; then letter runs; then the punctuation
// that ends a phrase.
const TOKEN_RE = /(\d+(?:[.,]\d+)*)|([\p{L}\p{M}]+)|([.!?;:,()[\]"“”'‘’\n–—…/|-])/gu;

// Number words that are not also common words in another sense ("năm" is also "year", so it is left out).
const NUMBER_WORDS = new Map([
  ["một", "1"], ["hai", "2"], ["ba", "3"], ["bốn", "4"], ["sáu", "6"], ["bảy", "7"], ["tám", "8"], ["chín", "9"], ["mười", "10"],
]);

interface WordForms {
  canon: string;
  folded: string;
  foldedHash: number;
  accentHash: number;
}

const wordCache = new Map<string, WordForms>();
const WORD_CACHE_LIMIT = 500_000;

/** The matching forms of one lower-case word or canonical number. */
export function wordForms(word: string, kind: "word" | "number" = "word"): WordForms {
  const key = kind === "number" ? `#${word}` : word;
  let forms = wordCache.get(key);
  if (forms) return forms;
  const canon = kind === "number" ? word : canonicalSyllable(word);
  const folded = kind === "number" ? word : foldDiacritics(canon);
  forms = {
    canon,
    folded,
    foldedHash: hashString(`f${folded}`),
    accentHash: canon === folded ? 0 : hashString(`a${canon}`),
  };
  if (wordCache.size < WORD_CACHE_LIMIT) wordCache.set(key, forms);
  return forms;
}

/** Hash of an official document number key (see `docNumberKey`). */
export function docNumberHash(key: string): number {
  return hashString(`n${key}`);
}

/** Hash of an adjacent pair of tokens (by their folded forms). */
export function pairHash(a: Token | WordForms, b: Token | WordForms): number {
  return hashPair(a.foldedHash, b.foldedHash);
}

/**
 * Splits a text into syllables and numbers with their matching forms. The text is normalised
 * first (NFC, look-alike letters, lower case), which keeps offsets for NFC input.
 */
export function tokenize(text: string): Token[] {
  const normalized = normalizeText(text);
  const tokens: Token[] = [];
  let pendingBreak = true;
  for (const match of normalized.matchAll(TOKEN_RE)) {
    if (match[3] !== undefined) {
      pendingBreak = true;
      continue;
    }
    const isNumber = match[1] !== undefined;
    const forms = isNumber ? wordForms(canonicalNumber(match[1]!), "number") : wordForms(match[2]!);
    tokens.push({
      kind: isNumber ? "number" : "word",
      canon: forms.canon,
      folded: forms.folded,
      foldedHash: forms.foldedHash,
      accentHash: forms.accentHash,
      start: match.index!,
      end: match.index! + match[0].length,
      wholeHash: isNumber
        ? forms.canon.includes(",")
          ? wordForms(forms.canon.split(",")[0]!, "number").foldedHash
          : 0
        : NUMBER_WORDS.has(forms.canon)
          ? wordForms(NUMBER_WORDS.get(forms.canon)!, "number").foldedHash
          : 0,
      breakBefore: pendingBreak,
    });
    pendingBreak = false;
  }
  return tokens;
}
