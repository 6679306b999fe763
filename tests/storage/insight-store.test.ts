import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "../support/databases.js";
import type { Db } from "../../src/storage/database.js";
import { createInsightStore, questionKey } from "../../src/storage/insight-store.js";
import { createQuestionStore } from "../../src/storage/question-store.js";
import { createSubscriptionsStore } from "../../src/storage/subscriptions-store.js";
import { createUserStore } from "../../src/storage/user-store.js";

const NOW = new Date("2026-11-26T05:00:00Z"); // 12:00 in Đông Hà
const TZ = "Asia/Ho_Chi_Minh";

/** A known week of questions: what `/thongke` must report. */
async function seed(db: Db) {
  const users = createUserStore(db);
  const subs = createSubscriptionsStore(db);
  const questions = createQuestionStore(db);
  for (const id of [1, 2, 3, 4]) await users.touch(id, NOW);
  await users.markInactive(4);
  await subs.subscribeAll(1, NOW.getTime(), "vi");
  await subs.subscribeAll(2, NOW.getTime(), "en");
  await subs.update(2, { polls: false }, NOW.getTime());
  await subs.subscribeAll(5, NOW.getTime(), "vi");
  await subs.subscribeAll(6, NOW.getTime(), "vi");
  await subs.unsubscribe(6, NOW.getTime());
  const ask = async (question: string, answered: boolean, at: string, feedback?: "up" | "down") => {
    const id = (await questions.log(
      { userId: 1, chatId: 1, kind: "ask", question, answered, docId: answered ? "d" : null, hits: [], latencyMs: 3 },
      new Date(at),
    ));
    if (feedback) await questions.setFeedback(id, feedback);
  };
  await ask("Đông Hà có bao nhiêu đảng viên?", true, "2026-11-26T01:00:00Z");
  await ask("đông hà có bao nhiêu  ĐẢNG VIÊN", true, "2026-11-25T18:00:00Z"); // 01:00 on the 26th locally
  await ask("Giá vé xe buýt?", false, "2026-11-25T03:00:00Z");
  await ask("giá vé xe buýt", false, "2026-11-24T03:00:00Z", "down");
  await ask("Lịch cắt điện", false, "2026-11-20T03:00:00Z");
  await ask("Câu hỏi quá cũ", false, "2026-11-10T03:00:00Z");
  await questions.log({ userId: 1, chatId: 1, kind: "search", question: "tìm", answered: true, docId: null, hits: [], latencyMs: 1 }, NOW);
  return createInsightStore(db);
}

describe.each(DIALECTS)("insight store on %s", (dialect) => {
  const db = useTestDatabase(dialect);
  it("reports users, subscribers, questions per local day, share answered, tops and 👎", async () => {
    const stats = await (await seed(db())).staffStats({ now: NOW, timeZone: TZ });
    expect(stats.users).toEqual({ active: 3, inactive: 1 });
    expect(stats.subscribers).toEqual({ active: 3, inactive: 1, pollsOff: 1 });
    expect(stats.questionsPerDay).toEqual([
      { day: "2026-11-20", count: 1 },
      { day: "2026-11-21", count: 0 },
      { day: "2026-11-22", count: 0 },
      { day: "2026-11-23", count: 0 },
      { day: "2026-11-24", count: 1 },
      { day: "2026-11-25", count: 1 },
      { day: "2026-11-26", count: 2 },
    ]);
    expect(stats.questions).toEqual({ total: 5, answered: 2, notHelpful: 1 });
    expect(stats.topQuestions).toEqual([
      { question: "Đông Hà có bao nhiêu đảng viên?", count: 2 },
      { question: "Giá vé xe buýt?", count: 2 },
      { question: "Lịch cắt điện", count: 1 },
    ]);
    expect(stats.topUnanswered).toEqual([
      { question: "Giá vé xe buýt?", count: 2 },
      { question: "Lịch cắt điện", count: 1 },
    ]);
    expect(stats.notHelpful).toEqual(["giá vé xe buýt"]);
  });

  it("lists poll audiences without those who turned polls off or blocked the bot", async () => {
    const insight = await seed(db());
    expect((await insight.pollAudience("subscribers"))).toEqual([
      { chatId: 1, locale: "vi" },
      { chatId: 5, locale: "vi" },
    ]);
    expect((await insight.pollAudience("users"))).toEqual([
      { chatId: 1, locale: "vi" },
      { chatId: 3, locale: "vi" },
      { chatId: 5, locale: "vi" },
    ]);
  });

  it("groups questions ignoring case, spacing and the final question mark", async () => {
    expect(questionKey("  Đông  HÀ có bao nhiêu đảng viên ? ")).toBe(questionKey("đông hà có bao nhiêu đảng viên"));
  });
});
