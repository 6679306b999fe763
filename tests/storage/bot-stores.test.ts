import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "../support/databases.js";
import { createQuestionStore } from "../../src/storage/question-store.js";
import { createUserStore } from "../../src/storage/user-store.js";

describe.each(DIALECTS)("user store on %s", (dialect) => {
  const db = useTestDatabase(dialect);
  it("records first and last seen, language and reachability", async () => {
    const users = createUserStore(db());
    await users.touch(7, new Date("2026-01-01T00:00:00Z"));
    await users.touch(7, new Date("2026-01-02T00:00:00Z"));
    expect((await users.get(7))).toEqual({
      id: 7,
      language: null,
      firstSeen: "2026-01-01T00:00:00.000Z",
      lastSeen: "2026-01-02T00:00:00.000Z",
      active: true,
    });
    await users.setLanguage(7, "en");
    expect((await users.language(7))).toBe("en");
    expect((await users.language(8))).toBeNull();
    expect((await users.markInactive(7))).toBe(true);
    expect((await users.markInactive(7))).toBe(false);
    expect((await users.count())).toEqual({ total: 1, active: 0 });
    await users.touch(7);
    expect((await users.get(7))!.active).toBe(true);
  });
});

describe.each(DIALECTS)("question store on %s", (dialect) => {
  const db = useTestDatabase(dialect);
  const entry = {
    userId: 7,
    chatId: 7,
    kind: "ask" as const,
    question: "Đông Hà có bao nhiêu đảng viên?",
    answered: true,
    docId: "45/2019/QH14#47",
    hits: ["45/2019/QH14#47", "b"],
    latencyMs: 3.5,
  };

  it("logs a question and reads it back", async () => {
    const questions = createQuestionStore(db());
    const id = await questions.log(entry, new Date("2026-01-01T00:00:00Z"));
    expect((await questions.get(id))).toEqual({ ...entry, id, feedback: null, page: 0, createdAt: "2026-01-01T00:00:00.000Z" });
    expect((await questions.get(id + 1))).toBeUndefined();
  });

  it("records the same feedback once and a change of mind", async () => {
    const questions = createQuestionStore(db());
    const id = await questions.log(entry);
    expect((await questions.setFeedback(id, "up"))).toBe(true);
    expect((await questions.setFeedback(id, "up"))).toBe(false);
    expect((await questions.setFeedback(id, "down"))).toBe(true);
    expect((await questions.get(id))!.feedback).toBe("down");
  });

  it("moves to a page once", async () => {
    const questions = createQuestionStore(db());
    const id = await questions.log(entry);
    expect((await questions.setPage(id, 1))).toBe(true);
    expect((await questions.setPage(id, 1))).toBe(false);
  });

  it("lists recent and unanswered questions and counts them", async () => {
    const questions = createQuestionStore(db());
    await questions.log(entry, new Date("2026-01-01T00:00:00Z"));
    const b = await questions.log({ ...entry, answered: false, docId: null, question: "xyz" }, new Date("2026-01-02T00:00:00Z"));
    await questions.log({ ...entry, kind: "search" }, new Date("2026-01-02T00:00:00Z"));
    await questions.setFeedback(b, "down");
    expect((await questions.recent(10)).map((q) => q.question)).toEqual(["xyz", entry.question]);
    expect((await questions.recent(10, { unansweredOnly: true })).map((q) => q.id)).toEqual([b]);
    expect((await questions.stats(new Date("2026-01-01T12:00:00Z")))).toEqual({ total: 1, answered: 0, helpful: 0, notHelpful: 1 });
  });
});
