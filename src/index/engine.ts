import { AnswerCache } from "./answer-cache.js";
import { DocRegistry } from "./doc-registry.js";
import type { DocStore } from "./doc-store.js";
import { CONFIDENCE_MODEL, confidence } from "./confidence.js";
import { findAnswer, type Candidate } from "./find-answer.js";
import { InvertedIndex, type Accumulator, type IndexArrays } from "./inverted-index.js";
import { cleanText } from "./normalize.js";
import { documentPassages } from "./passage-terms.js";
import { analyzeQuestion } from "./question.js";
import { bestPossibleScore, numberTiers, rerank, retrieve, type RetrieveContext } from "./retrieve.js";
import { ENGINE_SETTINGS } from "./settings.js";
import { inTextsWords } from "./thesaurus.js";
import { TypoCorrector } from "./typo.js";
import type { AskOptions, AskResult, CorpusDoc, DocPage, Engine, Hit, SearchOptions, SearchPage } from "./types.js";

export { ENGINE_SETTINGS } from "./settings.js";

/** The state a snapshot holds. */
export interface EngineState {
  docs: DocStore;
  /** The document of each passage of the compact index. */
  passageDoc: Uint32Array;
  /** Whether each document slot is removed. */
  removed: boolean[];
  index: IndexArrays;
  /** Folded words of the vocabulary (for typo correction). */
  vocabulary: string[];
}

/** An answer with how it was decided. */
export interface Explained {
  result: AskResult;
  /** The best sentence proposed, answered or not, with its features; null when none was found. */
  candidate: Candidate | null;
  /** The confidence the candidate answers (0 without one). */
  confidence: number;
}

/**
 * The Vietnamese search and question-answering engine: a thin owner of the index, the documents
 * and the caches, over the pure stages of `DESIGN.md` (question → terms → retrieval → answer
 * sentence → decision).
 */
export class VietEngine implements Engine {
  private readonly registry: DocRegistry;
  private readonly index: InvertedIndex;
  private readonly vocabulary = new Set<string>();
  private readonly typos: TypoCorrector;
  private readonly answers = new AnswerCache();
  private acc: Accumulator | null = null;
  private readonly context: RetrieveContext;

  /** Builds an engine over documents, or restores one from a snapshot's state. */
  constructor(docs: Iterable<CorpusDoc> = [], state?: EngineState) {
    const bm25 = ENGINE_SETTINGS.retrieval.bm25;
    if (state) {
      this.index = InvertedIndex.fromArrays(state.index, bm25);
      this.registry = new DocRegistry(state.docs);
      for (const word of state.vocabulary) this.vocabulary.add(word);
    } else {
      this.index = new InvertedIndex(bm25);
      this.registry = new DocRegistry();
    }
    this.typos = new TypoCorrector(this.vocabulary, (hash) => this.index.df(hash));
    this.context = {
      index: this.index,
      registry: this.registry,
      correct: (folded) => this.typos.correct(folded),
      accumulator: () => {
        if (!this.acc || this.acc.scores.length < this.index.slots) this.acc = this.index.createAccumulator();
        return this.acc;
      },
    };
    if (state) this.restore(state);
    else {
      for (const doc of docs) this.add(doc);
      this.index.freeze();
    }
  }

  /** Links a snapshot's passages to their documents; documents added after its build are indexed again. */
  private restore(state: EngineState): void {
    const passages = state.passageDoc.length;
    const base = passages === 0 ? 0 : state.passageDoc[passages - 1]! + 1;
    for (let p = 0; p < passages; p++) this.registry.linkPassage(p, state.passageDoc[p]!);
    for (let slot = 0; slot < base; slot++) {
      if (state.removed[slot]) this.unindex(slot);
      else this.registry.register(null, slot);
    }
    for (let slot = base; slot < state.docs.length; slot++) {
      if (state.removed[slot]) continue;
      this.indexDoc(state.docs.get(slot), slot);
      this.registry.register(null, slot);
    }
  }

  get size(): number {
    return this.registry.size;
  }

  get(id: string): CorpusDoc | undefined {
    const slot = this.registry.slotOf(id);
    return slot === undefined ? undefined : this.registry.doc(slot);
  }

  add(input: CorpusDoc): void {
    const doc = { ...input, title: cleanText(input.title), body: cleanText(input.body) };
    if (this.registry.slotOf(doc.id) !== undefined) this.remove(doc.id);
    const slot = this.registry.slots;
    this.indexDoc(doc, slot);
    this.registry.register(doc, slot);
    this.answers.clear();
    this.acc = null;
    this.typos.reset();
  }

  remove(id: string): boolean {
    const slot = this.registry.unregister(id);
    if (slot === undefined) return false;
    this.unindex(slot);
    this.answers.clear();
    return true;
  }

  /** The state to store in a snapshot. */
  exportState(): EngineState {
    return {
      docs: this.registry.store,
      removed: this.registry.removedFlags(),
      index: this.index.toArrays(),
      passageDoc: Uint32Array.from(this.registry.passageDoc.slice(0, this.index.baseCount)),
      vocabulary: [...this.vocabulary],
    };
  }

  /** Index statistics, for benchmarks. */
  stats(): { docs: number; passages: number; terms: number; postings: number } {
    return { docs: this.size, passages: this.index.liveCount, terms: this.index.termCount, postings: this.index.postingCount };
  }

  /** Slots whose `number` field is the official number given (exact; folded when typed without `Đ`). */
  slotsWithNumber(number: string): number[] {
    return this.registry.slotsWithNumber(number);
  }

  byNumber(number: string): CorpusDoc[] {
    return this.registry.slotsWithNumber(number).map((slot) => this.registry.doc(slot));
  }

  latest(options: SearchOptions = {}): DocPage {
    return this.registry.latest(options);
  }

  search(query: string, options: SearchOptions = {}): SearchPage {
    const { limit = 5, offset = 0, type } = options;
    const analysis = analyzeQuestion(query);
    const ranked = retrieve(this.context, analysis, Math.max(ENGINE_SETTINGS.retrieval.candidates, offset + limit), type);
    return {
      total: ranked.length,
      hits: ranked.slice(offset, offset + limit).map((r) => ({ doc: this.registry.doc(r.doc), score: r.score })),
    };
  }

  ask(question: string, options: AskOptions = {}): AskResult {
    const top = Math.max(1, Math.min(options.top ?? 5, 100));
    const key = AnswerCache.key(question, top);
    const cached = this.answers.get(key);
    if (cached) return { ...cached, question };
    const { result } = this.answer(question, top);
    this.answers.set(key, result);
    return result;
  }

  /**
   * The answer with how it was decided: the best sentence proposed (answered or not), its features
   * and its confidence. For evaluation and for fitting the confidence model.
   */
  explain(question: string, options: AskOptions = {}): Explained {
    return this.answer(question, Math.max(1, Math.min(options.top ?? 5, 100)));
  }

  private answer(question: string, top: number): Explained {
    const analysis = analyzeQuestion(question);
    // The question read again in the words official texts use ("nghỉ phép năm" → "nghỉ hằng năm").
    const rewritten = inTextsWords(analysis.text);
    const alternative = rewritten ? analyzeQuestion(rewritten) : null;
    let ranked = retrieve(this.context, analysis, Math.max(ENGINE_SETTINGS.retrieval.candidates, top), undefined, alternative);
    const tiers = numberTiers(this.context, analysis);
    const finder = { stats: this.index, registry: this.registry, correct: this.context.correct };
    const possible = bestPossibleScore(this.context, analysis);
    const readings = [findAnswer(finder, analysis, ranked, tiers, possible)];
    if (alternative) readings.push(findAnswer(finder, alternative, ranked, tiers, possible));
    // The reading whose best sentence is likelier to answer decides; documents keep their best evidence.
    let candidate: Candidate | null = null;
    let sure = 0;
    const evidence = new Map<number, number>();
    for (const reading of readings) {
      for (const [slot, value] of reading.evidence) evidence.set(slot, Math.max(value, evidence.get(slot) ?? -Infinity));
      const p = reading.candidate ? confidence(reading.candidate.features) : 0;
      if (reading.candidate && (!candidate || p > sure)) {
        candidate = reading.candidate;
        sure = p;
      }
    }
    ranked = rerank(ranked, evidence, tiers);
    const answer = candidate && sure >= CONFIDENCE_MODEL.threshold ? candidate.answer : null;
    const hits: Hit[] = ranked.slice(0, top).map((r) => ({
      docId: this.registry.meta(r.doc).id,
      title: this.registry.doc(r.doc).title,
      score: Math.round(r.score * 1000) / 1000,
    }));
    return { result: { question, answer, hits }, candidate, confidence: sure };
  }

  /** Indexes a document's passages in its slot. */
  private indexDoc(doc: CorpusDoc, slot: number): void {
    for (const [terms, length] of documentPassages(doc, this.vocabulary)) {
      this.registry.linkPassage(this.index.addDocument(terms, length), slot);
    }
  }

  /** Takes a document's passages out of the index. */
  private unindex(slot: number): void {
    const range = this.registry.passagesOf(slot);
    if (range) for (let p = range[0]; p < range[1]; p++) this.index.removeDocument(p);
  }
}

/**
 * Creates the engine over documents.
 *
 * @example
 * const engine = createEngine(loadCorpus("corpus").docs);
 * engine.ask("Đông Hà có bao nhiêu đảng viên?").answer?.figure // "7.210"
 */
export function createEngine(docs: Iterable<CorpusDoc>): VietEngine {
  return new VietEngine(docs);
}

/** Restores an engine from a snapshot's state. */
export function restoreEngine(state: EngineState): VietEngine {
  return new VietEngine([], state);
}
