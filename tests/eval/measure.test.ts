import { describe, expect, it } from "vitest";
import type { DevQuestion } from "../../src/eval/dev-sets.js";
import { findOccurrences, keepUnanswerable, measureAnswered, measureNumbers, measureUnanswerable } from "../../src/eval/measure.js";
import { createEngine } from "../../src/index/engine.js";
import type { CorpusDoc } from "../../src/index/types.js";

const doc = (id: string, title: string, body: string): CorpusDoc => ({
  id, type: "document", title, body, date: null, url: null, number: null, issuer: null, source: null, tags: [],
});

// Made-up texts: a market's rules, a library's rules, and a notice that cites an official number.
const DOCS = [
  doc("cho", "Nội quy chợ Phường Năm", "Chợ mở cửa lúc năm giờ sáng. Phí gửi xe máy tại chợ là 3.000 đồng một lượt."),
  doc("thu-vien", "Nội quy thư viện phường", "Thư viện cho mượn tối đa bảy cuốn sách. Thẻ thư viện được cấp trong hai ngày làm việc."),
  doc("thong-bao", "Thông báo lịch tiếp dân", "Thực hiện Quyết định số 77/QĐ-UBND, lịch tiếp dân chuyển sang sáng thứ Ba hằng tuần."),
];

const question = (id: string, text: string, answers: string[], goldIds: string[]): DevQuestion => ({ id, question: text, answers, goldIds, judged: true });

describe("measureAnswered", () => {
  it("counts each question in both forms and fails what it cannot find", () => {
    const engine = createEngine(DOCS);
    const report = measureAnswered("made-up", engine, [
      question("q1", "Phí gửi xe máy tại chợ là bao nhiêu?", ["3.000 đồng"], ["cho"]),
      question("q2", "Thư viện cho mượn tối đa mấy cuốn sách?", ["ba mươi cuốn"], ["thu-vien"]),
    ], []);
    expect(report.rows.map((r) => r.label)).toEqual(["accented", "plain"]);
    for (const row of report.rows) {
      expect(row.metrics.top1).toEqual({ hit: 2, of: 2 });
      expect(row.metrics.holds!.of).toBe(2);
      expect(row.metrics.holds!.hit).toBeLessThanOrEqual(1);
    }
    expect(report.failures.some((f) => f.expected === "ba mươi cuốn")).toBe(true);
  });
});

describe("measureUnanswerable", () => {
  it("skips a question whose answer occurs in another text, and leaves the engine as it was", () => {
    const engine = createEngine(DOCS);
    const held = [
      { source: "legal" as const, question: question("a", "Thẻ thư viện được cấp trong bao lâu?", ["hai ngày làm việc"], ["thu-vien"]), remove: ["thu-vien"], present: [] },
      { source: "legal" as const, question: question("b", "Chợ mở cửa lúc mấy giờ?", ["77"], ["cho"]), remove: ["cho"], present: [] },
    ];
    const occurrences = findOccurrences(DOCS, held.flatMap((h) => h.question.answers));
    const { kept, skipped } = keepUnanswerable(held, occurrences);
    expect(kept.map((h) => h.question.id)).toEqual(["a"]);
    expect(skipped.legal).toBe(1);
    const report = measureUnanswerable(engine, held, occurrences, []);
    expect(report.rows[0]!.metrics.nullAbsent!.of).toBe(1);
    expect(engine.size).toBe(DOCS.length);
    expect(engine.get("thu-vien")?.body).toBe(DOCS[1]!.body);
  });
});

describe("measureNumbers", () => {
  it("asks every form of each official number found in body text", () => {
    const engine = createEngine(DOCS);
    const report = measureNumbers(engine, DOCS, 10, []);
    expect(report.questions).toBe(1);
    expect(report.rows).toHaveLength(5);
    for (const row of report.rows) expect(row.metrics.topHolds!.of).toBe(1);
  });
});
