import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CorpusDoc } from "../index/types.js";

// Readers of the development question sets in `../shared/data/dev-qa` (see its README): each set becomes the
// documents an engine is built over and the questions asked of it. The texts are read in place, never copied.

/** One question of a development set. */
export interface DevQuestion {
  id: string;
  question: string;
  /** Acceptable answers; the answer holds when it holds any of them. */
  answers: string[];
  /** Ids of the documents that answer it. */
  goldIds: string[];
  /** Whether the answer text is judged (short answers); otherwise the question counts for retrieval only. */
  judged: boolean;
}

/** Documents and questions of one set, with a note on how they were read. */
export interface DevSet {
  docs: CorpusDoc[];
  questions: DevQuestion[];
  note: string;
}

/** The folder of the sets, relative to the repository root. */
export const DEFAULT_DEV_DATA = "../shared/data/dev-qa";

function readJsonl(dir: string, file: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const str = (value: unknown): string => (typeof value === "string" ? value : String(value ?? ""));
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(str) : []);

function doc(id: string, title: string, body: string, extra: Partial<CorpusDoc> = {}): CorpusDoc {
  return { id, type: "document", title, body, date: null, url: null, number: null, issuer: null, source: null, tags: [], ...extra };
}

/**
 * The 2,249 law articles as documents. The title names the law and the article (`Luật Du lịch, Điều 54. …`)
 * because questions name the law ("Theo Luật Du lịch, …"); the body is the article text after its heading.
 */
export function readAlqacArticles(dir: string): CorpusDoc[] {
  return readJsonl(dir, "alqac2023-corpus.jsonl").map((row) => {
    const law = str(row.law_id);
    const heading = str(row.title);
    const text = str(row.text);
    const body = text.startsWith(heading) ? text.slice(heading.length).trim() : text;
    return doc(str(row.id), `${law}, Điều ${str(row.article_id)}. ${heading}`, body || text, { source: law, tags: [law] });
  });
}

/**
 * ALQAC 2025 train and ALQAC 2023 questions over the law articles. The two files share many questions: a question
 * whose text was already read is kept once. Only `Tự luận` (short answer) questions have their answer judged.
 */
export function readLegal(dir: string): DevSet {
  const seen = new Set<string>();
  const questions: DevQuestion[] = [];
  let listed = 0;
  for (const file of ["alqac2025-train-qa.jsonl", "alqac2023-qa.jsonl"]) {
    for (const row of readJsonl(dir, file)) {
      listed++;
      const question = str(row.question).normalize("NFC").trim();
      if (seen.has(question)) continue;
      seen.add(question);
      const judged = row.question_type === "Tự luận";
      questions.push({ id: str(row.id), question, answers: judged ? strings(row.answers) : [], goldIds: strings(row.gold_passage_ids), judged });
    }
  }
  const judged = questions.filter((q) => q.judged).length;
  return {
    docs: readAlqacArticles(dir),
    questions,
    note: `${listed} questions listed, ${questions.length} distinct (${judged} short-answer, judged on the answer too)`,
  };
}

/** ViQuAD 1.0 dev: 2,285 questions over 515 Wikipedia passages; every question's answer is judged. */
export function readReading(dir: string): DevSet {
  const docs = readJsonl(dir, "viquad1-dev-passages.jsonl").map((row) => doc(str(row.id), str(row.id), str(row.text), { type: "news" }));
  const questions = readJsonl(dir, "viquad1-dev-qa.jsonl").map((row) => ({
    id: str(row.id),
    question: str(row.question).normalize("NFC"),
    answers: strings(row.answers),
    goldIds: strings(row.gold_passage_ids),
    judged: true,
  }));
  return { docs, questions, note: "passages have no title: the title is the passage id" };
}

/** UIT regulation QA: 626 questions over 75 sections of a university's regulations. */
export function readRegulation(dir: string): DevSet {
  const docs = readJsonl(dir, "uit-regulation-passages.jsonl").map((row) => doc(str(row.id), str(row.title), str(row.text)));
  const questions = readJsonl(dir, "uit-regulation-qa.jsonl").map((row) => ({
    id: str(row.id),
    question: str(row.question).normalize("NFC"),
    answers: strings(row.answers),
    goldIds: strings(row.gold_passage_ids),
    judged: true,
  }));
  return { docs, questions, note: "" };
}

/** A stable pseudo-random order of ids: the same sample on every run and machine. */
export function sampleOrder(id: string): string {
  return createHash("sha1").update(id).digest("hex");
}

/** The first `limit` items in {@link sampleOrder} (all, in their order, when `limit` is undefined). */
export function sample<T>(items: readonly T[], key: (item: T) => string, limit: number | undefined): T[] {
  if (limit === undefined || limit >= items.length) return [...items];
  return [...items].sort((a, b) => (sampleOrder(key(a)) < sampleOrder(key(b)) ? -1 : 1)).slice(0, limit);
}
