import { splitPassages } from "./answer.js";
import { docNumberKey, findDocNumbers } from "./doc-number.js";
import type { TermFrequencies } from "./inverted-index.js";
import { foldDiacritics } from "./normalize.js";
import { ENGINE_SETTINGS } from "./settings.js";
import { docNumberHash, pairHash, tokenize, type Token } from "./tokenize.js";
import type { CorpusDoc } from "./types.js";

/** An index entry: its term frequencies and its weighted length. */
export type PassageTerms = [TermFrequencies, number];

/** The index term of an official number's folded key (`123/QD-UBND`), for questions typed without `Đ`. */
export function foldedDocNumberTerm(foldedKey: string): number {
  return docNumberHash(`~${foldedKey}`);
}

/**
 * The passages of a document as index entries: each holds the title (and official number) and a
 * part of the body. A long page about many things ranks by the passage that matches, not by its
 * length: "bao nhiêu đảng viên" finds the paragraph about party members in a ten-topic report.
 * Folded words are added to `vocabulary` (for typo correction).
 */
export function documentPassages(doc: CorpusDoc, vocabulary: Set<string>): PassageTerms[] {
  return splitPassages(doc.body).map((passage) => passageTerms(doc, passage, vocabulary));
}

/** Term frequencies and weighted length of one passage: syllables (exact and folded), pairs, numbers. */
export function passageTerms(doc: CorpusDoc, body: string, vocabulary: Set<string>): PassageTerms {
  const { titleWeight, sourceWeight, maxVocabulary } = ENGINE_SETTINGS.index;
  const terms: TermFrequencies = new Map();
  const bump = (hash: number, by: number) => terms.set(hash, (terms.get(hash) ?? 0) + by);
  const addText = (text: string, weight: number): number => {
    const tokens = tokenize(text);
    let previous: Token | null = null;
    for (const token of tokens) {
      bump(token.foldedHash, weight);
      if (token.accentHash) bump(token.accentHash, weight);
      if (token.wholeHash) bump(token.wholeHash, weight);
      if (previous && !token.breakBefore) bump(pairHash(previous, token), weight);
      if (token.kind === "word" && vocabulary.size < maxVocabulary) vocabulary.add(token.folded);
      previous = token;
    }
    // Official numbers anywhere in the text are terms of their own, so that an exact lookup finds
    // a decree cited in a news article as surely as the decree itself.
    for (const mention of findDocNumbers(text)) {
      bump(docNumberHash(mention.key), weight);
      if (mention.folded !== mention.key) bump(foldedDocNumberTerm(mention.folded), weight);
    }
    return tokens.length * weight;
  };
  // Every passage carries the title, and the source when it names a place or body ("Thành ủy Đông
  // Hà"): a paragraph of the city's report is about the city even where it does not repeat its name.
  let length = addText(doc.title, titleWeight) + addText(body, 1);
  if (doc.source && sourceWeight > 0) length += addText(doc.source, sourceWeight);
  if (doc.number) {
    const key = docNumberKey(doc.number);
    bump(docNumberHash(key), titleWeight);
    bump(foldedDocNumberTerm(foldDiacritics(key)), titleWeight);
    length += 1;
  }
  return [terms, length];
}
