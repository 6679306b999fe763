import { clipSentence, findFigures, splitSentences, wantsFigure, type Figure } from "./answer.js";
import { docNumberKey, findDocNumbers, foldedDocNumberKey } from "./doc-number.js";
import { createFuzzyVocabulary, type FuzzyVocabulary } from "./fuzzy.js";
import { InvertedIndex, type Accumulator, type IndexArrays, type TermFrequencies } from "./inverted-index.js";
import { cleanText, foldDiacritics } from "./normalize.js";
import { analyzeQuestion, type QuestionAnalysis } from "./question.js";
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
  version: 1,
  /** Title terms count this many times (titles are short and say what the text is about). */
  titleWeight: 3,
  bm25: { k1: 1.2, b: 0.75 },
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
  answerDocs: 5,
  /** Below this share of the question's weight found in the document, there is no answer. */
  minDocCoverage: 0.55,
  /** Below this share found in the answer sentence (title counted half), there is no answer. */
  minSentenceCoverage: 0.4,
} as const;

interface QueryTerm {
  hash: number;
  weight: number;
  idf: number;
}

/** Weight units of a question, for coverage: each content syllable with its idf. */
interface Unit {
  foldedHash: number;
  accentHash: number;
  idf: number;
}

/** The state a snapshot holds. */
export interface EngineState {
  docs: CorpusDoc[];
  /** Whether each document slot is removed. */
  removed: boolean[];
  index: IndexArrays;
  /** Folded words of the vocabulary (for typo correction). */
  vocabulary: string[];
}

/** The Vietnamese search and question-answering engine. */
export class VietEngine implements Engine {
  private readonly docs: CorpusDoc[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly numberIndex = new Map<string, number[]>();
  private readonly byFoldedNumber = new Map<string, number[]>();
  private readonly vocabulary = new Set<string>();
  private fuzzy: FuzzyVocabulary | null = null;
  private latestOrder: number[] | null = null;
  private acc: Accumulator | null = null;
  private index: InvertedIndex;

  /** Builds an engine over documents. */
  constructor(docs: Iterable<CorpusDoc> = [], state?: EngineState) {
    if (state) {
      this.index = InvertedIndex.fromArrays(state.index, ENGINE_SETTINGS.bm25);
      const base = state.index.docLengths.length;
      state.docs.forEach((doc, slot) => {
        if (slot < base) this.register(doc, slot, !state.removed[slot]);
        else if (!state.removed[slot]) this.add(doc);
      });
      for (let slot = 0; slot < base; slot++) if (state.removed[slot]) this.index.removeDocument(slot);
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
    return slot === undefined ? undefined : this.docs[slot];
  }

  add(input: CorpusDoc): void {
    const doc = { ...input, title: cleanText(input.title), body: cleanText(input.body) };
    if (this.slotById.has(doc.id)) this.remove(doc.id);
    const slot = this.index.addDocument(...this.termsOf(doc));
    this.register(doc, slot, true);
    this.acc = null;
    this.fuzzy = null;
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.index.removeDocument(slot);
    this.slotById.delete(id);
    const doc = this.docs[slot]!;
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
      docs: this.docs,
      removed: this.docs.map((_, slot) => this.index.isRemoved(slot)),
      index: this.index.toArrays(),
      vocabulary: [...this.vocabulary],
    };
  }

  /** Index statistics, for benchmarks. */
  stats(): { docs: number; terms: number; postings: number } {
    return { docs: this.size, terms: this.index.termCount, postings: this.index.postingCount };
  }

  slotsWithNumber(number: string): number[] {
    const key = docNumberKey(number);
    const exact = this.numberIndex.get(key) ?? [];
    if (exact.length > 0 || key.includes("Đ")) return exact;
    // Typed without diacritics ("123/QD-UBND"): accept the folded match.
    return this.byFoldedNumber.get(foldedDocNumberKey(number)) ?? [];
  }

  byNumber(number: string): CorpusDoc[] {
    return this.slotsWithNumber(number).map((slot) => this.docs[slot]!);
  }

  latest(options: SearchOptions = {}): DocPage {
    const { limit = 5, offset = 0, type } = options;
    if (!this.latestOrder) {
      this.latestOrder = [...this.slotById.values()].sort((a, b) => {
        const da = this.docs[a]!.date ?? "";
        const db = this.docs[b]!.date ?? "";
        return da === db ? b - a : db.localeCompare(da);
      });
    }
    const slots = type ? this.latestOrder.filter((s) => this.docs[s]!.type === type) : this.latestOrder;
    return { total: slots.length, docs: slots.slice(offset, offset + limit).map((s) => this.docs[s]!) };
  }

  search(query: string, options: SearchOptions = {}): SearchPage {
    const { limit = 5, offset = 0, type } = options;
    const analysis = analyzeQuestion(query);
    const ranked = this.rank(analysis, Math.max(ENGINE_SETTINGS.candidates, offset + limit), type);
    return {
      total: ranked.length,
      hits: ranked.slice(offset, offset + limit).map((r) => ({ doc: this.docs[r.doc]!, score: r.score })),
    };
  }

  ask(question: string, options: AskOptions = {}): AskResult {
    const top = Math.max(1, Math.min(options.top ?? 5, 100));
    const analysis = analyzeQuestion(question);
    const ranked = this.rank(analysis, Math.max(ENGINE_SETTINGS.candidates, top));
    const hits: Hit[] = ranked.slice(0, top).map((r) => ({
      docId: this.docs[r.doc]!.id,
      title: this.docs[r.doc]!.title,
      score: Math.round(r.score * 1000) / 1000,
    }));
    return { question, answer: this.findAnswer(analysis, ranked), hits };
  }

  // ---------------------------------------------------------------------------------------------

  private register(doc: CorpusDoc, slot: number, live: boolean): void {
    this.docs[slot] = doc;
    if (!live) return;
    this.slotById.set(doc.id, slot);
    if (doc.number) {
      this.link(this.numberIndex, docNumberKey(doc.number), slot);
      this.link(this.byFoldedNumber, foldedDocNumberKey(doc.number), slot);
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

  /** Term frequencies and weighted length of a document: syllables (exact and folded), pairs, numbers. */
  private termsOf(doc: CorpusDoc): [TermFrequencies, number] {
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
    let length = addText(doc.title, ENGINE_SETTINGS.titleWeight) + addText(doc.body, 1);
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
      else terms.set(hash, { hash, weight, idf: this.index.idf(hash) });
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
    if (folded.length < 3) return null;
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
    for (const term of terms) this.index.accumulate(acc, term.hash, term.weight, term.idf);
    const filter = type ? (slot: number) => this.docs[slot]!.type === type : undefined;
    const ranked = this.index.top(acc, k, filter);
    const exact = new Set<number>();
    for (const mention of analysis.docNumbers) for (const slot of this.slotsWithNumber(mention.raw)) exact.add(slot);
    const top = ranked[0]?.score ?? 1;
    for (const r of ranked) {
      const doc = this.docs[r.doc]!;
      if (analysis.year !== null && doc.date?.startsWith(String(analysis.year))) r.score += top * 0.15;
      if (analysis.wantsLatest && doc.date) r.score += top * 0.2 * recency(doc.date);
    }
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    if (exact.size === 0) return ranked;
    const exactFirst = [...exact]
      .filter((slot) => !filter || filter(slot))
      .map((slot) => ({ doc: slot, score: (ranked.find((r) => r.doc === slot)?.score ?? 0) + top + 1 }));
    return [...exactFirst.sort((a, b) => b.score - a.score), ...ranked.filter((r) => !exact.has(r.doc))].slice(0, k);
  }

  private findAnswer(analysis: QuestionAnalysis, ranked: Array<{ doc: number; score: number }>): Answer | null {
    const s = ENGINE_SETTINGS;
    if (ranked.length === 0) return null;
    const units = this.units(analysis);
    const totalIdf = units.reduce((sum, u) => sum + u.idf, 0);
    if (totalIdf === 0 && analysis.docNumbers.length === 0) return null;
    const topScore = ranked[0]!.score;
    const questionNumbers = new Set(analysis.tokens.filter((t) => t.kind === "number").map((t) => t.canon));
    let best: { score: number; answer: Answer } | null = null;
    for (const { doc: slot, score } of ranked.slice(0, s.answerDocs)) {
      const doc = this.docs[slot]!;
      const titleTokens = tokenize(doc.title);
      const titleHas = new Set<number>();
      for (const t of titleTokens) titleHas.add(t.foldedHash).add(t.accentHash);
      const bodyHas = new Set<number>();
      const sentences = splitSentences(doc.body);
      const sentenceTokens = sentences.map((sentence) => tokenize(sentence.text));
      for (const tokens of sentenceTokens) for (const t of tokens) bodyHas.add(t.foldedHash).add(t.accentHash);
      const numberMatch = analysis.docNumbers.some((m) => this.slotsWithNumber(m.raw).includes(slot));
      const docCoverage =
        totalIdf === 0 ? 1 : units.reduce((sum, u) => sum + (titleHas.has(u.foldedHash) || bodyHas.has(u.foldedHash) ? u.idf : 0), 0) / totalIdf;
      if (docCoverage < s.minDocCoverage && !numberMatch) continue;
      const relative = score / topScore;
      sentences.forEach((sentence, i) => {
        const tokens = sentenceTokens[i]!;
        const has = new Set<number>();
        for (const t of tokens) has.add(t.foldedHash).add(t.accentHash);
        let matched = 0;
        let accentBonus = 0;
        for (const u of units) {
          if (has.has(u.foldedHash)) {
            matched += u.idf;
            if (u.accentHash && has.has(u.accentHash)) accentBonus += u.idf * 0.1;
          } else if (titleHas.has(u.foldedHash)) matched += u.idf * 0.5;
        }
        const coverage = totalIdf === 0 ? 0 : matched / totalIdf;
        const pairs = this.pairMatches(analysis, tokens);
        const figure = wantsFigure(analysis.kind) || analysis.kind === "person"
          ? this.pickFigure(sentence.text, tokens, analysis, questionNumbers)
          : null;
        let sentenceScore = coverage + 0.15 * pairs + accentBonus / Math.max(totalIdf, 1) + 0.5 * relative;
        if (figure) sentenceScore += 0.35;
        else if (wantsFigure(analysis.kind)) sentenceScore -= 0.25;
        if (analysis.kind === "definition" && /\blà\b/.test(sentence.text.slice(0, 120))) sentenceScore += 0.1;
        // A very short line (a heading) says little; a huge one is hard to read.
        if (sentence.text.length < 25) sentenceScore -= 0.2;
        if (coverage < s.minSentenceCoverage && !numberMatch) return;
        if (wantsFigure(analysis.kind) && !figure && coverage < 0.75) return;
        if (!best || sentenceScore > best.score) {
          const focus = figure ?? this.focusOf(tokens, units);
          best = {
            score: sentenceScore,
            answer: {
              text: clipSentence(sentence.text, focus.start, focus.end),
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
    return best ? (best as { answer: Answer }).answer : null;
  }

  /** Content syllables of the question with their idf, deduplicated by folded form. */
  private units(analysis: QuestionAnalysis): Unit[] {
    const seen = new Map<number, Unit>();
    for (const i of analysis.content) {
      const t = analysis.tokens[i]!;
      if (seen.has(t.foldedHash)) continue;
      let idf = this.index.idf(t.foldedHash);
      // A syllable found nowhere (a typo, or a word the corpus lacks) still counts: it is what the
      // question is about, and an answer that lacks it is not an answer. Its weight is capped.
      if (idf === 0) idf = t.kind === "word" && this.correct(t.folded) ? 0 : Math.log(1 + this.index.liveCount);
      seen.set(t.foldedHash, { foldedHash: t.foldedHash, accentHash: t.accentHash, idf });
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
    const figures = findFigures(text, analysis.kind).filter((f) => {
      const canon = tokenize(f.text).find((t) => t.kind === "number")?.canon;
      return !(canon && questionNumbers.has(canon) && f.kind !== "person");
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
    return figures.reduce((a, b) => (closeness(b) > closeness(a) ? b : a));
  }

  private focusOf(tokens: Token[], units: Unit[]): { start: number; end: number } {
    const wanted = new Set(units.map((u) => u.foldedHash));
    const hits = tokens.filter((t) => wanted.has(t.foldedHash));
    if (hits.length === 0) return { start: 0, end: 0 };
    return { start: hits[0]!.start, end: hits[hits.length - 1]!.end };
  }
}

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
