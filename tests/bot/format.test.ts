import { describe, expect, it } from "vitest";
import { boldFigure, htmlToPlain, prepareQuestion, splitEscaped } from "../../src/bot/format.js";
import { MESSAGE_MAX_CHARS, QUESTION_MAX_CHARS } from "../../src/text-limits.js";
import { parseTelegramHtml } from "../support/fake-bot-api.js";

describe("boldFigure", () => {
  it("bolds the figure after escaping the sentence", () => {
    expect(boldFigure("Có 7.210 đảng viên <mới>", "7.210")).toBe("Có <b>7.210</b> đảng viên &lt;mới&gt;");
  });

  it("bolds a figure that itself needs escaping", () => {
    const html = boldFigure("Tỷ lệ R&D đạt 5 < 6", "5 < 6");
    expect(html).toBe("Tỷ lệ R&amp;D đạt <b>5 &lt; 6</b>");
    expect(parseTelegramHtml(html)).toBe("Tỷ lệ R&D đạt 5 < 6");
  });

  it("leaves the text escaped when the figure is absent or not found", () => {
    expect(boldFigure("a < b", null)).toBe("a &lt; b");
    expect(boldFigure("a < b", "9")).toBe("a &lt; b");
  });
});

describe("prepareQuestion", () => {
  it("folds whitespace", () => {
    expect(prepareQuestion("  Đông Hà\n có   bao nhiêu ")).toBe("Đông Hà có bao nhiêu");
  });

  it("cuts very long messages at a word boundary", () => {
    const long = "đảng viên ".repeat(1000);
    const q = prepareQuestion(long);
    expect(q.length).toBeLessThanOrEqual(QUESTION_MAX_CHARS);
    expect(q).toMatch(/(đảng|viên)$/);
  });
});

describe("splitEscaped", () => {
  const sentence = "Điều một: Bộ luật này quy định địa vị pháp lý của cá nhân & pháp nhân <trong> quan hệ dân sự. ";

  it("keeps every part under the limit and the text whole", () => {
    const text = sentence.repeat(200) + "\n\n" + sentence.repeat(50);
    const parts = splitEscaped(text, MESSAGE_MAX_CHARS);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
      expect(() => parseTelegramHtml(part)).not.toThrow();
    }
    const rejoined = parts.map(parseTelegramHtml).join(" ").replace(/\s+/g, " ").trim();
    expect(rejoined).toBe(text.replace(/\s+/g, " ").trim());
  });

  it("breaks between sentences", () => {
    const parts = splitEscaped(sentence.repeat(100), 1000);
    for (const part of parts) expect(part.endsWith("dân sự.")).toBe(true);
  });

  it("never breaks inside a figure", () => {
    const parts = splitEscaped("Tổng số đảng viên 7.210 đồng chí. ".repeat(200), 1000);
    for (const part of parts) expect(part.replace(/Tổng số đảng viên 7\.210 đồng chí\.\s*/g, "")).toBe("");
  });

  it("splits a sentence with no end at spaces, never inside an entity", () => {
    const parts = splitEscaped("a&b ".repeat(3000), 500);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(500);
      expect(() => parseTelegramHtml(part)).not.toThrow();
    }
  });
});

describe("htmlToPlain", () => {
  it("shows bold as ANSI bold for a terminal only", () => {
    expect(htmlToPlain("có <b>7.210</b> người", { ansi: true })).toBe("có \u001b[1m7.210\u001b[22m người");
    expect(htmlToPlain("có <b>7.210</b> người")).toBe("có 7.210 người");
  });

  it("shows links with their address and decodes entities", () => {
    expect(htmlToPlain('<b>7.210</b> &amp; <a href="https://x.vn/?a=1&amp;b=2">Nguồn</a>')).toBe(
      "7.210 & Nguồn (https://x.vn/?a=1&b=2)",
    );
  });
});
