import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { createQuestionStore } from "../../src/storage/question-store.js";
import { createUserStore } from "../../src/storage/user-store.js";

describe("user store", () => {
  it("records first and last seen, language and reachability", () => {
    const users = createUserStore(openDatabase(":memory:"));
    users.touch(7, new Date("2026-01-01T00:00:00Z"));
    users.touch(7, new Date("2026-01-02T00:00:00Z"));
    expect(users.get(7)).toEqual({
      id: 7,
      language: null,
      firstSeen: "2026-01-01T00:00:00.000Z",
      lastSeen: "2026-01-02T00:00:00.000Z",
      active: true,
    });
    users.setLanguage(7, "en");
    expect(users.language(7)).toBe("en");
    expect(users.language(8)).toBeNull();
    expect(users.markInactive(7)).toBe(true);
    expect(users.markInactive(7)).toBe(false);
    expect(users.count()).toEqual({ total: 1, active: 0 });
    users.touch(7);
    expect(users.get(7)!.active).toBe(true);
  });
});

describe("question store", () => {
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

  it("logs a question and reads it back", () => {
    const questions = createQuestionStore(openDatabase(":memory:"));
    const id = questions.log(entry, new Date("2026-01-01T00:00:00Z"));
    expect(questions.get(id)).toEqual({ ...entry, id, feedback: null, page: 0, createdAt: "2026-01-01T00:00:00.000Z" });
    expect(questions.get(id + 1)).toBeUndefined();
  });

  it("records the same feedback once and a change of mind", () => {
    const questions = createQuestionStore(openDatabase(":memory:"));
    const id = questions.log(entry);
    expect(questions.setFeedback(id, "up")).toBe(true);
    expect(questions.setFeedback(id, "up")).toBe(false);
    expect(questions.setFeedback(id, "down")).toBe(true);
    expect(questions.get(id)!.feedback).toBe("down");
  });

  it("moves to a page once", () => {
    const questions = createQuestionStore(openDatabase(":memory:"));
    const id = questions.log(entry);
    expect(questions.setPage(id, 1)).toBe(true);
    expect(questions.setPage(id, 1)).toBe(false);
  });

  it("lists recent and unanswered questions and counts them", () => {
    const questions = createQuestionStore(openDatabase(":memory:"));
    questions.log(entry, new Date("2026-01-01T00:00:00Z"));
    const b = questions.log({ ...entry, answered: false, docId: null, question: "xyz" }, new Date("2026-01-02T00:00:00Z"));
    questions.log({ ...entry, kind: "search" }, new Date("2026-01-02T00:00:00Z"));
    questions.setFeedback(b, "down");
    expect(questions.recent(10).map((q) => q.question)).toEqual(["xyz", entry.question]);
    expect(questions.recent(10, { unansweredOnly: true }).map((q) => q.id)).toEqual([b]);
    expect(questions.stats(new Date("2026-01-01T12:00:00Z"))).toEqual({ total: 1, answered: 0, helpful: 0, notHelpful: 1 });
  });
});
