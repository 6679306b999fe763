import type { AskResult, Engine } from "../index/types.js";

// The golden question set guards ranking: each question, asked with diacritics (`q`) and as typed on a phone
// (`qPlain`), names the document that answers it and the words the answer sentence must hold; questions with
// `docId: null` have no answer in the corpus and must get `answer: null`.

/** Kinds of answer a golden question wants. */
export const ANSWER_KINDS = [
  "count",
  "amount",
  "percent",
  "person",
  "date",
  "document",
  "definition",
  "duration",
  "fee",
  "age",
  "place",
  "fact",
] as const;

/** A kind of answer (`count`, `amount`, …). */
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** One golden question (one line of `tests/fixtures/golden.jsonl`). */
export interface GoldenQuestion {
  /** The question as written with diacritics. */
  q: string;
  /** The same question as typed on a phone: no diacritics, `d` for `đ`, maybe a typo. */
  qPlain: string;
  /** The corpus id of the document that answers, or null when the corpus holds no answer. */
  docId: string | null;
  /** Words or figures the answer sentence must contain (compared case-insensitively). */
  mustContain: string[];
  kind: AnswerKind;
}

/** How one question form fared. */
export interface GoldenOutcome {
  question: GoldenQuestion;
  form: "accented" | "plain";
  asked: string;
  /** The top document is the expected one (for no-answer questions: the answer is null). */
  top1: boolean;
  /** The answer names the expected document and holds every `mustContain` word (no-answer: the answer is null). */
  holds: boolean;
  result: AskResult;
}

/** Accuracy figures of one run, as fractions in [0, 1]. */
export interface GoldenScore {
  accented: { total: number; top1: number; holds: number };
  plain: { total: number; top1: number; holds: number };
  /** Questions without an answer in the corpus, both forms: the share that got `answer: null`. */
  noAnswer: { total: number; correct: number };
  /** Per kind of answer (questions with an answer, both forms): how many, and the share whose answer holds. */
  byKind: Partial<Record<AnswerKind, { total: number; holds: number }>>;
  outcomes: GoldenOutcome[];
  failures: GoldenOutcome[];
}

/**
 * Parses the golden set (JSON Lines), checking every line; throws one error listing every bad line.
 *
 * @example parseGolden(readFileSync("tests/fixtures/golden.jsonl", "utf8"))
 */
export function parseGolden(text: string, path = "golden.jsonl"): GoldenQuestion[] {
  const questions: GoldenQuestion[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${path} line ${i + 1}`;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch {
      problems.push(`${where}: invalid JSON`);
      return;
    }
    const { q, qPlain, docId, mustContain, kind } = raw;
    if (typeof q !== "string" || q.trim() === "") problems.push(`${where}: missing "q"`);
    else if (typeof qPlain !== "string" || qPlain.trim() === "") problems.push(`${where}: missing "qPlain"`);
    else if (docId !== null && typeof docId !== "string") problems.push(`${where}: "docId" must be a string or null`);
    else if (!Array.isArray(mustContain) || !mustContain.every((w) => typeof w === "string")) {
      problems.push(`${where}: "mustContain" must be a list of strings`);
    } else if (!ANSWER_KINDS.includes(kind as AnswerKind)) {
      problems.push(`${where}: "kind" must be one of ${ANSWER_KINDS.join(", ")}`);
    } else {
      questions.push({ q, qPlain, docId, mustContain: mustContain as string[], kind: kind as AnswerKind });
    }
  });
  if (problems.length > 0) throw new Error(`golden: ${problems.length} bad line(s):\n${problems.join("\n")}`);
  return questions;
}

const fold = (text: string) => text.normalize("NFC").toLowerCase();

/** Runs the golden set through `engine.ask` and scores it. Pure apart from the engine it is given. */
export function scoreGolden(engine: Pick<Engine, "ask">, questions: readonly GoldenQuestion[]): GoldenScore {
  const outcomes: GoldenOutcome[] = [];
  for (const question of questions) {
    for (const form of ["accented", "plain"] as const) {
      const asked = form === "accented" ? question.q : question.qPlain;
      const result = engine.ask(asked);
      let top1: boolean;
      let holds: boolean;
      if (question.docId === null) {
        top1 = holds = result.answer === null;
      } else {
        top1 = result.hits[0]?.docId === question.docId;
        const answer = result.answer;
        holds =
          answer !== null &&
          answer.docId === question.docId &&
          question.mustContain.every((word) => fold(answer.text).includes(fold(word)));
      }
      outcomes.push({ question, form, asked, top1, holds, result });
    }
  }
  const share = (list: GoldenOutcome[], key: "top1" | "holds") =>
    list.length === 0 ? 0 : list.filter((o) => o[key]).length / list.length;
  const answerable = (form: "accented" | "plain") => outcomes.filter((o) => o.form === form && o.question.docId !== null);
  const none = outcomes.filter((o) => o.question.docId === null);
  return {
    accented: { total: answerable("accented").length, top1: share(answerable("accented"), "top1"), holds: share(answerable("accented"), "holds") },
    plain: { total: answerable("plain").length, top1: share(answerable("plain"), "top1"), holds: share(answerable("plain"), "holds") },
    noAnswer: { total: none.length, correct: share(none, "holds") },
    byKind: Object.fromEntries(
      ANSWER_KINDS.map((kind) => [kind, outcomes.filter((o) => o.question.kind === kind && o.question.docId !== null)] as const)
        .filter(([, list]) => list.length > 0)
        .map(([kind, list]) => [kind, { total: list.length, holds: share(list, "holds") }]),
    ),
    outcomes,
    failures: outcomes.filter((o) => !o.top1 || !o.holds),
  };
}
