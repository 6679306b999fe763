import { describe, expect, it } from "vitest";
import { parseGolden, scoreGolden } from "../../src/corpus/golden.js";
import type { AskResult, Engine } from "../../src/index/types.js";

const line = (o: object) => JSON.stringify(o);
const answer = (docId: string, text: string): AskResult["answer"] => ({ text, figure: null, docId, title: "T", url: null, date: null });

// An engine with canned results, so scoring is tested without any ranking.
function cannedEngine(results: Record<string, Omit<AskResult, "question">>): Pick<Engine, "ask"> {
  return { ask: (question) => ({ question, ...(results[question] ?? { answer: null, hits: [] }) }) };
}

describe("parseGolden", () => {
  it("reads questions and lists every bad line in one error", () => {
    const good = line({ q: "Có bao nhiêu?", qPlain: "co bao nhieu", docId: "a", mustContain: ["7.210"], kind: "count" });
    expect(parseGolden(good)).toHaveLength(1);
    const bad = [good, "{", line({ q: "x", qPlain: "x", docId: 1, mustContain: [], kind: "count" }), line({ q: "x", qPlain: "x", docId: null, mustContain: [], kind: "magic" })];
    expect(() => parseGolden(bad.join("\n"), "g.jsonl")).toThrow(/3 bad line\(s\):\ng.jsonl line 2: invalid JSON\ng.jsonl line 3: "docId"[^\n]*\ng.jsonl line 4: "kind"/);
  });
});

describe("scoreGolden", () => {
  const questions = parseGolden(
    [
      line({ q: "Đông Hà có bao nhiêu đảng viên?", qPlain: "dong ha co bao nhieu dang vien", docId: "seed", mustContain: ["7.210"], kind: "count" }),
      line({ q: "Đông Hà có bao nhiêu trường đại học?", qPlain: "dong ha co bao nhieu truong dai hoc", docId: null, mustContain: [], kind: "count" }),
    ].join("\n"),
  );

  it("scores top-1 document, answer words and no-answer per form", () => {
    const engine = cannedEngine({
      "Đông Hà có bao nhiêu đảng viên?": { answer: answer("seed", "… tổng số đảng viên 7.210 đồng chí."), hits: [{ docId: "seed", title: "T", score: 3 }] },
      "dong ha co bao nhieu dang vien": { answer: answer("other", "7.210"), hits: [{ docId: "seed", title: "T", score: 2 }] },
      "dong ha co bao nhieu truong dai hoc": { answer: answer("seed", "67 tổ chức"), hits: [] },
    });
    const score = scoreGolden(engine, questions);
    expect(score.accented).toEqual({ total: 1, top1: 1, holds: 1 });
    expect(score.plain).toEqual({ total: 1, top1: 1, holds: 0 });
    expect(score.noAnswer).toEqual({ total: 2, correct: 0.5 });
    expect(score.failures.map((f) => f.asked)).toEqual(["dong ha co bao nhieu dang vien", "dong ha co bao nhieu truong dai hoc"]);
  });
});
