import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/corpus/parse-date.js";
import { canonicalNumber, findDates, numberValue } from "../../src/index/numbers.js";
import { tokenize } from "../../src/index/tokenize.js";

describe("canonicalNumber", () => {
  it("reads the dot as a thousands separator", () => {
    expect(canonicalNumber("7.210")).toBe("7210");
    expect(canonicalNumber("1.250")).toBe("1250");
    expect(numberValue("2.085.000")).toBe(2085000);
  });

  it("reads the comma as the decimal mark", () => {
    expect(canonicalNumber("361,503")).toBe("361,503");
    expect(numberValue("9,77")).toBeCloseTo(9.77);
  });

  it("drops leading zeros so 08 giờ matches 8 giờ", () => {
    expect(canonicalNumber("08")).toBe("8");
    expect(canonicalNumber("0")).toBe("0");
  });
});

describe("tokenize with numbers", () => {
  it("makes 7210 and 7.210 the same term", () => {
    const [a] = tokenize("7210");
    const [b] = tokenize("tổng số đảng viên 7.210 đồng chí").filter((t) => t.kind === "number");
    expect(a!.foldedHash).toBe(b!.foldedHash);
  });

  it("lets a decimal match its whole part", () => {
    const [whole] = tokenize("361");
    const [decimal] = tokenize("361,503 tỷ đồng");
    expect(decimal!.wholeHash).toBe(whole!.foldedHash);
  });

  it("keeps 9,77% one number", () => {
    expect(tokenize("tăng 9,77% so với").filter((t) => t.kind === "number").map((t) => t.canon)).toEqual(["9,77"]);
  });
});

describe("dates", () => {
  it("parses the forms Vietnamese texts use", () => {
    expect(parseDate("22-5-2024")).toBe("2024-05-22");
    expect(parseDate("25/10/2021")).toBe("2021-10-25");
    expect(parseDate("31-2-2024")).toBeNull();
  });

  it("finds dates in running text", () => {
    const found = findDates("Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành; công văn ngày 16-3-2005");
    expect(found.map((d) => d.iso)).toEqual(["2021-10-25", "2005-03-16"]);
  });
});
