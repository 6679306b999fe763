import { clipSentence, findFigures, splitPassages, splitSentences, wantsFigure, type Figure, type Sentence } from "./answer.js";
import { docNumberKey, findDocNumbers, foldedDocNumberKey } from "./doc-number.js";
import { createFuzzyVocabulary, type FuzzyVocabulary } from "./fuzzy.js";
import { InvertedIndex, type Accumulator, type IndexArrays, type TermFrequencies } from "./inverted-index.js";
import { canonicalText, cleanText, foldDiacritics } from "./normalize.js";
import { analyzeQuestion, type QuestionAnalysis } from "./question.js";
import { DocStore } from "./doc-store.js";
import { hashPair } from "./hash.js";
import { docNumberHash, pairHash, tokenize, wordForms, type Token } from "./tokenize.js";
import type {
  Answer,
  AskOptions,
  AskResult,
  CorpusDoc,
  DocPage,
  Engine,
  Hit,
  SearchOptions,
  SearchPage,
} from "./types.js";

/**
 * Ranking settings: the index must be loaded with the ones it was built with, so they live in one
 * constant and their version is part of the snapshot key.
 */
export const ENGINE_SETTINGS = {
  version: 4,
  /** Title terms count this many times (titles are short and say what the text is about). */
  titleWeight: 3,
  bm25: { k1: 0.9, b: 0.75 },
  /** Source terms (site or collection name) count this many times in each passage; 0 leaves them out. */
  sourceWeight: 1,
  /** Weight of the folded form of a syllable typed with diacritics (the exact form weighs 1). */
  foldedWeightWhenAccented: 0.35,
  /** Weight of a syllable pair relative to a single syllable. */
  pairWeight: 1.2,
  /** Weight of an official document number in the question. */
  docNumberWeight: 4,
  /** Weight of a typo-corrected syllable. */
  fuzzyWeight: 0.6,
  /** How many documents are ranked before the answer is looked for. */
  candidates: 60,
  /** How many of the best documents are read for the answer sentence. */
  answerDocs: 8,
  /** Weight of a document's best passage against its BM25 score when re-ranking the documents read. */
  evidenceWeight: 0.25,
  /** Share of a two-syllable word's weight taken off when its syllables are found apart. */
  brokenWordPenalty: 1,
  /** A syllable pair is a word when it occurs in at least this share of the texts holding its rarer syllable. */
  wordStrength: 0.05,
  /** For questions that want no figure (how, what, where), the sentence coverage needed. */
  minCoverageWithoutFigure: 0.7,
  /** Below this share of the question's weight in the sentence alone (no title, no lead-in), no answer. */
  minOwnCoverage: 0.3,
  /** Documents scoring below this share of the best one are not read for the answer. */
  answerDocMinRelative: 0.6,
  /** Syllables found in more than this share of documents only rank the candidates the rarer terms found. */
  commonTermShare: 0.04,
  /** How many candidates the common syllables rank. */
  commonTermCandidates: 300,
  /** Below this share of the question's weight found in the document, there is no answer. */
  minDocCoverage: 0.5,
  /** Below this share found in the answer sentence (title counted half), there is no answer. */
  minSentenceCoverage: 0.55,
} as const;

interface QueryTerm {
  hash: number;
  weight: number;
  df: number;
  idf: number;
}

/** Weight units of a question, for coverage: each content syllable with its idf. */
interface Unit {
  /** For a year ("năm 2023"): a constraint on the document, met anywhere in it or by its date. */
  year: string | null;
  foldedHash: number;
  /** The typo correction's hash, which counts as the syllable; 0 when none. */
  altHash: number;
  accentHash: number;
  idf: number;
}

/** How many recent answers are kept (results are small: a sentence and a few titles). */
const ANSWER_CACHE_SIZE = 2000;

/** A document as the answer finder reads it. */
interface ReadDoc {
  titleTokens: Token[];
  sentences: Sentence[];
  sentenceTokens: Token[][];
}

/** A two-syllable word of the question: its pair hash, its order-free near hash, its weight. */
interface Collocation {
  a: number;
  b: number;
  pair: number;
  near: number;
  idfA: number;
  idfB: number;
}

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

/** The Vietnamese search and question-answering engine. */
export class VietEngine implements Engine {
  private store = new DocStore();
  private readonly slotById = new Map<string, number>();
  private readonly numberIndex = new Map<string, number[]>();
  private readonly byFoldedNumber = new Map<string, number[]>();
  private readonly vocabulary = new Set<string>();
  private fuzzy: FuzzyVocabulary | null = null;
  /** Typo corrections found, by folded word (null: none); cleared with the vocabulary. */
  private readonly corrections = new Map<string, string | null>();
  private latestOrder: number[] | null = null;
  private acc: Accumulator | null = null;
  private readonly answers = new Map<string, AskResult>();
  /** The document of each passage (index entry), and each document's passages as [first, end). */
  private readonly passageDoc: number[] = [];
  private readonly docPassages: Array<[number, number]> = [];
  private index: InvertedIndex;

  /** Builds an engine over documents. */
  constructor(docs: Iterable<CorpusDoc> = [], state?: EngineState) {
    if (state) {
      this.index = InvertedIndex.fromArrays(state.index, ENGINE_SETTINGS.bm25);
      this.store = state.docs;
      // Passages in the compact index belong to the first documents; those added later are indexed again.
      const passages = state.passageDoc.length;
      const base = passages === 0 ? 0 : state.passageDoc[passages - 1]! + 1;
      for (let p = 0; p < passages; p++) this.linkPassage(p, state.passageDoc[p]!);
      for (let slot = 0; slot < base; slot++) this.register(null, slot, !state.removed[slot]);
      for (let slot = 0; slot < base; slot++) if (state.removed[slot]) this.unindex(slot);
      for (let slot = base; slot < state.docs.length; slot++) {
        if (state.removed[slot]) continue;
        const doc = state.docs.get(slot);
        for (const [terms, length] of this.passagesOf(doc)) this.linkPassage(this.index.addDocument(terms, length), slot);
        this.register(null, slot, true);
      }
      for (const word of state.vocabulary) this.vocabulary.add(word);
    } else {
      this.index = new InvertedIndex(ENGINE_SETTINGS.bm25);
      for (const doc of docs) this.add(doc);
      this.index.freeze();
    }
  }

  get size(): number {
    return this.slotById.size;
  }

  get(id: string): CorpusDoc | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.store.get(slot);
  }

  add(input: CorpusDoc): void {
    const doc = { ...input, title: cleanText(input.title), body: cleanText(input.body) };
    if (this.slotById.has(doc.id)) this.remove(doc.id);
    const slot = this.store.length;
    for (const [terms, length] of this.passagesOf(doc)) this.linkPassage(this.index.addDocument(terms, length), slot);
    this.register(doc, slot, true);
    this.answers.clear();
    this.acc = null;
    this.fuzzy = null;
    this.corrections.clear();
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.unindex(slot);
    this.slotById.delete(id);
    this.answers.clear();
    const doc = this.store.meta(slot);
    if (doc.number) {
      this.unlink(this.numberIndex, docNumberKey(doc.number), slot);
      this.unlink(this.byFoldedNumber, foldedDocNumberKey(doc.number), slot);
    }
    this.latestOrder = null;
    return true;
  }

  /** The state to store in a snapshot. */
  exportState(): EngineState {
    return {
      docs: this.store,
      removed: Array.from({ length: this.store.length }, (_, slot) => this.slotById.get(this.store.meta(slot).id) !== slot),
      index: this.index.toArrays(),
      passageDoc: Uint32Array.from(this.passageDoc.slice(0, this.index.baseCount)),
      vocabulary: [...this.vocabulary],
    };
  }

  /** Index statistics, for benchmarks. */
  stats(): { docs: number; passages: number; terms: number; postings: number } {
    return { docs: this.size, passages: this.index.liveCount, terms: this.index.termCount, postings: this.index.postingCount };
  }

  /** Records that index entry `passage` is part of document `slot`. */
  private linkPassage(passage: number, slot: number): void {
    this.passageDoc[passage] = slot;
    const range = this.docPassages[slot];
    if (range) range[1] = passage + 1;
    else this.docPassages[slot] = [passage, passage + 1];
  }

  /** Takes a document's passages out of the index. */
  private unindex(slot: number): void {
    const range = this.docPassages[slot];
    if (range) for (let p = range[0]; p < range[1]; p++) this.index.removeDocument(p);
  }

  slotsWithNumber(number: string): number[] {
    const key = docNumberKey(number);
    const exact = this.numberIndex.get(key) ?? [];
    if (exact.length > 0 || key.includes("Đ")) return exact;
    // Typed without diacritics ("123/QD-UBND"): accept the folded match.
    return this.byFoldedNumber.get(foldedDocNumberKey(number)) ?? [];
  }

  byNumber(number: string): CorpusDoc[] {
    return this.slotsWithNumber(number).map((slot) => this.store.get(slot));
  }

  latest(options: SearchOptions = {}): DocPage {
    const { limit = 5, offset = 0, type } = options;
    if (!this.latestOrder) {
      this.latestOrder = [...this.slotById.values()].sort((a, b) => {
        const da = this.store.meta(a).date ?? "";
        const db = this.store.meta(b).date ?? "";
        return da === db ? b - a : db.localeCompare(da);
      });
    }
    const slots = type ? this.latestOrder.filter((s) => this.store.meta(s).type === type) : this.latestOrder;
    return { total: slots.length, docs: slots.slice(offset, offset + limit).map((s) => this.store.get(s)) };
  }

  search(query: string, options: SearchOptions = {}): SearchPage {
    const { limit = 5, offset = 0, type } = options;
    const analysis = analyzeQuestion(query);
    const ranked = this.rank(analysis, Math.max(ENGINE_SETTINGS.candidates, offset + limit), type);
    return {
      total: ranked.length,
      hits: ranked.slice(offset, offset + limit).map((r) => ({ doc: this.store.get(r.doc), score: r.score })),
    };
  }

  ask(question: string, options: AskOptions = {}): AskResult {
    const top = Math.max(1, Math.min(options.top ?? 5, 100));
    // The same question (same words, whatever the case or spacing) gets the same answer until the
    // corpus changes: citizens ask the popular questions again and again.
    const key = `${top}\u0000${question.slice(0, 500).normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim()}`;
    const cached = this.answers.get(key);
    if (cached) {
      this.answers.delete(key);
      this.answers.set(key, cached);
      return { ...cached, question };
    }
    const result = this.answer(question, top);
    this.answers.set(key, result);
    if (this.answers.size > ANSWER_CACHE_SIZE) this.answers.delete(this.answers.keys().next().value!);
    return result;
  }

  private answer(question: string, top: number): AskResult {
    const analysis = analyzeQuestion(question);
    let ranked = this.rank(analysis, Math.max(ENGINE_SETTINGS.candidates, top));
    const { answer, evidence } = this.findAnswer(analysis, ranked);
    ranked = this.rerank(ranked, evidence, analysis);
    const hits: Hit[] = ranked.slice(0, top).map((r) => ({
      docId: this.store.meta(r.doc).id,
      title: this.store.get(r.doc).title,
      score: Math.round(r.score * 1000) / 1000,
    }));
    return { question, answer, hits };
  }

  /**
   * Re-ranks the documents that were read by how well their best passage covers the question (a
   * long page that holds the answer in one sentence beats a short text that shares a few words);
   * exact official-number matches stay first.
   */
  private rerank(
    ranked: Array<{ doc: number; score: number }>,
    evidence: Map<number, number>,
    analysis: QuestionAnalysis,
  ): Array<{ doc: number; score: number }> {
    if (evidence.size === 0) return ranked;
    const top = ranked[0]!.score;
    const exact = new Set(analysis.docNumbers.flatMap((m) => this.slotsWithNumber(m.raw)));
    const key = (r: { doc: number; score: number }) =>
      (exact.has(r.doc) ? 100 : 0) + r.score / top + ENGINE_SETTINGS.evidenceWeight * (evidence.get(r.doc) ?? 0);
    const read = ranked.slice(0, evidence.size).sort((a, b) => key(b) - key(a));
    // Scores stay BM25 scores, best first, so that a reader of `hits` sees a falling order.
    const scores = ranked.slice(0, evidence.size).map((r) => r.score).sort((a, b) => b - a);
    return [...read.map((r, i) => ({ doc: r.doc, score: scores[i]! })), ...ranked.slice(evidence.size)];
  }

  // ---------------------------------------------------------------------------------------------

  /** Records a document in the lookups; `doc` null means it is already in the store. */
  private register(doc: CorpusDoc | null, slot: number, live: boolean): void {
    if (doc) this.store.set(slot, doc);
    if (!live) return;
    const meta = this.store.meta(slot);
    this.slotById.set(meta.id, slot);
    if (meta.number) {
      this.link(this.numberIndex, docNumberKey(meta.number), slot);
      this.link(this.byFoldedNumber, foldedDocNumberKey(meta.number), slot);
    }
    this.latestOrder = null;
  }

  private link(map: Map<string, number[]>, key: string, slot: number): void {
    const list = map.get(key);
    if (list) list.push(slot);
    else map.set(key, [slot]);
  }

  private unlink(map: Map<string, number[]>, key: string, slot: number): void {
    const list = map.get(key)?.filter((s) => s !== slot);
    if (list && list.length > 0) map.set(key, list);
    else map.delete(key);
  }

  /**
   * The passages of a document as index entries: each holds the title (and official number) and a
   * part of the body. A long page about many things ranks by the passage that matches, not by its
   * length: "bao nhiêu đảng viên" finds the paragraph about party members in a ten-topic report.
   */
  private passagesOf(doc: CorpusDoc): Array<[TermFrequencies, number]> {
    return splitPassages(doc.body).map((passage) => this.termsOf(doc, passage));
  }

  /** Term frequencies and weighted length of a passage: syllables (exact and folded), pairs, numbers. */
  private termsOf(doc: CorpusDoc, body: string): [TermFrequencies, number] {
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
        if (token.kind === "word" && this.vocabulary.size < 2_000_000) this.vocabulary.add(token.folded);
        previous = token;
      }
      for (const mention of findDocNumbers(text)) {
        bump(docNumberHash(mention.key), weight);
        if (mention.folded !== mention.key) bump(docNumberHash(`~${mention.folded}`), weight);
      }
      return tokens.length * weight;
    };
    // Every passage carries the title, and the source when it names a place or body ("Thành ủy Đông
    // Hà"): a paragraph of the city's report is about the city even where it does not repeat its name.
    let length = addText(doc.title, ENGINE_SETTINGS.titleWeight) + addText(body, 1);
    if (doc.source) length += addText(doc.source, ENGINE_SETTINGS.sourceWeight);
    if (doc.number) {
      const key = docNumberKey(doc.number);
      bump(docNumberHash(key), ENGINE_SETTINGS.titleWeight);
      bump(docNumberHash(`~${foldDiacritics(key)}`), ENGINE_SETTINGS.titleWeight);
      length += 1;
    }
    return [terms, length];
  }

  private queryTerms(analysis: QuestionAnalysis): QueryTerm[] {
    const s = ENGINE_SETTINGS;
    const terms = new Map<number, QueryTerm>();
    const put = (hash: number, weight: number) => {
      const existing = terms.get(hash);
      if (existing) existing.weight = Math.max(existing.weight, weight);
      else {
        const df = this.index.df(hash);
        terms.set(hash, { hash, weight, df, idf: this.index.idfForDf(df) });
      }
    };
    const { tokens, content } = analysis;
    const isContent = new Set(content);
    for (const i of content) {
      const token = tokens[i]!;
      if (token.accentHash && this.index.df(token.accentHash) > 0) {
        put(token.accentHash, 1);
        put(token.foldedHash, s.foldedWeightWhenAccented);
      } else {
        put(token.foldedHash, 1);
      }
      if (token.wholeHash) put(token.wholeHash, 0.5);
      if (token.kind === "word" && this.index.df(token.foldedHash) === 0) {
        const corrected = this.correct(token.folded);
        if (corrected) put(wordForms(corrected).foldedHash, s.fuzzyWeight);
      }
      if (i > 0 && isContent.has(i - 1) && !token.breakBefore) put(pairHash(tokens[i - 1]!, token), s.pairWeight);
    }
    for (const mention of analysis.docNumbers) {
      put(docNumberHash(mention.key), s.docNumberWeight);
      if (!mention.key.includes("Đ")) put(docNumberHash(`~${mention.folded}`), s.docNumberWeight * 0.5);
    }
    return [...terms.values()];
  }

  private correct(folded: string): string | null {
    if (folded.length < 4) return null;
    const known = this.corrections.get(folded);
    if (known !== undefined) return known;
    const corrected = this.findCorrection(folded);
    if (this.corrections.size > 10_000) this.corrections.clear();
    this.corrections.set(folded, corrected);
    return corrected;
  }

  private findCorrection(folded: string): string | null {
    if (!this.fuzzy) this.fuzzy = createFuzzyVocabulary(this.vocabulary);
    let best: string | null = null;
    let bestDf = 0;
    for (const candidate of this.fuzzy.near(folded, folded.length >= 7 ? 2 : 1)) {
      const df = this.index.df(wordForms(candidate).foldedHash);
      if (df > bestDf) {
        best = candidate;
        bestDf = df;
      }
    }
    return best;
  }

  /** Documents ranked for a question: exact official-number matches first, then BM25 with boosts. */
  private rank(analysis: QuestionAnalysis, k: number, type?: CorpusDoc["type"]): Array<{ doc: number; score: number }> {
    if (!this.acc || this.acc.scores.length < this.index.slots) this.acc = this.index.createAccumulator();
    const acc = this.acc;
    // Rare terms first: the accumulator is the same whatever the order, but this keeps it predictable.
    const terms = this.queryTerms(analysis).sort((a, b) => b.idf - a.idf);
    // Rare terms (and syllable pairs) are walked in full; common syllables (của, và, năm) are only
    // looked up for the candidates the rare ones found: their lists are the bulk of the work and
    // they change the order of the candidates, not which documents are candidates.
    const commonDf = Math.max(50, this.index.liveCount * ENGINE_SETTINGS.commonTermShare);
    const rare = terms.filter((t) => t.df <= commonDf);
    const common = rare.length > 0 ? terms.filter((t) => t.df > commonDf) : [];
    for (const term of rare.length > 0 ? rare : terms) this.index.accumulate(acc, term.hash, term.weight, term.idf);
    if (common.length > 0) this.index.accumulateForCandidates(acc, common, ENGINE_SETTINGS.commonTermCandidates);
    const filter = type ? (passage: number) => this.store.meta(this.passageDoc[passage]!).type === type : undefined;
    // A document scores as its best passage.
    const best = new Map<number, number>();
    for (const { doc: passage, score } of this.index.top(acc, k * 4, filter)) {
      const slot = this.passageDoc[passage]!;
      if (!best.has(slot)) best.set(slot, score);
    }
    const ranked = [...best].map(([doc, score]) => ({ doc, score })).slice(0, k);
    const exact = new Set<number>();
    for (const mention of analysis.docNumbers) for (const slot of this.slotsWithNumber(mention.raw)) exact.add(slot);
    const docFilter = type ? (slot: number) => this.store.meta(slot).type === type : undefined;
    const top = ranked[0]?.score ?? 1;
    for (const r of ranked) {
      const doc = this.store.meta(r.doc);
      if (analysis.year !== null && doc.date?.startsWith(String(analysis.year))) r.score += top * 0.15;
      if (analysis.wantsLatest && doc.date) r.score += top * 0.2 * recency(doc.date);
    }
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    if (exact.size === 0) return ranked;
    const exactFirst = [...exact]
      .filter((slot) => !docFilter || docFilter(slot))
      .map((slot) => ({ doc: slot, score: (ranked.find((r) => r.doc === slot)?.score ?? 0) + top + 1 }));
    return [...exactFirst.sort((a, b) => b.score - a.score), ...ranked.filter((r) => !exact.has(r.doc))].slice(0, k);
  }

  /**
   * Reads the best documents sentence by sentence: returns the sentence that answers (or null) and,
   * for each document read, how well its best passage covers the question (used to re-rank).
   */
  private findAnswer(
    analysis: QuestionAnalysis,
    ranked: Array<{ doc: number; score: number }>,
  ): { answer: Answer | null; evidence: Map<number, number> } {
    const s = ENGINE_SETTINGS;
    const evidence = new Map<number, number>();
    if (ranked.length === 0) return { answer: null, evidence };
    const units = this.units(analysis);
    const totalIdf = units.reduce((sum, u) => sum + u.idf, 0);
    const collocations = this.collocations(analysis, units);
    const relevant = new Set<number>();
    for (const u of units) relevant.add(u.foldedHash).add(u.altHash);
    for (const i of analysis.content) {
      const t = analysis.tokens[i]!;
      relevant.add(t.foldedHash);
      if (t.wholeHash) relevant.add(t.wholeHash);
    }
    if (totalIdf === 0 && analysis.docNumbers.length === 0) return { answer: null, evidence };
    const topScore = ranked[0]!.score;
    const questionNumbers = new Set(analysis.tokens.filter((t) => t.kind === "number").map((t) => t.canon));
    let best: { score: number; answer: Answer } | null = null;
    for (const { doc: slot, score } of ranked.slice(0, s.answerDocs)) {
      // Documents far below the best one rarely hold the answer, and reading them costs time.
      if (score < topScore * s.answerDocMinRelative) break;
      const doc = this.store.get(slot);
      const { titleTokens, sentences, sentenceTokens } = this.read(doc);
      const titleHas = new Set<number>();
      addTokens(titleHas, titleTokens, relevant);
      const bodyHas = new Set<number>();
      for (const tokens of sentenceTokens) addTokens(bodyHas, tokens, relevant);
      const numberMatch = analysis.docNumbers.some((m) => this.slotsWithNumber(m.raw).includes(slot));
      const docHas = new Set([...titleHas, ...bodyHas]);
      const docMatched = units.reduce((sum, u) => sum + (docHas.has(u.foldedHash) || docHas.has(u.altHash) ? u.idf : 0), 0);
      const docCoverage = totalIdf === 0 ? 1 : (docMatched - this.brokenWords(collocations, docHas, docHas)) / totalIdf;
      evidence.set(slot, 0.5 * docCoverage);
      if (docCoverage < s.minDocCoverage && !numberMatch) continue;
      const relative = score / topScore;
      // A list item ("a) Vào ngày thường, ít nhất bằng 150%;") is read with the line that
      // introduces it ("… được trả lương như sau:"), which holds the rest of the question's words.
      let leadIn = -1;
      sentences.forEach((sentence, i) => {
        if (!LIST_ITEM.test(sentence.text)) leadIn = -1;
        const context = new Set(titleHas);
        if (leadIn >= 0) addTokens(context, sentenceTokens[leadIn]!, relevant);
        if (sentence.text.endsWith(":")) leadIn = i;
        const tokens = sentenceTokens[i]!;
        const has = new Set<number>();
        addTokens(has, tokens, relevant);
        let matched = 0;
        let own = 0;
        let accentBonus = 0;
        for (const u of units) {
          if (has.has(u.foldedHash) || has.has(u.altHash)) {
            matched += u.idf;
            own += u.idf;
            if (u.accentHash && has.has(u.accentHash)) accentBonus += u.idf * 0.1;
          } else if (u.year && (docHas.has(u.foldedHash) || doc.date?.startsWith(u.year))) {
            // "năm 2023" asks for the report of 2023; its sentences need not repeat the year.
            matched += u.idf;
          } else if (context.has(u.foldedHash) || context.has(u.altHash)) matched += u.idf * 0.5;
        }
        matched -= this.brokenWords(collocations, has, context);
        // The sentence is read within its document: a strong document lends it some of its weight.
        const coverage = totalIdf === 0 ? 0 : 0.7 * (matched / totalIdf) + 0.3 * docCoverage;
        if (coverage < s.minSentenceCoverage && !numberMatch) return;
        // Without a figure to vouch for it, a sentence must carry more of the question.
        const needsFigureHere = wantsFigure(analysis.kind) || (analysis.kind === "document" && analysis.docNumbers.length === 0);
        if (!needsFigureHere && coverage < s.minCoverageWithoutFigure && !numberMatch) return;
        // The sentence itself, not only its title and document, must say a good part of what is asked.
        if (totalIdf > 0 && (own - this.brokenWords(collocations, has, has)) / totalIdf < s.minOwnCoverage && !numberMatch) return;
        const pairs = this.pairMatches(analysis, tokens);
        const needsFigure = wantsFigure(analysis.kind) || (analysis.kind === "document" && analysis.docNumbers.length === 0);
        const figure = needsFigure
          ? this.pickFigure(sentence.text, tokens, analysis, questionNumbers)
          : null;
        if (needsFigure && !figure && (coverage < 0.75 || analysis.focus.length > 0)) return;
        let sentenceScore = coverage + 0.15 * pairs + accentBonus / Math.max(totalIdf, 1) + 0.5 * relative;
        if (figure) sentenceScore += 0.35;
        else if (needsFigure) sentenceScore -= 0.25;
        if (analysis.kind === "definition" && /\blà\b/.test(sentence.text.slice(0, 120))) sentenceScore += 0.1;
        // A very short line (a heading) says little.
        if (sentence.text.length < 25 && !(leadIn >= 0 && LIST_ITEM.test(sentence.text))) sentenceScore -= 0.2;
        const quality = 0.5 * docCoverage + sentenceScore - 0.5 * relative;
        if (quality > evidence.get(slot)!) evidence.set(slot, quality);
        if (!best || sentenceScore > best.score) {
          const focus = figure ?? this.focusOf(tokens, units);
          const lead = LIST_ITEM.test(sentence.text) && leadIn >= 0 && leadIn !== i ? `${sentences[leadIn]!.text} ` : "";
          best = {
            score: sentenceScore,
            answer: {
              text: clipSentence(lead + sentence.text, lead.length + focus.start, lead.length + focus.end),
              figure: figure?.text ?? null,
              docId: doc.id,
              title: doc.title,
              url: doc.url,
              date: doc.date,
            },
          };
        }
      });
    }
    return { answer: best ? (best as { answer: Answer }).answer : null, evidence };
  }

  /**
   * A document split into sentences and tokens. Not cached: measured, keeping the last documents'
   * tokens cost more in garbage collection than reading them again.
   */
  private read(doc: CorpusDoc): ReadDoc {
    const sentences = splitSentences(doc.body);
    return {
      // Where a text comes from ("Bộ luật Lao động 2019") is read as part of its title.
      titleTokens: tokenize([doc.title, doc.source, doc.number].filter(Boolean).join(". ")),
      sentences,
      sentenceTokens: sentences.map((sentence) => tokenize(sentence.text)),
    };
  }

  /**
   * The question's two-syllable words: adjacent content syllables that also occur together in the
   * corpus ("đại học", "bệnh viện"). A text that has both syllables apart has not got the word.
   */
  private collocations(analysis: QuestionAnalysis, units: Unit[]): Collocation[] {
    const idfOf = new Map(units.map((u) => [u.foldedHash, u.idf]));
    const candidates: Array<Collocation & { at: number; strength: number }> = [];
    const content = new Set(analysis.content);
    const { tokens } = analysis;
    for (let i = 1; i < tokens.length; i++) {
      if (!content.has(i) || !content.has(i - 1) || tokens[i]!.breakBefore) continue;
      const a = tokens[i - 1]!;
      const b = tokens[i]!;
      const pair = pairHash(a, b);
      const together = this.index.df(pair);
      // A word, not two neighbours: the pair occurs in a good share of the texts holding its rarer syllable.
      const strength = together / Math.max(1, Math.min(this.index.df(a.foldedHash), this.index.df(b.foldedHash)));
      // A name typed with capitals ("Đông Hà", "Quảng Trị") is one word whatever the statistics say.
      const name = isCapitalized(analysis.text, a) && isCapitalized(analysis.text, b);
      if (together < 3 || (strength < ENGINE_SETTINGS.wordStrength && !name)) continue;
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

  /**
   * Weight to take off for question words whose syllables a text has, but not together: "Đông" and
   * "Hà" apart (in "mùa đông" and "Hà Nội") are not "Đông Hà", so neither counts.
   */
  private brokenWords(collocations: Collocation[], has: Set<number>, context: Set<number>): number {
    let penalty = 0;
    for (const c of collocations) {
      const present = (h: number) => has.has(h) || context.has(h);
      if (present(c.pair) || present(c.near)) continue;
      // Without the word, its syllables found apart earn nothing.
      penalty += ENGINE_SETTINGS.brokenWordPenalty * ((present(c.a) ? c.idfA : 0) + (present(c.b) ? c.idfB : 0));
    }
    return penalty;
  }

  /** Content syllables of the question with their idf, deduplicated by folded form. */
  private units(analysis: QuestionAnalysis): Unit[] {
    const seen = new Map<number, Unit>();
    for (const i of analysis.content) {
      const t = analysis.tokens[i]!;
      if (seen.has(t.foldedHash)) continue;
      let idf = this.index.idf(t.foldedHash);
      let altHash = 0;
      // A syllable found nowhere (a typo, or a word the corpus lacks) still counts in full: it is
      // what the question is about, and a text without it does not answer. Its correction, if the
      // vocabulary has one, may stand in for it.
      if (idf === 0) {
        idf = Math.log(1 + this.index.liveCount);
        const corrected = t.kind === "word" ? this.correct(t.folded) : null;
        if (corrected) altHash = wordForms(corrected).foldedHash;
      }
      const year = t.kind === "number" && /^(19|20)\d\d$/.test(t.canon) ? t.canon : null;
      seen.set(t.foldedHash, { year, foldedHash: t.foldedHash, accentHash: t.accentHash, altHash, idf });
    }
    return [...seen.values()];
  }

  private pairMatches(analysis: QuestionAnalysis, tokens: Token[]): number {
    const pairs = new Set<number>();
    for (let i = 1; i < tokens.length; i++) if (!tokens[i]!.breakBefore) pairs.add(pairHash(tokens[i - 1]!, tokens[i]!));
    const content = new Set(analysis.content);
    let count = 0;
    let total = 0;
    for (const i of analysis.content) {
      if (i === 0 || !content.has(i - 1)) continue;
      total++;
      if (pairs.has(pairHash(analysis.tokens[i - 1]!, analysis.tokens[i]!))) count++;
    }
    return total === 0 ? 0 : count / total;
  }

  /** The figure of the wanted kind nearest to the question's words in the sentence. */
  private pickFigure(text: string, tokens: Token[], analysis: QuestionAnalysis, questionNumbers: Set<string>): Figure | null {
    const lower = canonicalText(text);
    const folded = foldDiacritics(lower);
    // Typed with diacritics, "phường" is not "phương": the counted word is matched as typed.
    const focusRe = new RegExp(`(?<![\\p{L}])${(analysis.focusAccented ? analysis.focusCanon : analysis.focus).join("\\s+")}(?![\\p{L}])`, "u");
    const figures = findFigures(text, analysis.kind).filter((f) => {
      const canon = tokenize(f.text).find((t) => t.kind === "number")?.canon;
      if (canon && questionNumbers.has(canon) && f.kind !== "person") return false;
      if (f.kind === "person") return true;
      // "bao nhiêu giờ" is answered by a figure in giờ; "bao nhiêu đảng viên" by a figure next to "đảng viên".
      if (analysis.unit) {
        const after = folded.slice(f.start, f.end + 16);
        return new RegExp(`^[\\d.,\\s%]*(?:\\S+\\s)?${analysis.unit}\\b`).test(after) || new RegExp(`\\b${analysis.unit}\\b`).test(foldDiacritics(f.text.toLowerCase()));
      }
      if (analysis.focus.length > 0 && analysis.kind !== "percent") {
        const window = (analysis.focusAccented ? lower : folded).slice(Math.max(0, f.start - 40), f.end + 40);
        return focusRe.test(window);
      }
      return true;
    });
    if (figures.length === 0) return null;
    const wanted = new Set(analysis.content.map((i) => analysis.tokens[i]!.foldedHash));
    const anchors = tokens.filter((t) => wanted.has(t.foldedHash) && t.kind === "word");
    if (anchors.length === 0) return figures[0]!;
    const weights = anchors.map((a) => this.index.idf(a.foldedHash));
    // Closeness to the question's words, each weighted by its rarity: "có 67" must not beat
    // "đảng viên 7.210" because "có" is next to 67.
    const closeness = (f: Figure) =>
      anchors.reduce((sum, a, i) => {
        const gap = a.end <= f.start ? f.start - a.end : a.start >= f.end ? a.start - f.end : 0;
        return sum + weights[i]! * Math.exp(-gap / 25);
      }, 0) * (f.kind === "count" && /^(19|20)\d\d$/.test(f.text) ? 0.3 : 1);
    // What is counted ("đảng viên") sits right before or after its figure: that dominates.
    const focusSpans: Array<[number, number]> = [];
    if (analysis.focus.length > 0) {
      const re = new RegExp(focusRe.source, "gu");
      for (const m of (analysis.focusAccented ? lower : folded).matchAll(re)) focusSpans.push([m.index!, m.index! + m[0].length]);
    }
    const focusCloseness = (f: Figure) =>
      focusSpans.reduce((best, [a, b]) => Math.max(best, Math.exp(-(b <= f.start ? f.start - b : a >= f.end ? a - f.end : 0) / 8)), 0);
    const score = (f: Figure) => 10 * focusCloseness(f) + closeness(f);
    return figures.reduce((a, b) => (score(b) > score(a) ? b : a));
  }

  private focusOf(tokens: Token[], units: Unit[]): { start: number; end: number } {
    const wanted = new Set(units.map((u) => u.foldedHash));
    const hits = tokens.filter((t) => wanted.has(t.foldedHash));
    if (hits.length === 0) return { start: 0, end: 0 };
    return { start: hits[0]!.start, end: hits[hits.length - 1]!.end };
  }
}

/** Whether a question token was typed with a capital letter (the question text is as typed). */
function isCapitalized(text: string, token: Token): boolean {
  const first = text[token.start];
  return first !== undefined && first !== first.toLowerCase();
}

/**
 * Adds a text's matching keys to a set: syllables (exact and folded), pairs, and near pairs. Only
 * syllables of the question (`relevant`) are recorded: the sets are only ever asked about those.
 */
function addTokens(set: Set<number>, tokens: Token[], relevant: Set<number>): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isRelevant = relevant.has(t.foldedHash) || (t.wholeHash !== 0 && relevant.has(t.wholeHash));
    if (!isRelevant) continue;
    set.add(t.foldedHash);
    if (t.accentHash) set.add(t.accentHash);
    if (t.wholeHash) set.add(t.wholeHash);
    if (i > 0 && !t.breakBefore) set.add(pairHash(tokens[i - 1]!, t));
    // Syllables within three of each other, in either order, are "together" for the words of a
    // question: "làm thêm giờ" is asked of a text that says "giờ làm thêm".
    for (let j = Math.max(0, i - 3); j < i; j++) {
      if (relevant.has(tokens[j]!.foldedHash)) set.add(nearHash(tokens[j]!.foldedHash, t.foldedHash));
    }
  }
}

function nearHash(a: number, b: number): number {
  return a < b ? hashPair(a, b) ^ 0x5bd1e995 : hashPair(b, a) ^ 0x5bd1e995;
}

const LIST_ITEM = /^(?:[a-zđ]\)|[-–•+]|\d{1,2}[.)]\s)/u;

function recency(date: string): number {
  const years = (Date.parse("2100-01-01") - Date.parse(date)) / (365.25 * 86_400_000);
  return Number.isFinite(years) ? Math.max(0, 1 - years / 100) : 0;
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
