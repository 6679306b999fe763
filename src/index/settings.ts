import { QUESTION_MAX_CHARS } from "./limits.js";

/**
 * Every tuning value of the engine, in one constant. An index must be loaded with the settings it
 * was built with, so `version` is part of the snapshot key: change anything under `index` (or the
 * way texts are tokenised) and bump it. How each value was chosen is in `DESIGN.md`.
 */
export const ENGINE_SETTINGS = {
  /** Snapshot format and indexing settings version; bump when anything under `index` or tokenising changes. */
  version: 6,

  /** How texts become index entries (changing any of these needs a rebuild: bump `version`). */
  index: {
    /** Times a title term counts (titles are short and say what the text is about); a multiplier. */
    titleWeight: 3,
    /** Times a source term (site or collection name) counts in each passage; 0 leaves sources out. */
    sourceWeight: 1,
    /** Folded words kept for typo correction, at most (a bound on memory: a count of words). */
    maxVocabulary: 2_000_000,
  },

  /** BM25 and how a question becomes weighted terms. */
  retrieval: {
    /** BM25 term-frequency saturation and length normalisation (measured on the golden set). */
    bm25: { k1: 0.9, b: 0.75 },
    /** Weight of the folded form of a syllable typed with diacritics (the exact form weighs 1). */
    foldedWeightWhenAccented: 0.35,
    /** Weight of a syllable pair relative to a single syllable (Vietnamese words span syllables). */
    pairWeight: 1.2,
    /** Weight of a number's second form (`361` for `361,503`, `1` for `một`), relative to 1. */
    wholeNumberWeight: 0.5,
    /** Weight of an official document number in the question, relative to a syllable. */
    docNumberWeight: 4,
    /** Weight of the folded-key form of an official number typed without `Đ`, relative to its exact weight. */
    foldedDocNumberShare: 0.5,
    /** Weight of a typo-corrected syllable, relative to one typed right. */
    fuzzyWeight: 0.6,
    /** Weight of a thesaurus term (a word the texts use for the word typed), relative to one typed. */
    thesaurusWeight: 0.6,
    /** Words shorter than this (folded characters) are not typo-corrected: too many neighbours. */
    fuzzyMinChars: 4,
    /** Words of at least this many characters accept two edits, shorter ones one. */
    fuzzyTwoEditChars: 7,
    /** Typo corrections remembered, at most (a count of words). */
    fuzzyCacheSize: 10_000,
    /** Syllables found in more than this share of passages only rank what the rarer terms found. */
    commonTermShare: 0.04,
    /** …but never below this many passages (a small corpus has no "common" words). */
    commonTermMinDf: 50,
    /** How many candidates the common syllables rank. */
    commonTermCandidates: 300,
    /** Passages read per document ranked (a document ranks by its best passage); a multiplier of k. */
    passagesPerDoc: 4,
    /** How many documents are ranked before the answer is looked for. */
    candidates: 60,
    /** Boost of a document dated in the year the question names, as a share of the best score. */
    yearBoost: 0.15,
    /** Boost of the newest documents when the question asks for the latest, as a share of the best score. */
    latestBoost: 0.2,
    /** Span of the recency scale for "mới nhất", in years: a text this old gets no recency boost. */
    recencyYears: 100,
  },

  /** Reading the best documents for the sentence that answers. */
  answer: {
    /** How many of the best documents are read for the answer sentence. */
    answerDocs: 8,
    /** Documents scoring below this share of the best one are not read for the answer. */
    answerDocMinRelative: 0.6,
    /** Weight of a document's best passage against its BM25 score when re-ranking the documents read. */
    evidenceWeight: 0.25,
    /** Share of a two-syllable word's weight taken off when its syllables are found apart. */
    brokenWordPenalty: 1,
    /** A syllable pair is a word when it occurs in at least this share of the texts holding its rarer syllable. */
    wordStrength: 0.05,
    /** A syllable pair found in fewer passages than this is not a word (too rare to tell). */
    wordMinDf: 3,
    /** Syllables at most this many tokens apart, in either order, count as "together" for a two-syllable word. */
    nearTokens: 3,
    /** Below this share of the question's weight found in the document, it is not read further. */
    minDocCoverage: 0.25,
    /** Below this share found in the answer sentence (title counted half), the sentence is not considered. */
    minSentenceCoverage: 0.25,
    /** Below this share of the question's weight in the sentence alone (no title, no lead-in), not considered. */
    minOwnCoverage: 0.15,
    /** Share of a sentence's coverage that comes from its document's coverage (the rest is its own). */
    documentShareOfCoverage: 0.3,
    /** Weight, relative to the sentence's own words, of question words found only in the title or lead-in. */
    contextWordShare: 0.5,
    /** Score bonus per share of the question's distinct words (small ones included) found in the sentence. */
    overlapBonus: 0.5,
    /** Score bonus per share of the question's pairs found in the sentence. */
    pairBonus: 0.15,
    /** Score bonus of a question word found with the diacritics it was typed with, per unit of idf share. */
    accentBonus: 0.1,
    /** Score of the document's rank (relative BM25) in the sentence score. */
    rankShare: 0.5,
    /** Score bonus of a sentence holding the figure asked for. */
    figureBonus: 0.35,
    /** Score penalty of a sentence lacking the figure asked for. */
    noFigurePenalty: 0.25,
    /** Score bonus of a definition sentence ("X là …") for a "là gì" question. */
    definitionBonus: 0.1,
    /** Characters from the sentence start within which "là" marks a definition. */
    definitionWithinChars: 120,
    /** A sentence shorter than this (characters) is a heading and says little. */
    headingChars: 25,
    /** Score penalty of a heading. */
    headingPenalty: 0.2,
    /** Words allowed between a numeral and the noun it counts (a classifier: "67 tổ chức", "3 ngôi trường"). */
    wordsBeforeCountedNoun: 2,
    /** Words allowed between a counted noun and a figure after it in the same clause ("đảng viên là 7.210"). */
    wordsAfterCountedNoun: 4,
    /** Characters after a figure in which its unit must start ("08 giờ"). */
    unitWindowChars: 16,
    /** Decay length of a question word's pull on a figure, in characters. */
    anchorDecayChars: 25,
    /** Decay length of the counted word's pull on a figure, in characters (it sits right next to it). */
    focusDecayChars: 8,
    /** Weight of the counted word's pull against the other question words' pull. */
    focusWeight: 10,
    /** Sentences on each side of the answer within which the question's place, law or person must be said. */
    constraintSentences: 3,
    /** Sentences from a text's start that state its rule (later ones add cases and exceptions), a count. */
    ruleSentences: 2,
    /** Score penalty of a clause that states a special case ("Trường hợp …", "Nếu …") after the rule. */
    conditionPenalty: 0.05,
    /** Missing question weight (idf) that counts as wholly missing, for the confidence feature. */
    missingWeightScale: 20,
    /** Content words that count as a long question, for the confidence feature. */
    questionLengthScale: 15,
    /** Sentence-score difference that counts as a full margin over the next document's best sentence. */
    marginScale: 0.3,
    /** Pull kept by a bare year ("2023") taken as a count. */
    yearAsCountShare: 0.3,
  },

  /** Recent answers kept until the corpus changes (a count of questions; results are small). */
  answerCacheSize: 2000,
  /** Questions longer than this (characters) are cut: the first part carries the question (the bot's cap too). */
  maxQuestionChars: QUESTION_MAX_CHARS,
} as const;

/** The settings type, for modules that take them as a parameter. */
export type EngineSettings = typeof ENGINE_SETTINGS;
