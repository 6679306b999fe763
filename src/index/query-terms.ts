import { hashPair } from "./hash.js";
import type { InvertedIndex } from "./inverted-index.js";
import { foldedDocNumberTerm } from "./passage-terms.js";
import type { QuestionAnalysis } from "./question.js";
import { ENGINE_SETTINGS } from "./settings.js";
import { docNumberHash, pairHash, wordForms, type Token } from "./tokenize.js";

/** What the query stages need of the index: document frequencies and idf. */
export type TermStats = Pick<InvertedIndex, "df" | "idf" | "idfForDf" | "liveCount">;

/** A weighted search term of a question. */
export interface QueryTerm {
  hash: number;
  weight: number;
  df: number;
  idf: number;
}

/** A content syllable of the question with its idf: the unit of coverage. */
export interface Unit {
  /** For a year ("năm 2023"): a constraint on the document, met anywhere in it or by its date. */
  year: string | null;
  foldedHash: number;
  /** A stand-in that counts as the syllable (its typo correction or a thesaurus word); 0 when none. */
  altHash: number;
  accentHash: number;
  idf: number;
}

/** A two-syllable word of the question: its pair hash, its order-free near hash, its syllables' idf. */
export interface Collocation {
  a: number;
  b: number;
  pair: number;
  near: number;
  idfA: number;
  idfB: number;
}

/** Corrects a folded word the corpus lacks (see `TypoCorrector`). */
export type Correct = (folded: string) => string | null;

/**
 * The search terms of a question: each content syllable (its exact form when typed with
 * diacritics and the corpus has it, its folded form weighing less), number second forms, typo
 * corrections, adjacent syllable pairs, and official numbers.
 */
export function queryTerms(analysis: QuestionAnalysis, stats: TermStats, correct: Correct): QueryTerm[] {
  const s = ENGINE_SETTINGS.retrieval;
  const terms = new Map<number, QueryTerm>();
  const put = (hash: number, weight: number) => {
    const existing = terms.get(hash);
    if (existing) existing.weight = Math.max(existing.weight, weight);
    else {
      const df = stats.df(hash);
      terms.set(hash, { hash, weight, df, idf: stats.idfForDf(df) });
    }
  };
  const { tokens, content } = analysis;
  const isContent = new Set(content);
  for (const i of content) {
    const token = tokens[i]!;
    if (token.accentHash && stats.df(token.accentHash) > 0) {
      put(token.accentHash, 1);
      put(token.foldedHash, s.foldedWeightWhenAccented);
    } else {
      put(token.foldedHash, 1);
    }
    if (token.wholeHash) put(token.wholeHash, s.wholeNumberWeight);
    if (token.kind === "word" && stats.df(token.foldedHash) === 0) {
      const corrected = correct(token.folded);
      if (corrected) put(wordForms(corrected).foldedHash, s.fuzzyWeight);
    }
    if (i > 0 && isContent.has(i - 1) && !token.breakBefore) put(pairHash(tokens[i - 1]!, token), s.pairWeight);
  }
  for (const mention of analysis.docNumbers) {
    put(docNumberHash(mention.key), s.docNumberWeight);
    if (!mention.key.includes("Đ")) put(foldedDocNumberTerm(mention.folded), s.docNumberWeight * s.foldedDocNumberShare);
  }
  return [...terms.values()];
}

/** Content syllables of the question with their idf, deduplicated by folded form. */
export function questionUnits(analysis: QuestionAnalysis, stats: TermStats, correct: Correct): Unit[] {
  const seen = new Map<number, Unit>();
  for (const i of analysis.content) {
    const t = analysis.tokens[i]!;
    if (seen.has(t.foldedHash)) continue;
    let idf = stats.idf(t.foldedHash);
    let altHash = 0;
    // A syllable found nowhere (a typo, or a word the corpus lacks) still counts in full: it is
    // what the question is about, and a text without it does not answer. Its correction, if the
    // vocabulary has one, may stand in for it.
    if (idf === 0) {
      idf = Math.log(1 + stats.liveCount);
      const corrected = t.kind === "word" ? correct(t.folded) : null;
      if (corrected) altHash = wordForms(corrected).foldedHash;
    }
    const year = t.kind === "number" && /^(19|20)\d\d$/.test(t.canon) ? t.canon : null;
    seen.set(t.foldedHash, { year, foldedHash: t.foldedHash, accentHash: t.accentHash, altHash, idf });
  }
  return [...seen.values()];
}

/**
 * The question's two-syllable words: adjacent content syllables that also occur together in the
 * corpus ("đại học", "bệnh viện"). A text that has both syllables apart has not got the word.
 */
export function questionCollocations(analysis: QuestionAnalysis, units: Unit[], stats: TermStats): Collocation[] {
  const s = ENGINE_SETTINGS.answer;
  const idfOf = new Map(units.map((u) => [u.foldedHash, u.idf]));
  const candidates: Array<Collocation & { at: number; strength: number }> = [];
  const content = new Set(analysis.content);
  const { tokens } = analysis;
  for (let i = 1; i < tokens.length; i++) {
    if (!content.has(i) || !content.has(i - 1) || tokens[i]!.breakBefore) continue;
    const a = tokens[i - 1]!;
    const b = tokens[i]!;
    const pair = pairHash(a, b);
    const together = stats.df(pair);
    // A word, not two neighbours: the pair occurs in a good share of the texts holding its rarer syllable.
    const strength = together / Math.max(1, Math.min(stats.df(a.foldedHash), stats.df(b.foldedHash)));
    // A name typed with capitals ("Đông Hà", "Quảng Trị") is one word whatever the statistics say.
    const name = isCapitalized(analysis.text, a) && isCapitalized(analysis.text, b);
    if (together < s.wordMinDf || (strength < s.wordStrength && !name)) continue;
    const idfA = idfOf.get(a.foldedHash) ?? 0;
    const idfB = idfOf.get(b.foldedHash) ?? 0;
    candidates.push({ a: a.foldedHash, b: b.foldedHash, pair, near: nearHash(a.foldedHash, b.foldedHash), idfA, idfB, at: i, strength });
  }
  // Words do not overlap: where "trường đại" and "đại học" compete, the stronger one is the word.
  const taken = new Set<number>();
  const found: Collocation[] = [];
  for (const c of candidates.sort((x, y) => y.strength - x.strength)) {
    if (taken.has(c.at) || taken.has(c.at - 1)) continue;
    taken.add(c.at).add(c.at - 1);
    found.push(c);
  }
  return found;
}

/** The order-free hash of two syllables found near each other ("giờ làm thêm" for "làm thêm giờ"). */
export function nearHash(a: number, b: number): number {
  return a < b ? hashPair(a, b) ^ 0x5bd1e995 : hashPair(b, a) ^ 0x5bd1e995;
}

/** Whether a question token was typed with a capital letter (the question text is as typed). */
export function isCapitalized(text: string, token: Token): boolean {
  const first = text[token.start];
  return first !== undefined && first !== first.toLowerCase();
}
