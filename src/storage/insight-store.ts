import { sql, type ExpressionBuilder } from "kysely";
import type { Db } from "./database.js";
import type { Schema } from "./schema.js";

/** One chat a poll may go to, in its language. */
export interface AudienceMember {
  chatId: number;
  locale: string;
}

/** Figures of `/thongke` and the weekly report, over the `days` days up to now. */
export interface StaffStats {
  days: number;
  users: { active: number; inactive: number };
  subscribers: { active: number; inactive: number; pollsOff: number };
  /** Questions per local day, oldest first, every day present (zero included). */
  questionsPerDay: Array<{ day: string; count: number }>;
  questions: { total: number; answered: number; notHelpful: number };
  /** Most asked questions (grouped ignoring case, spacing and a final "?"), with how often and whether answered. */
  topQuestions: Array<{ question: string; count: number }>;
  /** Most asked questions the bot could not answer: the content that is missing. */
  topUnanswered: Array<{ question: string; count: number }>;
  /** Latest questions whose answer got 👎. */
  notHelpful: string[];
}

/** Options of {@link InsightStore.staffStats}. */
export interface StaffStatsOptions {
  now: Date;
  timeZone: string;
  /** Days covered. Defaults to 7. */
  days?: number;
  /** Entries in each top list. Defaults to 5. */
  top?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads across the bot's, push's and polls' tables for staff insight and poll audiences. Reads
 * only: each table's own store stays the only writer.
 *
 * @example
 * const insight = createInsightStore(db);
 * insight.staffStats({ now: new Date(), timeZone: "Asia/Ho_Chi_Minh" });
 */
export function createInsightStore(db: Db) {
  const counted = (column: "active" | "polls", value: number) => (eb: ExpressionBuilder<Schema, "users" | "push_subscriptions">) =>
    eb.fn.countAll<number>().filterWhere(sql.ref(column), "=", value);
  return {
    /** Private chats of an audience that have not turned polls off. */
    async pollAudience(audience: "users" | "subscribers"): Promise<AudienceMember[]> {
      if (audience === "subscribers") {
        return db
          .selectFrom("push_subscriptions")
          .select(["chat_id as chatId", "language as locale"])
          .where("active", "=", 1)
          .where("polls", "=", 1)
          .orderBy("chat_id")
          .execute();
      }
      // Everyone who uses the bot privately, unless they turned polls off; subscribers who never wrote count too.
      const { rows } = await sql<AudienceMember>`
        SELECT u.id AS "chatId", COALESCE(s.language, u.language, 'vi') AS "locale"
        FROM users u LEFT JOIN push_subscriptions s ON s.chat_id = u.id
        WHERE u.active = 1 AND (s.chat_id IS NULL OR s.polls = 1)
        UNION
        SELECT s.chat_id, s.language FROM push_subscriptions s
        WHERE s.active = 1 AND s.polls = 1 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.chat_id AND u.active = 0)
        ORDER BY 1`.execute(db);
      return rows.map((r) => ({ chatId: Number(r.chatId), locale: r.locale }));
    },

    /** Subscriber, question and feedback figures for staff. */
    async staffStats(options: StaffStatsOptions): Promise<StaffStats> {
      const days = options.days ?? 7;
      const top = options.top ?? 5;
      const dayOf = localDayFormatter(options.timeZone);
      const today = dayOf(options.now);
      const perDay = new Map<string, number>();
      for (let i = days - 1; i >= 0; i--) perDay.set(dayOf(new Date(options.now.getTime() - i * DAY_MS)), 0);
      // One day of margin: the first local day starts before now - days × 24 h in zones east of UTC.
      const since = new Date(options.now.getTime() - (days + 1) * DAY_MS).toISOString();
      const rows = await db
        .selectFrom("question_log")
        .select(["question", "answered", "feedback", "created_at"])
        .where("kind", "in", ["ask", "inline"])
        .where("created_at", ">=", since)
        .orderBy("id")
        .execute();
      const asked = new Map<string, { question: string; count: number }>();
      const unanswered = new Map<string, { question: string; count: number }>();
      const notHelpful: string[] = [];
      const totals = { total: 0, answered: 0, notHelpful: 0 };
      for (const row of rows) {
        const day = dayOf(new Date(row.created_at));
        if (!perDay.has(day) || day > today) continue;
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        totals.total += 1;
        if (row.answered === 1) totals.answered += 1;
        if (row.feedback === -1) {
          totals.notHelpful += 1;
          notHelpful.push(row.question);
        }
        tally(asked, row.question);
        if (row.answered === 0) tally(unanswered, row.question);
      }
      const users = await db
        .selectFrom("users")
        .select((eb) => [counted("active", 1)(eb).as("active"), counted("active", 0)(eb).as("inactive")])
        .executeTakeFirstOrThrow();
      const subscribers = await db
        .selectFrom("push_subscriptions")
        .select((eb) => [
          counted("active", 1)(eb).as("active"),
          counted("active", 0)(eb).as("inactive"),
          eb.fn
            .countAll<number>()
            .filterWhere((w) => w.and([w("active", "=", 1), w("polls", "=", 0)]))
            .as("pollsOff"),
        ])
        .executeTakeFirstOrThrow();
      return {
        days,
        users: { active: Number(users.active), inactive: Number(users.inactive) },
        subscribers: { active: Number(subscribers.active), inactive: Number(subscribers.inactive), pollsOff: Number(subscribers.pollsOff) },
        questionsPerDay: [...perDay].map(([day, count]) => ({ day, count })),
        questions: totals,
        topQuestions: topOf(asked, top),
        topUnanswered: topOf(unanswered, top),
        notHelpful: notHelpful.reverse().slice(0, top),
      };
    },
  };
}

/** The insight store's interface, for collaborators that receive it. */
export type InsightStore = ReturnType<typeof createInsightStore>;

/** Groups questions that differ only in case, spacing, accents' encoding or a final "?". */
export function questionKey(question: string): string {
  return question.normalize("NFC").toLocaleLowerCase("vi").replace(/[\s?.!]+$/u, "").replace(/\s+/g, " ").trim();
}

function tally(map: Map<string, { question: string; count: number }>, question: string): void {
  const key = questionKey(question);
  const entry = map.get(key);
  if (entry) entry.count += 1;
  else map.set(key, { question: question.trim(), count: 1 });
}

function topOf(map: Map<string, { question: string; count: number }>, n: number) {
  // Ties keep first-asked order (Map insertion order, and sort is stable).
  return [...map.values()].sort((a, b) => b.count - a.count).slice(0, n);
}

function localDayFormatter(timeZone: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (date) => format.format(date);
}
