import type { Selectable } from "kysely";
import type { Db } from "./database.js";
import type { QuestionLogTable } from "./schema.js";

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
  log(question: NewQuestion, now?: Date): Promise<number>;
  get(id: number): Promise<LoggedQuestion | undefined>;
  /**
   * Records feedback; returns false when the same feedback was already recorded, so that a
   * button pressed twice does the work once. A changed mind (👍 then 👎) is recorded.
   */
  setFeedback(id: number, feedback: Feedback): Promise<boolean>;
  /** Moves the row to `page`; returns false when that page is already the one shown. */
  setPage(id: number, page: number): Promise<boolean>;
  /** The most recent rows, newest first; questions only unless `kinds` says otherwise. */
  recent(limit: number, options?: { unansweredOnly?: boolean; kinds?: QuestionKind[] }): Promise<LoggedQuestion[]>;
  /** Figures over the questions asked at or after `since`. */
  stats(since: Date): Promise<QuestionStats>;
}

type QuestionRow = Selectable<QuestionLogTable>;

const FEEDBACK_VALUE: Record<Feedback, number> = { up: 1, down: -1 };

function toQuestion(row: QuestionRow): LoggedQuestion {
  return {
    id: row.id,
    userId: row.user_id,
    chatId: row.chat_id,
    kind: row.kind as QuestionKind,
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
  const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) > 0;
  return {
    async log(q, now = new Date()) {
      const row = await db
        .insertInto("question_log")
        .values({
          user_id: q.userId,
          chat_id: q.chatId,
          kind: q.kind,
          question: q.question,
          answered: q.answered ? 1 : 0,
          doc_id: q.docId,
          hits: JSON.stringify(q.hits),
          latency_ms: q.latencyMs,
          created_at: now.toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async get(id) {
      const row = await db.selectFrom("question_log").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toQuestion(row) : undefined;
    },
    async setFeedback(id, feedback) {
      const value = FEEDBACK_VALUE[feedback];
      const result = await db
        .updateTable("question_log")
        .set({ feedback: value })
        .where("id", "=", id)
        .where((eb) => eb.or([eb("feedback", "is", null), eb("feedback", "!=", value)]))
        .executeTakeFirst();
      return changed(result);
    },
    async setPage(id, page) {
      const result = await db.updateTable("question_log").set({ page }).where("id", "=", id).where("page", "!=", page).executeTakeFirst();
      return changed(result);
    },
    async recent(limit, options = {}) {
      let query = db
        .selectFrom("question_log")
        .selectAll()
        .where("kind", "in", options.kinds ?? ["ask"]);
      if (options.unansweredOnly) query = query.where("answered", "=", 0);
      const rows = await query.orderBy("id", "desc").limit(limit).execute();
      return rows.map(toQuestion);
    },
    async stats(since) {
      const row = await db
        .selectFrom("question_log")
        .select((eb) => [
          eb.fn.countAll<number>().as("total"),
          eb.fn.countAll<number>().filterWhere("answered", "=", 1).as("answered"),
          eb.fn.countAll<number>().filterWhere("feedback", "=", 1).as("helpful"),
          eb.fn.countAll<number>().filterWhere("feedback", "=", -1).as("notHelpful"),
        ])
        .where("kind", "=", "ask")
        .where("created_at", ">=", since.toISOString())
        .executeTakeFirstOrThrow();
      return { total: Number(row.total), answered: Number(row.answered), helpful: Number(row.helpful), notHelpful: Number(row.notHelpful) };
    },
  };
}
