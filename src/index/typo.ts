import { createFuzzyVocabulary, type FuzzyVocabulary } from "./fuzzy.js";
import { ENGINE_SETTINGS } from "./settings.js";
import { wordForms } from "./tokenize.js";

/**
 * Corrects a word the corpus does not know to the most frequent vocabulary word within one edit
 * (two for long words). The radix tree is built on first use and whenever the vocabulary grew;
 * corrections are remembered per word.
 */
export class TypoCorrector {
  private fuzzy: FuzzyVocabulary | null = null;
  /** Corrections found, by folded word (null: none). */
  private readonly corrections = new Map<string, string | null>();

  /**
   * @param vocabulary folded words of the corpus (shared with the indexer, which adds to it)
   * @param df how many passages hold a folded syllable hash (the more, the likelier the word)
   */
  constructor(
    private readonly vocabulary: Set<string>,
    private readonly df: (hash: number) => number,
  ) {}

  /** Forgets the radix tree and the corrections: the vocabulary changed. */
  reset(): void {
    this.fuzzy = null;
    this.corrections.clear();
  }

  /** The correction of a folded word, or null when it is too short or nothing is near. */
  correct(folded: string): string | null {
    const s = ENGINE_SETTINGS.retrieval;
    if (folded.length < s.fuzzyMinChars) return null;
    const known = this.corrections.get(folded);
    if (known !== undefined) return known;
    const corrected = this.find(folded);
    if (this.corrections.size > s.fuzzyCacheSize) this.corrections.clear();
    this.corrections.set(folded, corrected);
    return corrected;
  }

  private find(folded: string): string | null {
    if (!this.fuzzy) this.fuzzy = createFuzzyVocabulary(this.vocabulary);
    let best: string | null = null;
    let bestDf = 0;
    const edits = folded.length >= ENGINE_SETTINGS.retrieval.fuzzyTwoEditChars ? 2 : 1;
    for (const candidate of this.fuzzy.near(folded, edits)) {
      const df = this.df(wordForms(candidate).foldedHash);
      if (df > bestDf) {
        best = candidate;
        bestDf = df;
      }
    }
    return best;
  }
}
