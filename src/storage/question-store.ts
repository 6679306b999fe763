import type { Db } from "./database.js";

/** What produced a question-log row: a question, or one of the browsing commands. */
export type QuestionKind = "ask" | "search" | "latest" | "documents" | "number";

/** Feedback on an answer: helpful, or not what was asked. */
export type Feedback = "up" | "down";

/** A question (or browsing request) to record. */
export interface NewQuestion {
  userId: number;
  chatId: number | null;
  kind: QuestionKind;
  question: string;
  answered: boolean;
  docId: string | null;
  /** Ids of the documents shown or available for paging, best first. */
  hits: string[];
  latencyMs: number;
}

/** A recorded question; its id is what buttons carry in their callback data. */
export interface LoggedQuestion extends NewQuestion {
  id: number;
  feedback: Feedback | null;
  page: number;
  createdAt: string;
}

/** Figures of the question log over a period, for staff insight. */
export interface QuestionStats {
  total: number;
  answered: number;
  helpful: number;
  notHelpful: number;
}

/** The question log: every question asked, whether it was answered, and the feedback given. */
export interface QuestionStore {
  /** Records a question and returns its row id. */
  log(question: NewQuestion, now?: Date): number;
  get(id: number): LoggedQuestion | undefined;
  /**
   * Records feedback; returns false when the same feedback was already recorded, so that a
   * button pressed twice does the work once. A changed mind (👍 then 👎) is recorded.
   */
  setFeedback(id: number, feedback: Feedback): boolean;
  /** Moves the row to `page`; returns false when that page is already the one shown. */
  setPage(id: number, page: number): boolean;
  /** The most recent rows, newest first; questions only unless `kinds` says otherwise. */
  recent(limit: number, options?: { unansweredOnly?: boolean; kinds?: QuestionKind[] }): LoggedQuestion[];
  /** Figures over the questions asked at or after `since`. */
  stats(since: Date): QuestionStats;
}

interface QuestionRow {
  id: number;
  user_id: number;
  chat_id: number | null;
  kind: QuestionKind;
  question: string;
  answered: number;
  doc_id: string | null;
  hits: string;
  latency_ms: number;
  feedback: number | null;
  page: number;
  created_at: string;
}

const FEEDBACK_VALUE: Record<Feedback, number> = { up: 1, down: -1 };

function toQuestion(row: QuestionRow): LoggedQuestion {
  return {
    id: row.id,
    userId: row.user_id,
    chatId: row.chat_id,
    kind: row.kind,
    question: row.question,
    answered: row.answered === 1,
    docId: row.doc_id,
    hits: JSON.parse(row.hits) as string[],
    latencyMs: row.latency_ms,
    feedback: row.feedback === 1 ? "up" : row.feedback === -1 ? "down" : null,
    page: row.page,
    createdAt: row.created_at,
  };
}

/**
 * Creates the question-log store over an open database (migrations applied).
 *
 * @example
 * const questions = createQuestionStore(db);
 * const id = questions.log({ userId: 42, chatId: 42, kind: "ask", question: "…", answered: true,
 *   docId: "a1", hits: ["a1"], latencyMs: 3.2 });
 */
export function createQuestionStore(db: Db): QuestionStore {
  const insert = db.prepare(
    `INSERT INTO question_log (user_id, chat_id, kind, question, answered, doc_id, hits, latency_ms, created_at)
     VALUES (@userId, @chatId, @kind, @question, @answered, @docId, @hits, @latencyMs, @createdAt)`,
  );
  const select = db.prepare("SELECT * FROM question_log WHERE id = ?");
  const updateFeedback = db.prepare(
    "UPDATE question_log SET feedback = @value WHERE id = @id AND (feedback IS NULL OR feedback != @value)",
  );
  const updatePage = db.prepare("UPDATE question_log SET page = @page WHERE id = @id AND page != @page");
  const statsQuery = db.prepare(
    `SELECT COUNT(*) AS total, COALESCE(SUM(answered), 0) AS answered,
            COALESCE(SUM(feedback = 1), 0) AS helpful, COALESCE(SUM(feedback = -1), 0) AS notHelpful
     FROM question_log WHERE kind = 'ask' AND created_at >= ?`,
  );
  return {
    log(q, now = new Date()) {
      const result = insert.run({
        ...q,
        answered: q.answered ? 1 : 0,
        hits: JSON.stringify(q.hits),
        createdAt: now.toISOString(),
      });
      return Number(result.lastInsertRowid);
    },
    get(id) {
      const row = select.get(id) as QuestionRow | undefined;
      return row ? toQuestion(row) : undefined;
    },
    setFeedback(id, feedback) {
      return updateFeedback.run({ id, value: FEEDBACK_VALUE[feedback] }).changes > 0;
    },
    setPage(id, page) {
      return updatePage.run({ id, page }).changes > 0;
    },
    recent(limit, options = {}) {
      const kinds = options.kinds ?? ["ask"];
      const where = [`kind IN (${kinds.map(() => "?").join(", ")})`];
      if (options.unansweredOnly) where.push("answered = 0");
      const rows = db
        .prepare(`SELECT * FROM question_log WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`)
        .all(...kinds, limit) as QuestionRow[];
      return rows.map(toQuestion);
    },
    stats(since) {
      return statsQuery.get(since.toISOString()) as QuestionStats;
    },
  };
}
