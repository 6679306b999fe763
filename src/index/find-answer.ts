import { clipSentence, findFigures, splitSentences, wantsFigure, type Figure, type Sentence } from "./answer.js";
import { constraintText, questionConstraints, unmet } from "./constraints.js";
import type { DocRegistry } from "./doc-registry.js";
import { canonicalText, foldDiacritics } from "./normalize.js";
import {
  nearHash,
  questionCollocations,
  questionUnits,
  type Collocation,
  type Correct,
  type TermStats,
  type Unit,
} from "./query-terms.js";
import type { AnswerFeatures } from "./confidence.js";
import type { QuestionAnalysis } from "./question.js";
import type { Ranked } from "./retrieve.js";
import { ENGINE_SETTINGS } from "./settings.js";
import { pairHash, tokenize, type Token } from "./tokenize.js";
import type { Answer, CorpusDoc } from "./types.js";

/** What the answer finder reads: term statistics, the documents and typo correction. */
export interface FindAnswerContext {
  stats: TermStats;
  registry: DocRegistry;
  correct: Correct;
}

/** The best sentence found, with what was measured about it (for the decision). */
export interface Candidate {
  answer: Answer;
  features: AnswerFeatures;
}

/** The best sentence found (or null), and for each document read how well its best passage covers the question. */
export interface FoundAnswer {
  candidate: Candidate | null;
  evidence: Map<number, number>;
}

/** A document as the answer finder reads it. */
interface ReadDoc {
  titleTokens: Token[];
  sentences: Sentence[];
  sentenceTokens: Token[][];
}

const LIST_ITEM = /^(?:[a-zđ]\)|[-–•+]|\d{1,2}[.)]\s)/u;
// A clause that states an exception or a special case rather than the rule: "Trường hợp …",
// "Nếu …", "Trừ …", "Ngoài …", "Đối với …" at its start (after a list marker or clause number).
const CONDITION_START = /^(?:\d{1,2}\.\s*|[a-zđ]\)\s*|[-–•+]\s*)?(?:trong\s+)?(?:trường hợp|nếu|trừ|ngoài|đối với|khi|riêng)\b/iu;

/**
 * Reads the best documents sentence by sentence and proposes the sentence that best answers, with
 * its features; for each document read, also how well its best passage covers the question (used
 * to re-rank). Documents that lack what the question pins down (see `constraints.ts`) are not read.
 */
export function findAnswer(
  ctx: FindAnswerContext,
  analysis: QuestionAnalysis,
  ranked: Ranked[],
  numberTiers: Map<number, number> = new Map(),
  bestPossible = 0,
): FoundAnswer {
  const s = ENGINE_SETTINGS.answer;
  const { stats, registry } = ctx;
  const evidence = new Map<number, number>();
  if (ranked.length === 0) return { candidate: null, evidence };
  const units = questionUnits(analysis, stats, ctx.correct);
  const totalIdf = units.reduce((sum, u) => sum + u.idf, 0);
  const rarest = units.reduce<Unit | null>((max, u) => (!max || u.idf > max.idf ? u : max), null);
  const collocations = questionCollocations(analysis, units, stats);
  const relevant = new Set<number>();
  for (const u of units) relevant.add(u.foldedHash).add(u.altHash);
  for (const i of analysis.content) {
    const t = analysis.tokens[i]!;
    relevant.add(t.foldedHash);
    if (t.wholeHash) relevant.add(t.wholeHash);
  }
  if (totalIdf === 0 && analysis.docNumbers.length === 0) return { candidate: null, evidence };
  const topScore = ranked[0]!.score;
  const questionNumbers = new Set(analysis.tokens.filter((t) => t.kind === "number").map((t) => t.canon));
  const constraints = questionConstraints(analysis);
  const askedWords = new Set(analysis.content.map((i) => analysis.tokens[i]!.foldedHash));
  const needsFigure = wantsFigure(analysis.kind) || (analysis.kind === "document" && analysis.docNumbers.length === 0);
  let best: { score: number; slot: number; answer: Answer; features: AnswerFeatures } | null = null;
  // The best sentence score of each document, for the margin between the first and the runner-up.
  const bestByDoc = new Map<number, number>();
  let docIndex = -1;
  for (const { doc: slot, score } of ranked.slice(0, s.answerDocs)) {
    docIndex++;
    // Documents far below the best one rarely hold the answer, and reading them costs time.
    if (score < topScore * s.answerDocMinRelative) break;
    const doc = registry.doc(slot);
    const { titleTokens, sentences, sentenceTokens } = readDoc(doc);
    // A text that lacks what the question pins down (the place, the law, the number, the year)
    // does not answer it, however many other words it shares.
    if (constraints.length > 0) {
      const offered = constraintText([titleTokens, ...sentenceTokens], doc.date, [doc.title, doc.body], doc.number);
      if (unmet(constraints, offered).length > 0) {
        evidence.set(slot, 0);
        continue;
      }
    }
    const titleHas = new Set<number>();
    addTokens(titleHas, titleTokens, relevant);
    const bodyHas = new Set<number>();
    for (const tokens of sentenceTokens) addTokens(bodyHas, tokens, relevant);
    const numberMatch = numberTiers.has(slot);
    const docHas = new Set([...titleHas, ...bodyHas]);
    const docMatched = units.reduce((sum, u) => sum + (docHas.has(u.foldedHash) || docHas.has(u.altHash) ? u.idf : 0), 0);
    const docCoverage = totalIdf === 0 ? 1 : Math.max(0, (docMatched - brokenWords(collocations, docHas, docHas)) / totalIdf);
    evidence.set(slot, 0.5 * docCoverage);
    if (docCoverage < s.minDocCoverage && !numberMatch) continue;
    const relative = score / topScore;
    // A list item ("a) Vào ngày thường, ít nhất bằng 150%;") is read with the line that
    // introduces it ("… được trả lương như sau:"), which holds the rest of the question's words.
    let leadIn = -1;
    sentences.forEach((sentence, i) => {
      if (!LIST_ITEM.test(sentence.text)) leadIn = -1;
      const context = new Set(titleHas);
      const tokens = sentenceTokens[i]!;
      const has = new Set<number>();
      addTokens(has, tokens, relevant);
      // A list item and the line that introduces it are one sentence: "… được nghỉ hằng năm … như
      // sau: a) 12 ngày làm việc …" says the lead-in's words as surely as the item's.
      const itemLeadIn = leadIn;
      const isItem = itemLeadIn >= 0 && itemLeadIn !== i;
      if (isItem) addTokens(has, sentenceTokens[itemLeadIn]!, relevant);
      if (sentence.text.endsWith(":")) leadIn = i;
      let matched = 0;
      let own = 0;
      let accentBonus = 0;
      for (const u of units) {
        if (has.has(u.foldedHash) || has.has(u.altHash)) {
          matched += u.idf;
          own += u.idf;
          if (u.accentHash && has.has(u.accentHash)) accentBonus += u.idf * s.accentBonus;
        } else if (u.year && (docHas.has(u.foldedHash) || doc.date?.startsWith(u.year))) {
          // "năm 2023" asks for the report of 2023; its sentences need not repeat the year.
          matched += u.idf;
        } else if (context.has(u.foldedHash) || context.has(u.altHash)) matched += u.idf * s.contextWordShare;
      }
      matched -= brokenWords(collocations, has, context);
      // The sentence is read within its document: a strong document lends it some of its weight.
      const coverage =
        totalIdf === 0 ? 0 : (1 - s.documentShareOfCoverage) * (matched / totalIdf) + s.documentShareOfCoverage * docCoverage;
      if (coverage < s.minSentenceCoverage && !numberMatch) return;
      // The sentence itself, not only its title and document, must say a good part of what is asked.
      const ownShare = totalIdf === 0 ? 0 : Math.max(0, (own - brokenWords(collocations, has, has)) / totalIdf);
      if (totalIdf > 0 && ownShare < s.minOwnCoverage && !numberMatch) return;
      // What the question pins down is said near the answer (or in the title), not only somewhere
      // in a long page about many places.
      if (constraints.length > 0 && !numberMatch) {
        const near = [titleTokens, ...sentenceTokens.slice(Math.max(0, i - s.constraintSentences), i + s.constraintSentences + 1)];
        if (isItem) near.push(sentenceTokens[itemLeadIn]!);
        if (unmet(constraints, constraintText(near, doc.date, [], doc.number)).some((c) => c.kind !== "year")) return;
      }
      const pairs = Math.max(pairMatches(analysis, tokens), isItem ? pairMatches(analysis, sentenceTokens[itemLeadIn]!) : 0);
      const figure = needsFigure ? pickFigure(stats, sentence.text, tokens, analysis, questionNumbers) : null;
      // A count of something is not answered without a count; other kinds may be, with less confidence.
      if (needsFigure && !figure && analysis.focus.length > 0) return;
      const opensWithCondition = CONDITION_START.test(sentence.text);
      const mainRule = (isItem ? itemLeadIn : i) < s.ruleSentences && !opensWithCondition ? 1 : 0;
      // Every word of the question counts here, the small ones too: "được thành lập vào" in the question
      // and in the sentence is the same statement, which rare words alone do not see.
      const overlap = wordOverlap(askedWords, tokens, isItem ? sentenceTokens[itemLeadIn]! : null);
      let sentenceScore =
        coverage + s.pairBonus * pairs + s.overlapBonus * overlap + accentBonus / Math.max(totalIdf, 1) + s.rankShare * relative;
      if (figure) sentenceScore += s.figureBonus;
      else if (needsFigure) sentenceScore -= s.noFigurePenalty;
      if (opensWithCondition) sentenceScore -= s.conditionPenalty;
      if (analysis.kind === "definition" && /\blà\b/.test(sentence.text.slice(0, s.definitionWithinChars))) sentenceScore += s.definitionBonus;
      // A very short line (a heading) says little.
      if (sentence.text.length < s.headingChars && !(leadIn >= 0 && LIST_ITEM.test(sentence.text))) sentenceScore -= s.headingPenalty;
      const quality = 0.5 * docCoverage + sentenceScore - s.rankShare * relative;
      if (quality > evidence.get(slot)!) evidence.set(slot, quality);
      if (sentenceScore > (bestByDoc.get(slot) ?? -Infinity)) bestByDoc.set(slot, sentenceScore);
      if (!best || sentenceScore > best.score) {
        const focus = figure ?? focusOf(tokens, units);
        const lead = LIST_ITEM.test(sentence.text) && leadIn >= 0 && leadIn !== i ? `${sentences[leadIn]!.text} ` : "";
        const rarestHere = rarest !== null && (has.has(rarest.foldedHash) || has.has(rarest.altHash) || context.has(rarest.foldedHash));
        best = {
          score: sentenceScore,
          slot,
          answer: {
            text: clipSentence(lead + sentence.text, lead.length + focus.start, lead.length + focus.end),
            figure: figure?.text ?? null,
            docId: doc.id,
            title: doc.title,
            url: doc.url,
            date: doc.date,
          },
          features: {
            own: Math.min(1, ownShare),
            coverage: Math.max(0, Math.min(1, coverage)),
            docCoverage: Math.min(1, docCoverage),
            pairs,
            relative: Math.min(1, relative),
            firstDoc: docIndex === 0 ? 1 : 0,
            margin: 0,
            wantsFigure: needsFigure ? 1 : 0,
            hasFigure: figure ? 1 : 0,
            figureNextToFocus: figure && analysis.focus.length > 0 ? 1 : 0,
            numberMatch: numberMatch ? 1 : 0,
            constrained: constraints.length > 0 ? 1 : 0,
            rarestMissing: rarestHere || rarest === null || totalIdf === 0 ? 0 : rarest.idf / totalIdf,
            missingWeight: Math.min(1, Math.max(0, totalIdf - own) / s.missingWeightScale),
            strength: bestPossible > 0 ? Math.min(1, score / bestPossible) : 0,
            questionLength: Math.min(1, units.length / s.questionLengthScale),
            statement: needsFigure ? 0 : 1,
            mainRule,
          },
        };
      }
    });
  }
  if (!best) return { candidate: null, evidence };
  const found = best as { score: number; slot: number; answer: Answer; features: AnswerFeatures };
  let runnerUp = -Infinity;
  for (const [slot, score] of bestByDoc) if (slot !== found.slot && score > runnerUp) runnerUp = score;
  found.features.margin = runnerUp === -Infinity ? 1 : Math.max(0, Math.min(1, (found.score - runnerUp) / s.marginScale));
  return { candidate: { answer: found.answer, features: found.features }, evidence };
}

/**
 * A document split into sentences and tokens. Not cached: measured, keeping the last documents'
 * tokens cost more in garbage collection than reading them again.
 */
function readDoc(doc: CorpusDoc): ReadDoc {
  const sentences = splitSentences(doc.body);
  return {
    // Where a text comes from ("Bộ luật Lao động 2019") is read as part of its title.
    titleTokens: tokenize([doc.title, doc.source, doc.number].filter(Boolean).join(". ")),
    sentences,
    sentenceTokens: sentences.map((sentence) => tokenize(sentence.text)),
  };
}

/**
 * Weight to take off for question words whose syllables a text has, but not together: "Đông" and
 * "Hà" apart (in "mùa đông" and "Hà Nội") are not "Đông Hà", so neither counts.
 */
function brokenWords(collocations: Collocation[], has: Set<number>, context: Set<number>): number {
  let penalty = 0;
  for (const c of collocations) {
    const present = (h: number) => has.has(h) || context.has(h);
    if (present(c.pair) || present(c.near)) continue;
    // Without the word, its syllables found apart earn nothing.
    penalty += ENGINE_SETTINGS.answer.brokenWordPenalty * ((present(c.a) ? c.idfA : 0) + (present(c.b) ? c.idfB : 0));
  }
  return penalty;
}

/** Share of the question's distinct words (folded) that a sentence, with its lead-in, holds. */
function wordOverlap(asked: Set<number>, tokens: Token[], leadIn: Token[] | null): number {
  if (asked.size === 0) return 0;
  const found = new Set<number>();
  for (const t of tokens) if (asked.has(t.foldedHash)) found.add(t.foldedHash);
  if (leadIn) for (const t of leadIn) if (asked.has(t.foldedHash)) found.add(t.foldedHash);
  return found.size / asked.size;
}

/** Share of the question's adjacent content pairs that the sentence holds adjacent too. */
function pairMatches(analysis: QuestionAnalysis, tokens: Token[]): number {
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
function pickFigure(stats: TermStats, text: string, tokens: Token[], analysis: QuestionAnalysis, questionNumbers: Set<string>): Figure | null {
  const s = ENGINE_SETTINGS.answer;
  const lower = canonicalText(text);
  const folded = foldDiacritics(lower);
  // Typed with diacritics, "phường" is not "phương": the counted word is matched as typed.
  // What is counted, as typed; a noun phrase is head first ("tiết lí thuyết", "đợt xử lý"), so
  // where the sentence lacks the whole phrase its first word stands for it.
  const focusWords = analysis.focusAccented ? analysis.focusCanon : analysis.focus;
  const focusText = analysis.focusAccented ? lower : folded;
  const phraseRe = (words: readonly string[]) => new RegExp(`(?<![\\p{L}])${words.join("\\s+")}(?![\\p{L}])`, "u");
  const focusRe = focusWords.length > 1 && !phraseRe(focusWords).test(focusText) ? phraseRe(focusWords.slice(0, 1)) : phraseRe(focusWords);
  const figures = findFigures(text, analysis.kind).filter((f) => {
    const canon = tokenize(f.text).find((t) => t.kind === "number")?.canon;
    if (canon && questionNumbers.has(canon) && f.kind !== "person") return false;
    if (f.kind === "person") return true;
    // A number in words alone ("một", "hai") is a count only of the noun asked.
    if (f.kind === "count" && analysis.focus.length === 0 && !analysis.unit && NUMBER_WORDS_ONLY.test(f.text)) return false;
    // "bao nhiêu giờ" is answered by a figure in giờ; "bao nhiêu đảng viên" by a figure next to "đảng viên".
    if (analysis.unit) {
      const after = folded.slice(f.start, f.end + s.unitWindowChars);
      return new RegExp(`^[\\d.,\\s%]*(?:\\S+\\s)?${analysis.unit}\\b`).test(after) || new RegExp(`\\b${analysis.unit}\\b`).test(foldDiacritics(f.text.toLowerCase()));
    }
    if (analysis.focus.length > 0 && analysis.kind !== "percent") {
      return countsFocus(analysis.focusAccented ? lower : folded, f, new RegExp(focusRe.source, "gu"));
    }
    return true;
  });
  if (figures.length === 0) return null;
  const wanted = new Set(analysis.content.map((i) => analysis.tokens[i]!.foldedHash));
  const anchors = tokens.filter((t) => wanted.has(t.foldedHash) && t.kind === "word");
  if (anchors.length === 0) return figures[0]!;
  const weights = anchors.map((a) => stats.idf(a.foldedHash));
  // Closeness to the question's words, each weighted by its rarity: "có 67" must not beat
  // "đảng viên 7.210" because "có" is next to 67.
  const closeness = (f: Figure) =>
    anchors.reduce((sum, a, i) => {
      const gap = a.end <= f.start ? f.start - a.end : a.start >= f.end ? a.start - f.end : 0;
      return sum + weights[i]! * Math.exp(-gap / s.anchorDecayChars);
    }, 0) * (f.kind === "count" && /^(19|20)\d\d$/.test(f.text) ? s.yearAsCountShare : 1);
  // What is counted ("đảng viên") sits right before or after its figure: that dominates.
  const focusSpans: Array<[number, number]> = [];
  if (analysis.focus.length > 0) {
    const re = new RegExp(focusRe.source, "gu");
    for (const m of (analysis.focusAccented ? lower : folded).matchAll(re)) focusSpans.push([m.index!, m.index! + m[0].length]);
  }
  const focusCloseness = (f: Figure) =>
    focusSpans.reduce((best, [a, b]) => Math.max(best, Math.exp(-(b <= f.start ? f.start - b : a >= f.end ? a - f.end : 0) / s.focusDecayChars)), 0);
  const score = (f: Figure) => s.focusWeight * focusCloseness(f) + closeness(f);
  return figures.reduce((a, b) => (score(b) > score(a) ? b : a));
}

/**
 * Whether a figure counts what the question counts, by the order of Vietnamese noun phrases: the
 * numeral comes before its noun, with at most a classifier between ("67 tổ chức cơ sở đảng", "23
 * xã" counts communes, not the "huyện" further on), or after it in a predicate within the same
 * clause ("tổng số đảng viên 7.210 đồng chí", "số đảng viên là 7.210"). Nothing between may be
 * another number or end the clause.
 */
export function countsFocus(text: string, figure: { start: number; end: number }, focusRe: RegExp): boolean {
  const s = ENGINE_SETTINGS.answer;
  // A figure with a unit of its own ("2 người", "mười lăm tuổi") counts that unit.
  const own = text.slice(figure.start, figure.end).replace(NUMBER_WORDS_RE, " ").trim();
  if (/\p{L}/u.test(own) && !focusRe.test(text.slice(figure.start, figure.end))) return false;
  focusRe.lastIndex = 0;
  for (const m of text.matchAll(focusRe)) {
    const start = m.index!;
    const end = start + m[0].length;
    const gap = start >= figure.end ? text.slice(figure.end, start) : end <= figure.start ? text.slice(end, figure.start) : "";
    if (start < figure.end && end > figure.start) return true;
    if (/[\d;.!?]/u.test(gap)) continue;
    const words = gap.trim() === "" ? 0 : gap.trim().split(/\s+/).length;
    if (start >= figure.end) {
      if (words <= s.wordsBeforeCountedNoun && !/[,:]/.test(gap)) return true;
    } else if (words <= s.wordsAfterCountedNoun && !countsSomethingElse(text.slice(figure.end))) return true;
  }
  return false;
}

// A figure written only in number words ("một", "hai mươi").
const NUMBER_WORDS_ONLY = /^(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|mốt|lăm|trăm|nghìn)(?:\s(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|mốt|lăm|trăm|nghìn))*$/iu;

// Digits and number words, to tell a bare numeral from a figure with its own unit.
const NUMBER_WORDS_RE = /\d+(?:[.,]\d+)*|(?<![\p{L}])(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|mốt|lăm|nhăm|trăm|nghìn|ngàn|triệu|tỷ|mot|bon|tu|nam|sau|bay|tam|chin|muoi|lam|nham|tram|nghin|ngan|trieu|ty)(?![\p{L}])/gu;

// Words that may follow a figure that counts the noun before it: classifiers of people and things
// ("7.210 đồng chí", "51 cơ sở") and words that end or continue the clause ("là 67, gồm …").
const AFTER_COUNT = [
  "đồng", "người", "cái", "chiếc", "con", "ngôi", "căn", "lượt", "vị",
  "và", "với", "trong", "tại", "ở", "so", "trên", "dưới", "của", "là", "thì", "nên", "đã", "được", "tăng", "giảm", "gồm",
  "hiện", "năm", "tháng", "ngày", "từ", "đến", "nay", "trở", "khoảng", "hơn",
];
const AFTER_COUNT_ACCENTED = new Set(AFTER_COUNT);
const AFTER_COUNT_FOLDED = new Set(AFTER_COUNT.map((w) => foldDiacritics(w)));

/**
 * Whether the words right after a figure make it count something of its own ("30 hồ cá"). `after`
 * is canonical text, with diacritics or folded; a folded word is compared with folded words.
 */
function countsSomethingElse(after: string): boolean {
  const next = /^\s*([\p{L}]+)/u.exec(after)?.[1];
  if (!next) return false;
  return foldDiacritics(next) === next ? !AFTER_COUNT_FOLDED.has(next) : !AFTER_COUNT_ACCENTED.has(next);
}

/** The span of the question's words in a sentence, for clipping a sentence without a figure. */
function focusOf(tokens: Token[], units: Unit[]): { start: number; end: number } {
  const wanted = new Set(units.map((u) => u.foldedHash));
  const hits = tokens.filter((t) => wanted.has(t.foldedHash));
  if (hits.length === 0) return { start: 0, end: 0 };
  return { start: hits[0]!.start, end: hits[hits.length - 1]!.end };
}

/**
 * Adds a text's matching keys to a set: syllables (exact and folded), pairs, and near pairs. Only
 * syllables of the question (`relevant`) are recorded: the sets are only ever asked about those.
 */
function addTokens(set: Set<number>, tokens: Token[], relevant: Set<number>): void {
  const near = ENGINE_SETTINGS.answer.nearTokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isRelevant = relevant.has(t.foldedHash) || (t.wholeHash !== 0 && relevant.has(t.wholeHash));
    if (!isRelevant) continue;
    set.add(t.foldedHash);
    if (t.accentHash) set.add(t.accentHash);
    if (t.wholeHash) set.add(t.wholeHash);
    if (i > 0 && !t.breakBefore) set.add(pairHash(tokens[i - 1]!, t));
    // Syllables within a few of each other, in either order, are "together" for the words of a
    // question: "làm thêm giờ" is asked of a text that says "giờ làm thêm".
    for (let j = Math.max(0, i - near); j < i; j++) {
      if (relevant.has(tokens[j]!.foldedHash)) set.add(nearHash(tokens[j]!.foldedHash, t.foldedHash));
    }
  }
}
