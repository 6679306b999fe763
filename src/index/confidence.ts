import WEIGHTS from "./confidence-weights.json" with { type: "json" };

// The decision: the answer finder proposes its best sentence with what it measured about it; a
// small logistic model turns those measurements into one confidence, and the engine answers only
// above a threshold chosen for precision. The weights are fitted by `scripts/fit-confidence.ts`
// and reviewed in `confidence-weights.json`; DESIGN.md says on which sets.

/** What the answer finder measured about its best sentence; every value is in 0..1. */
export interface AnswerFeatures {
  /** Share of the question's weight (idf) the sentence itself holds, words found apart not counted. */
  own: number;
  /** Share held by the sentence read with its title and lead-in, blended with the document's share. */
  coverage: number;
  /** Share held by the whole document. */
  docCoverage: number;
  /** Share of the question's adjacent word pairs found adjacent in the sentence. */
  pairs: number;
  /** The document's retrieval score relative to the best document's. */
  relative: number;
  /** Whether the sentence comes from the first document ranked. */
  firstDoc: number;
  /** How far the best sentence's score is ahead of the best sentence of another document (scaled). */
  margin: number;
  /** Whether the question asks for a figure (a count, amount, percentage, duration, date or person). */
  wantsFigure: number;
  /** Whether the sentence holds a figure of the kind asked. */
  hasFigure: number;
  /** Whether the question names what is counted and the figure counts it ("7.210 đảng viên"). */
  figureNextToFocus: number;
  /** Whether the document carries or cites the official number asked. */
  numberMatch: number;
  /** Whether the question pins down a place, law, article, person or year (all met, or it would not be here). */
  constrained: number;
  /** Share of the question's rarest word's weight missing from the sentence and its context. */
  rarestMissing: number;
  /** Weight (idf) of the question's words missing from the sentence itself, over `missingWeightScale`. */
  missingWeight: number;
  /** The answering document's BM25 score over the best score the question's terms could reach. */
  strength: number;
  /** The question's content words, over `questionLengthScale`. */
  questionLength: number;
  /** Whether the question wants no figure but a statement (what, how, where, yes/no). */
  statement: number;
  /** Whether the sentence is the rule of its text (first sentences, no "nếu"/"trường hợp" condition). */
  mainRule: number;
}

/** The features in the order of the weights file. */
export const FEATURE_NAMES = [
  "own",
  "coverage",
  "docCoverage",
  "pairs",
  "relative",
  "firstDoc",
  "margin",
  "wantsFigure",
  "hasFigure",
  "figureNextToFocus",
  "numberMatch",
  "constrained",
  "rarestMissing",
  "missingWeight",
  "strength",
  "questionLength",
  "statement",
  "mainRule",
] as const satisfies ReadonlyArray<keyof AnswerFeatures>;

/** A logistic model: a bias and one weight per feature. */
export interface ConfidenceModel {
  bias: number;
  weights: Record<(typeof FEATURE_NAMES)[number], number>;
  threshold: number;
}

/** The reviewed model the engine uses. */
export const CONFIDENCE_MODEL: ConfidenceModel = WEIGHTS as ConfidenceModel;

/** The features as a vector, in {@link FEATURE_NAMES} order. */
export function featureVector(features: AnswerFeatures): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}

/** The model's confidence (0..1) that the sentence answers the question. */
export function confidence(features: AnswerFeatures, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  let z = model.bias;
  for (const name of FEATURE_NAMES) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}
