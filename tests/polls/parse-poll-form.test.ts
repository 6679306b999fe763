import { describe, expect, it } from "vitest";
import { parsePollForm } from "../../src/polls/parse-poll-form.js";

describe("parsePollForm", () => {
  it("splits the question and options on |", () => {
    expect(parsePollForm(" Bạn đi làm bằng gì?  | Xe máy |Xe buýt | Đi bộ |")).toEqual({
      ok: true,
      form: { question: "Bạn đi làm bằng gì?", options: ["Xe máy", "Xe buýt", "Đi bộ"] },
    });
  });

  it("normalises combining accents to NFC", () => {
    const result = parsePollForm("Co\u0301 | A | B");
    expect(result.ok && result.form.question).toBe("Có");
  });

  it("lists every problem with Telegram's limits", () => {
    const result = parsePollForm(`${"a".repeat(301)} | ${"b".repeat(101)} |  | B${"b".repeat(100)}`);
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: "question-too-long", length: 301, max: 300 },
        { code: "option-too-long", position: 1, length: 101, max: 100 },
        { code: "option-empty", position: 2 },
        { code: "option-too-long", position: 3, length: 101, max: 100 },
      ],
    });
  });

  it("refuses fewer than 2 and more than 12 options, and duplicates", () => {
    expect(parsePollForm("Hỏi? | Một")).toEqual({ ok: false, problems: [{ code: "too-few-options", count: 1, min: 2 }] });
    const many = Array.from({ length: 13 }, (_, i) => `P${i}`).join(" | ");
    expect(parsePollForm(`Hỏi? | ${many}`)).toEqual({ ok: false, problems: [{ code: "too-many-options", count: 13, max: 12 }] });
    expect(parsePollForm("Hỏi? | Xe máy | xe  MÁY")).toEqual({
      ok: false,
      problems: [{ code: "option-duplicate", position: 2, label: "xe MÁY" }],
    });
    expect(parsePollForm("")).toEqual({
      ok: false,
      problems: [{ code: "question-empty" }, { code: "too-few-options", count: 0, min: 2 }],
    });
  });

  it("counts Vietnamese letters as one character each", () => {
    expect(parsePollForm(`${"ệ".repeat(300)} | A | B`).ok).toBe(true);
  });
});
