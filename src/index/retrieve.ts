import type { DocRegistry } from "./doc-registry.js";
import { foldedDocNumberTerm } from "./passage-terms.js";
import { docNumberHash } from "./tokenize.js";
import type { Accumulator, InvertedIndex } from "./inverted-index.js";
import { queryTerms, type Correct, type QueryTerm } from "./query-terms.js";
import type { QuestionAnalysis } from "./question.js";
import { ENGINE_SETTINGS } from "./settings.js";
import type { DocType } from "./types.js";

/** A document slot with its score, best first. */
export interface Ranked {
  doc: number;
  score: number;
}

/** What retrieval reads: the index, the documents, typo correction and a reusable accumulator. */
export interface RetrieveContext {
  index: InvertedIndex;
  registry: DocRegistry;
  correct: Correct;
  /** A score accumulator sized to the index (reused across questions). */
  accumulator(): Accumulator;
}

/**
 * Documents ranked for a question: documents whose official number is the one asked come first,
 * then BM25 over passages (a document scores as its best passage), with boosts for the year asked
 * and, for "mới nhất", for recent dates.
 */
export function retrieve(ctx: RetrieveContext, analysis: QuestionAnalysis, k: number, type?: DocType, alternative?: QuestionAnalysis | null): Ranked[] {
  const s = ENGINE_SETTINGS.retrieval;
  const { index, registry } = ctx;
  const acc = ctx.accumulator();
  // Rare terms first: the accumulator is the same whatever the order, but this keeps it predictable.
  const terms = withAlternative(queryTerms(analysis, index, ctx.correct), alternative ? queryTerms(alternative, index, ctx.correct) : []);
  terms.sort((a, b) => b.idf - a.idf);
  // Rare terms (and syllable pairs) are walked in full; common syllables (của, và, năm) are only
  // looked up for the candidates the rare ones found: their lists are the bulk of the work and
  // they change the order of the candidates, not which documents are candidates.
  const commonDf = Math.max(s.commonTermMinDf, index.liveCount * s.commonTermShare);
  // A term the corpus lacks (df 0) finds nothing: it must not count as the rare term that gathers
  // the candidates, or a question whose other words are all common would find no document at all.
  const found = terms.filter((t) => t.df > 0);
  const rare = found.filter((t) => t.df <= commonDf);
  const common = rare.length > 0 ? found.filter((t) => t.df > commonDf) : [];
  for (const term of rare.length > 0 ? rare : found) index.accumulate(acc, term.hash, term.weight, term.idf);
  if (common.length > 0) index.accumulateForCandidates(acc, common, s.commonTermCandidates);
  const filter = type ? (passage: number) => registry.meta(registry.passageDoc[passage]!).type === type : undefined;
  const best = new Map<number, number>();
  for (const { doc: passage, score } of index.top(acc, k * s.passagesPerDoc, filter)) {
    const slot = registry.passageDoc[passage]!;
    if (!best.has(slot)) best.set(slot, score);
  }
  const ranked = [...best].map(([doc, score]) => ({ doc, score })).slice(0, k);
  const top = ranked[0]?.score ?? 1;
  for (const r of ranked) {
    const meta = registry.meta(r.doc);
    if (analysis.year !== null && meta.date?.startsWith(String(analysis.year))) r.score += top * s.yearBoost;
    if (analysis.wantsLatest && meta.date) r.score += top * s.latestBoost * recency(meta.date);
  }
  ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const tiers = numberTiers(ctx, analysis);
  if (tiers.size === 0) return ranked;
  // An official number is looked up exactly: the documents that carry it as their number come
  // first, then those whose text cites it; the question's other words only order them, so "là
  // văn bản gì" never outweighs the number.
  const scoreOf = new Map(ranked.map((r) => [r.doc, r.score]));
  const first = [...tiers]
    .filter(([slot]) => !type || registry.meta(slot).type === type)
    .map(([slot, tier]) => ({ doc: slot, score: (scoreOf.get(slot) ?? 0) + tier * (top + 1) }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc);
  return [...first, ...ranked.filter((r) => !tiers.has(r.doc))].slice(0, k);
}

/**
 * The best BM25 score the question's terms could reach together (each term at tf 1 in a text of
 * average length): a scale for how well the best document matches.
 */
export function bestPossibleScore(ctx: Pick<RetrieveContext, "index" | "correct">, analysis: QuestionAnalysis): number {
  const { k1 } = ENGINE_SETTINGS.retrieval.bm25;
  // tf 1 at average length: tf (k1 + 1) / (tf + k1) = (k1 + 1) / (1 + k1) = 1 per unit of weight × idf × (k1 + 1) / (1 + k1).
  return queryTerms(analysis, ctx.index, ctx.correct).reduce((sum, t) => sum + t.weight * t.idf * ((k1 + 1) / (1 + k1)), 0);
}

/**
 * The question's terms with those of its reading in the texts' words (`thesaurus.ts`), which weigh
 * less than the words typed.
 */
function withAlternative(typed: QueryTerm[], alternative: QueryTerm[]): QueryTerm[] {
  const byHash = new Map(typed.map((t) => [t.hash, t]));
  for (const t of alternative) {
    if (byHash.has(t.hash)) continue;
    byHash.set(t.hash, { ...t, weight: t.weight * ENGINE_SETTINGS.retrieval.thesaurusWeight });
  }
  return [...byHash.values()];
}

/**
 * Documents holding an official number the question names: tier 2 when it is their own number
 * (the `number` field), tier 1 when their text cites it.
 */
export function numberTiers(ctx: Pick<RetrieveContext, "index" | "registry">, analysis: QuestionAnalysis): Map<number, number> {
  const tiers = new Map<number, number>();
  if (analysis.docNumbers.length === 0) return tiers;
  for (const mention of analysis.docNumbers) for (const slot of ctx.registry.slotsWithNumber(mention.raw)) tiers.set(slot, 2);
  for (const hash of numberTerms(analysis)) {
    for (const passage of ctx.index.postings(hash)) {
      const slot = ctx.registry.passageDoc[passage]!;
      if (!tiers.has(slot)) tiers.set(slot, 1);
    }
  }
  return tiers;
}

/** The index terms of the official numbers a question names (exact key; folded key when typed without `Đ`). */
function numberTerms(analysis: QuestionAnalysis): number[] {
  const hashes: number[] = [];
  for (const mention of analysis.docNumbers) {
    hashes.push(docNumberHash(mention.key));
    if (!mention.key.includes("Đ")) hashes.push(foldedDocNumberTerm(mention.folded));
  }
  return hashes;
}

/**
 * Re-ranks the documents that were read by how well their best passage covers the question (a
 * long page that holds the answer in one sentence beats a short text that shares a few words);
 * documents holding the official number asked stay first. Scores stay BM25 scores, best first.
 */
export function rerank(ranked: Ranked[], evidence: Map<number, number>, tiers: Map<number, number>): Ranked[] {
  if (evidence.size === 0) return ranked;
  const top = ranked[0]!.score;
  const key = (r: Ranked) =>
    100 * (tiers.get(r.doc) ?? 0) + r.score / top + ENGINE_SETTINGS.answer.evidenceWeight * (evidence.get(r.doc) ?? 0);
  const read = ranked.slice(0, evidence.size).sort((a, b) => key(b) - key(a));
  // A reader of `hits` sees a falling order.
  const scores = ranked.slice(0, evidence.size).map((r) => r.score).sort((a, b) => b - a);
  return [...read.map((r, i) => ({ doc: r.doc, score: scores[i]! })), ...ranked.slice(evidence.size)];
}

/** 1 for a text dated today-ish, falling linearly to 0 over `recencyYears`. */
function recency(date: string): number {
  const years = (Date.parse("2100-01-01") - Date.parse(date)) / (365.25 * 86_400_000);
  return Number.isFinite(years) ? Math.max(0, 1 - years / ENGINE_SETTINGS.retrieval.recencyYears) : 0;
}
