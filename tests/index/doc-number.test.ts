import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { docNumberKey, findDocNumbers } from "../../src/index/doc-number.js";

const mentions = readFileSync(new URL("../fixtures/doc-number-mentions.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { number: string; context: string });

describe("findDocNumbers", () => {
  it("recognises every real mention in running text", () => {
    const missed = mentions.filter((m) => !findDocNumbers(m.context).some((f) => f.key === docNumberKey(m.number)));
    expect(missed.map((m) => m.number)).toEqual([]);
    expect(mentions.length).toBeGreaterThan(2000);
  });

  it("normalises party-style spellings", () => {
    expect(findDocNumbers("Chỉ thị 40-CT/ T.Ư của Ban Bí thư")[0]!.key).toBe("40-CT/TW");
    expect(findDocNumbers("theo Quyết định số31-QĐ/TW")[0]!.key).toBe("31-QĐ/TW");
  });

  it("keeps ĐA (đề án) and DA (dự án) apart", () => {
    const keys = findDocNumbers("Đề án 12/ĐA-UBND và dự án 12/DA-UBND").map((m) => m.key);
    expect(keys).toEqual(["12/ĐA-UBND", "12/DA-UBND"]);
  });

  it("reads numbers typed in lower case in questions", () => {
    expect(findDocNumbers("kết luận 21-kl/tw là gì", { question: true })[0]!.key).toBe("21-KL/TW");
    expect(findDocNumbers("quyết định 123/qđ-ubnd", { question: true })[0]!.folded).toBe("123/QD-UBND");
  });

  it("does not take dates, ranges or list numbers for document numbers", () => {
    expect(findDocNumbers("ngày 22-5-2024, nhiệm kỳ 2020-2025, tỷ lệ 1/2000, mục 2/ Chồng")).toEqual([]);
    expect(findDocNumbers("tăng 2-3 lần, năm 2-ngày", { question: true })).toEqual([]);
  });
});
