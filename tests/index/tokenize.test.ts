import { describe, expect, it } from "vitest";
import { pairHash, tokenize, wordForms } from "../../src/index/tokenize.js";

describe("tokenize", () => {
  it("keeps Vietnamese numbers whole and canonical", () => {
    const tokens = tokenize("7.210 đảng viên, 361,503 tỷ đồng");
    expect(tokens.map((t) => t.canon)).toEqual(["7210", "đảng", "viên", "361,503", "tỉ", "đồng"]);
    expect(tokens[3]!.wholeHash).toBe(wordForms("361", "number").foldedHash);
  });

  it("gives each syllable its folded and accented forms", () => {
    const [t] = tokenize("Đường");
    expect(t!.folded).toBe("duong");
    expect(t!.accentHash).not.toBe(0);
    expect(tokenize("duong")[0]!.accentHash).toBe(0);
    expect(t!.foldedHash).toBe(tokenize("duong")[0]!.foldedHash);
  });

  it("puts one tone-mark placement on every spelling", () => {
    expect(tokenize("hoà thuỷ")[0]!.canon).toBe(tokenize("hòa thủy")[0]!.canon);
  });

  it("marks punctuation as a break, so no syllable pair spans it", () => {
    const tokens = tokenize("Đông, Hà");
    expect(tokens[1]!.breakBefore).toBe(true);
    expect(tokenize("Đông Hà")[1]!.breakBefore).toBe(false);
  });

  it("reads number words as their digits too", () => {
    expect(tokenize("một tháng")[0]!.wholeHash).toBe(wordForms("1", "number").foldedHash);
  });

  it("hashes a pair by its folded syllables", () => {
    const [a, b] = tokenize("Đông Hà");
    const [c, d] = tokenize("dong ha");
    expect(pairHash(a!, b!)).toBe(pairHash(c!, d!));
  });
});
