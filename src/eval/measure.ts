import { docNumberKey, findDocNumbers } from "../index/doc-number.js";
import type { AskResult, CorpusDoc, Engine } from "../index/types.js";
import { type DevQuestion, sample, sampleOrder } from "./dev-sets.js";
import { bestOverlapSentence, foldQuestion, holdsAny, matchForm } from "./judge.js";

// The measurements behind `npm run eval -- --set <name>`. Each runs questions through the engine's public API only
// (`ask`, `search`, `get`, `add`, `remove`) and counts; printing is elsewhere.

/** The two ways a question is asked: as written, and folded to ASCII as typed on a phone. */
export const FORMS = ["accented", "plain"] as const;

/** A question form. */
export type Form = (typeof FORMS)[number];

/** A share: `hit` of `of`. */
export interface Tally {
  hit: number;
  of: number;
}

/** One line of a set's table: a label (usually the form) and its shares by metric name. */
export interface ReportRow {
  label: string;
  metrics: Record<string, Tally>;
}

/** One question that went wrong, for the failure listing. */
export interface Failure {
  label: string;
  question: string;
  expected: string;
  got: string | null;
  docId: string | null;
}

/** What one set measured. */
export interface SetReport {
  name: string;
  docs: number;
  questions: number;
  notes: string[];
  /** Metric names in table order, with their column headings. */
  columns: Array<{ key: string; heading: string }>;
  rows: ReportRow[];
  failures: Failure[];
  ms: number;
}

/** The engine as these measurements use it: its public API only. */
export type EvalEngine = Pick<Engine, "ask" | "search" | "get" | "add" | "remove" | "size">;

const tally = (): Tally => ({ hit: 0, of: 0 });
const count = (t: Tally, ok: boolean) => {
  t.of++;
  if (ok) t.hit++;
};

/** The question as asked in a form. */
export function askedForm(question: string, form: Form): string {
  return form === "plain" ? foldQuestion(question) : question;
}

function describeAnswer(result: AskResult): { got: string | null; docId: string | null } {
  if (result.answer) return { got: result.answer.text, docId: result.answer.docId };
  return { got: null, docId: result.hits[0]?.docId ?? null };
}

/** Failures in a stable shuffled order, so that the first ones shown are not all about one passage. */
function shuffled(failures: Failure[]): Failure[] {
  return failures
    .map((f) => ({ f, key: sampleOrder(`${f.label}\u0000${f.question}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map(({ f }) => f);
}

/**
 * Questions over their own documents (legal, reading, regulation): right document first for every question, and for
 * judged questions whether the answer holds an expected answer, whether it comes from a gold document, how often it
 * is null, and the lexical baseline (the engine's search, top document, the sentence with most question words).
 */
export function measureAnswered(
  name: string,
  engine: EvalEngine,
  questions: readonly DevQuestion[],
  notes: string[],
): Omit<SetReport, "ms"> {
  const rows: ReportRow[] = [];
  const failures: Failure[] = [];
  for (const form of FORMS) {
    const m = { top1: tally(), holds: tally(), holdsGold: tally(), nulls: tally(), baseline: tally(), baseTop1: tally() };
    for (const q of questions) {
      const asked = askedForm(q.question, form);
      const result = engine.ask(asked);
      const top1 = q.goldIds.includes(result.hits[0]?.docId ?? "");
      count(m.top1, top1);
      const baseHit = engine.search(asked, { limit: 1 }).hits[0];
      count(m.baseTop1, baseHit !== undefined && q.goldIds.includes(baseHit.doc.id));
      if (!q.judged) {
        if (!top1) failures.push({ label: form, question: asked, expected: `document ${q.goldIds.join(" | ")}`, ...describeAnswer(result) });
        continue;
      }
      const answer = result.answer;
      const holds = answer !== null && holdsAny(answer.text, q.answers);
      count(m.holds, holds);
      count(m.holdsGold, holds && q.goldIds.includes(answer.docId));
      count(m.nulls, answer === null);
      const sentence = baseHit ? bestOverlapSentence(baseHit.doc.body, asked) : null;
      count(m.baseline, sentence !== null && holdsAny(sentence, q.answers));
      if (!holds) failures.push({ label: form, question: asked, expected: q.answers.join(" | "), ...describeAnswer(result) });
    }
    rows.push({ label: form, metrics: m });
  }
  return {
    name,
    docs: engine.size,
    questions: questions.length,
    notes,
    columns: [
      { key: "top1", heading: "right doc first" },
      { key: "baseTop1", heading: "search top-1" },
      { key: "holds", heading: "answer holds" },
      { key: "holdsGold", heading: "holds, gold doc" },
      { key: "nulls", heading: "null" },
      { key: "baseline", heading: "baseline holds" },
    ],
    rows,
    failures: shuffled(failures),
  };
}

/** Where an unanswerable question comes from. */
export const HELD_OUT_SOURCES = ["legal", "regulation", "city"] as const;

/** A source of unanswerable questions. */
export type HeldOutSource = (typeof HELD_OUT_SOURCES)[number];

/** A question for the unanswerable set: its answers, and how to take its gold text out of the engine and back. */
export interface HeldOutQuestion {
  source: HeldOutSource;
  question: DevQuestion;
  /** Documents to remove before asking (for the city questions: none, their page is not in the engine). */
  remove: string[];
  /** Documents to add to ask the same question with its gold text present (the city's page). */
  present: CorpusDoc[];
}

/** Where each expected answer occurs: the ids of the documents whose text holds it (matching form). */
export type Occurrences = Map<string, Set<string>>;

/**
 * Finds, for each expected answer, the documents whose title or body holds it, reading each text once.
 * Returns the answers keyed by their matching form. Each answer is tried only on texts that hold its longest word
 * (a set lookup per word), which keeps hundreds of answers over 55k texts to one pass of tokenising.
 */
export function findOccurrences(docs: Iterable<CorpusDoc>, answers: Iterable<string>): Occurrences {
  const needles = new Map<string, Set<string>>();
  const byAnchor = new Map<string, string[]>();
  for (const answer of answers) {
    const form = matchForm(answer);
    if (form === "" || needles.has(form)) continue;
    needles.set(form, new Set());
    const anchor = form.split(" ").reduce((a, b) => (b.length > a.length ? b : a));
    byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), form]);
  }
  for (const doc of docs) {
    const form = matchForm(`${doc.title}\n${doc.body}`);
    const text = ` ${form} `;
    const tried = new Set<string>();
    for (const word of form.split(" ")) {
      if (tried.has(word)) continue;
      tried.add(word);
      for (const needle of byAnchor.get(word) ?? []) if (text.includes(` ${needle} `)) needles.get(needle)!.add(doc.id);
    }
  }
  return needles;
}

/** The questions whose answers occur in no text but their gold documents', and how many were skipped by source. */
export function keepUnanswerable(
  held: readonly HeldOutQuestion[],
  occurrences: Occurrences,
): { kept: HeldOutQuestion[]; skipped: Record<HeldOutSource, number> } {
  const kept: HeldOutQuestion[] = [];
  const skipped = Object.fromEntries(HELD_OUT_SOURCES.map((s) => [s, 0])) as Record<HeldOutSource, number>;
  for (const h of held) {
    const gold = new Set([...h.remove, ...h.present.map((d) => d.id)]);
    const elsewhere = h.question.answers.some((a) => [...(occurrences.get(matchForm(a)) ?? [])].some((id) => !gold.has(id)));
    if (elsewhere) skipped[h.source]++;
    else kept.push(h);
  }
  return { kept, skipped };
}

/**
 * Questions whose answer is not in the corpus: each question's gold documents are removed (or, for the city's
 * questions, were never added), a question whose answer occurs in another text is skipped, and the right result is
 * `answer: null`. The same questions asked with the gold present show whether answerable ones keep their answer.
 * The engine is left as it was given.
 */
export function measureUnanswerable(
  engine: EvalEngine,
  held: readonly HeldOutQuestion[],
  occurrences: Occurrences,
  notes: string[],
): Omit<SetReport, "ms"> {
  const { kept, skipped } = keepUnanswerable(held, occurrences);
  const metrics = () => ({ nullAbsent: tally(), holdsPresent: tally(), nullPresent: tally() });
  const byForm = new Map(FORMS.map((f) => [f, metrics()] as const));
  const bySource = new Map(HELD_OUT_SOURCES.map((s) => [s, metrics()] as const));
  const failures: Failure[] = [];
  const ask = (h: HeldOutQuestion, present: boolean) => {
    for (const form of FORMS) {
      const asked = askedForm(h.question.question, form);
      const result = engine.ask(asked);
      const holds = result.answer !== null && holdsAny(result.answer.text, h.question.answers);
      for (const m of [byForm.get(form)!, bySource.get(h.source)!]) {
        if (present) {
          count(m.holdsPresent, holds);
          count(m.nullPresent, result.answer === null);
        } else {
          count(m.nullAbsent, result.answer === null);
        }
      }
      if (present ? !holds : result.answer !== null) {
        const label = `${h.source}, ${form}, gold ${present ? "present" : "absent"}`;
        failures.push({ label, question: asked, expected: present ? h.question.answers.join(" | ") : "null", ...describeAnswer(result) });
      }
    }
  };
  // Gold present: questions that share the documents to add are asked together, so each is added once.
  const groups = new Map<string, HeldOutQuestion[]>();
  for (const h of kept) {
    const key = h.present.map((d) => d.id).join("\n");
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  for (const group of groups.values()) {
    const added = group[0]!.present;
    for (const doc of added) engine.add(doc);
    for (const h of group) ask(h, true);
    for (const doc of added) engine.remove(doc.id);
  }
  // Gold absent: each question's gold documents out, asked, and back.
  for (const h of kept) {
    const removed = h.remove.map((id) => engine.get(id)).filter((d): d is CorpusDoc => d !== undefined);
    for (const doc of removed) engine.remove(doc.id);
    ask(h, false);
    for (const doc of removed) engine.add(doc);
  }
  const sources = HELD_OUT_SOURCES.filter((s) => held.some((h) => h.source === s));
  return {
    name: "unanswerable",
    docs: engine.size,
    questions: kept.length,
    notes: [
      ...notes,
      ...sources.map((s) => {
        const total = held.filter((h) => h.source === s).length;
        return `${s}: ${total - skipped[s]} of ${total} kept (${skipped[s]} skipped: an answer occurs in another text)`;
      }),
    ],
    columns: [
      { key: "nullAbsent", heading: "null, gold absent" },
      { key: "holdsPresent", heading: "holds, gold present" },
      { key: "nullPresent", heading: "null, gold present" },
    ],
    rows: [
      ...FORMS.map((f) => ({ label: f, metrics: byForm.get(f)! })),
      ...sources.map((s) => ({ label: `${s} (both forms)`, metrics: bySource.get(s)! })),
    ],
    failures: shuffled(failures),
  };
}

/** The ways an official number is asked. */
export const NUMBER_FORMS = ["as written", "số N", "sốN", "lower case", "no diacritics"] as const;

/** The question for a number in one form: `21-KL/TW là văn bản gì?`, `số 21-KL/TW …`, `số21-KL/TW …`, … */
export function numberQuestion(raw: string, form: (typeof NUMBER_FORMS)[number]): string {
  const question = `${raw} là văn bản gì?`;
  switch (form) {
    case "as written":
      return question;
    case "số N":
      return `số ${question}`;
    case "sốN":
      return `số${question}`;
    case "lower case":
      return question.toLowerCase();
    case "no diacritics":
      return foldQuestion(question);
  }
}

/** The official numbers a document holds: its `number` field and every mention in its title and body. */
export function docNumberKeys(doc: CorpusDoc): Set<string> {
  const keys = new Set(findDocNumbers(`${doc.title}\n${doc.body}`).map((m) => m.key));
  if (doc.number) keys.add(docNumberKey(doc.number));
  return keys;
}

/**
 * Whether a mention reads as an official document number rather than a label (`3-Dario`, a player's shirt; `91025-TS`,
 * a product code): it has a `/` (`148/QĐ-UB`, `21-KL/TW`, `45/2019/QH14`) and its letter segments are mostly
 * capitals (`TTg`, `NHNo` pass).
 */
export function isOfficialNumber(raw: string): boolean {
  if (!raw.includes("/")) return false;
  return raw
    .split(/[-/\s.]+/)
    .filter((segment) => /\p{L}/u.test(segment))
    .every((segment) => {
      const letters = [...segment].filter((c) => /\p{L}/u.test(c));
      const capitals = letters.filter((c) => c !== c.toLowerCase()).length;
      return /^\p{Lu}/u.test(segment) && capitals * 2 >= letters.length;
    });
}

/**
 * Official numbers mentioned in body text: `limit` distinct numbers sampled in a stable order, each asked in every
 * form; counts the questions whose top hit holds the number.
 */
export function measureNumbers(engine: EvalEngine, docs: Iterable<CorpusDoc>, limit: number, notes: string[]): Omit<SetReport, "ms"> {
  const mentions = new Map<string, { raw: string; docs: Set<string> }>();
  for (const doc of docs) {
    for (const m of findDocNumbers(doc.body)) {
      if (!isOfficialNumber(m.raw)) continue;
      const known = mentions.get(m.key) ?? { raw: m.raw, docs: new Set<string>() };
      known.docs.add(doc.id);
      mentions.set(m.key, known);
    }
  }
  const chosen = sample([...mentions.entries()], ([key]) => key, limit);
  const rows: ReportRow[] = [];
  const failures: Failure[] = [];
  for (const form of NUMBER_FORMS) {
    const all = tally();
    const single = tally();
    for (const [key, { raw, docs: holders }] of chosen) {
      const asked = numberQuestion(raw, form);
      const result = engine.ask(asked);
      const top = result.hits[0] ? engine.get(result.hits[0].docId) : undefined;
      const ok = top !== undefined && docNumberKeys(top).has(key);
      count(all, ok);
      if (holders.size === 1) count(single, ok);
      if (!ok) failures.push({ label: form, question: asked, expected: key, got: top ? top.title : null, docId: top?.id ?? null });
    }
    rows.push({ label: form, metrics: { topHolds: all, single } });
  }
  return {
    name: "numbers",
    docs: engine.size,
    questions: chosen.length,
    notes: [...notes, `${mentions.size} distinct official numbers mentioned in body text; ${chosen.length} sampled`],
    columns: [
      { key: "topHolds", heading: "top hit holds the number" },
      { key: "single", heading: "same, numbers in one text only" },
    ],
    rows,
    failures: shuffled(failures),
  };
}
