import { describe, expect, it } from "vitest";
import { MAX_ANSWER_CHARS, clipSentence, findFigures, splitPassages, splitSentences, wantsFigure } from "../../src/index/answer.js";

describe("splitSentences", () => {
  it("splits at sentence ends and line breaks, not inside numbers or abbreviations", () => {
    const parts = splitSentences("Có 7.210 đảng viên. TP.HCM có nhiều hơn.\nDòng mới").map((s) => s.text);
    expect(parts).toEqual(["Có 7.210 đảng viên.", "TP.HCM có nhiều hơn.", "Dòng mới"]);
  });

  it("keeps offsets into the text", () => {
    const text = "Câu một. Câu hai.";
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("reads a run-on sentence clause by clause", () => {
    const long = `${"Điều kiện thứ nhất là như sau; ".repeat(12)}cuối cùng.`;
    expect(splitSentences(long).length).toBeGreaterThan(5);
  });
});

describe("splitPassages", () => {
  it("keeps a short text whole and cuts a long one at paragraphs", () => {
    expect(splitPassages("Một đoạn ngắn.")).toEqual(["Một đoạn ngắn."]);
    const long = Array.from({ length: 10 }, (_, i) => `Đoạn ${i}: ${"chữ ".repeat(60)}`).join("\n");
    const passages = splitPassages(long);
    expect(passages.length).toBeGreaterThan(2);
    expect(passages.join("\n").replace(/\s+/g, " ")).toBe(long.replace(/\s+/g, " "));
  });
});

describe("findFigures", () => {
  it("finds the figure of the kind asked", () => {
    expect(findFigures("tăng 9,77% so với năm 2022", "percent").map((f) => f.text)).toEqual(["9,77%"]);
    expect(findFigures("thu ngân sách 361,503 tỷ đồng", "amount").map((f) => f.text)).toEqual(["361,503 tỷ đồng"]);
    expect(findFigures("không quá 08 giờ trong 01 ngày", "duration").map((f) => f.text)).toEqual(["08 giờ", "01 ngày"]);
  });

  it("reads number words", () => {
    expect(findFigures("người từ đủ mười tám tuổi trở lên", "count").map((f) => f.text)).toEqual(["mười tám tuổi"]);
  });

  it("does not take 'đồng chí' for money or a place for a person", () => {
    expect(findFigures("có 7.210 đồng chí", "amount")).toEqual([]);
    expect(findFigures("Ông Tướng thông báo với Hà Nội", "person").map((f) => f.text)).not.toContain("Hà Nội");
  });

  it("says which kinds want a figure", () => {
    expect(wantsFigure("count")).toBe(true);
    expect(wantsFigure("definition")).toBe(false);
  });
});

describe("clipSentence", () => {
  it("keeps a short sentence and cuts a long one around the focus", () => {
    expect(clipSentence("Ngắn.", 0, 1)).toBe("Ngắn.");
    const long = `${"phần đầu không liên quan, ".repeat(20)}tổng số đảng viên 7.210 đồng chí, ${"phần cuối, ".repeat(20)}`;
    const at = long.indexOf("7.210");
    const clipped = clipSentence(long, at, at + 5);
    expect(clipped.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(clipped).toContain("7.210");
  });
});
