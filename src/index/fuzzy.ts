import SearchableMap from "minisearch/SearchableMap";

// Typo correction over the corpus vocabulary, with MiniSearch's radix tree (SearchableMap), which
// finds every word within an edit distance without scanning the vocabulary.

/** The vocabulary of folded words, searchable by edit distance. */
export interface FuzzyVocabulary {
  /** Words within `maxDistance` edits of `word` (the word itself excluded). */
  near(word: string, maxDistance: number): string[];
}

/** Builds the fuzzy vocabulary from folded words. */
export function createFuzzyVocabulary(words: Iterable<string>): FuzzyVocabulary {
  const map = new SearchableMap<true>();
  for (const word of words) if (word.length >= 2) map.set(word, true);
  return {
    near(word: string, maxDistance: number): string[] {
      return [...map.fuzzyGet(word, maxDistance).keys()].filter((w) => w !== word);
    },
  };
}
