import { describe, expect, it } from "vitest";
import { canonicalSyllable, canonicalText, foldDiacritics, foldedText, normalizeText } from "../../src/index/normalize.js";

describe("normalizeText", () => {
  it("composes to NFC and lower-cases", () => {
    expect(normalizeText("Đa\u0300ng")).toBe("đàng");
  });

  it("replaces the look-alike Ð (U+00D0) with Đ", () => {
    expect(normalizeText("\u00d0ó là")).toBe("đó là");
  });
});

describe("foldDiacritics", () => {
  it("folds đ to d and drops every mark", () => {
    expect(foldDiacritics("Đảng viên đường dương đương")).toBe("Dang vien duong duong duong");
  });

  it("folds the look-alike Ð too", () => {
    expect(foldDiacritics("\u00d0ông Hà")).toBe("Dong Ha");
  });
});

describe("canonicalSyllable", () => {
  it.each([
    ["hoà", "hòa"],
    ["thuỷ", "thủy"],
    ["khoẻ", "khỏe"],
    ["uỷ", "ủy"],
    ["qúy", "quý"],
    ["tòan", "toàn"],
  ])("spells %s and %s the same", (a, b) => {
    expect(canonicalSyllable(a)).toBe(canonicalSyllable(b));
  });

  it("keeps syllables whose tone has one place", () => {
    for (const s of ["được", "người", "quốc", "giữa", "chuyện", "huỳnh", "tuổi"]) expect(canonicalSyllable(s)).toBe(s);
  });

  it("keeps bàn, bán and bạn apart", () => {
    const forms = new Set(["bàn", "bán", "bạn"].map(canonicalSyllable));
    expect(forms.size).toBe(3);
  });
});

describe("canonicalText and foldedText", () => {
  it("match old and new spellings in running text", () => {
    expect(canonicalText("Uỷ ban Thuỷ lợi")).toBe(canonicalText("Ủy ban Thủy lợi"));
  });

  it("match a keyword typed without diacritics", () => {
    expect(foldedText("Quy hoạch phân khu")).toContain(foldedText("quy hoach"));
  });
});

describe("final i and y", () => {
  it("matches lý and lí, kỹ and kĩ, tỷ and tỉ, typed with or without diacritics", () => {
    expect(canonicalSyllable("lý")).toBe(canonicalSyllable("lí"));
    expect(canonicalSyllable("kỹ")).toBe(canonicalSyllable("kĩ"));
    expect(canonicalSyllable("tỷ")).toBe("tỉ");
    expect(canonicalSyllable("ly")).toBe(canonicalSyllable("li"));
  });

  it("keeps the y of quy and of a lone y", () => {
    expect(canonicalSyllable("quý")).toBe("quý");
    expect(canonicalSyllable("ý")).toBe("ý");
    expect(foldDiacritics(canonicalSyllable("thủy"))).toBe("thuy");
  });
});
