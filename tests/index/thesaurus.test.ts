import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/index/engine.js";
import { foldDiacritics } from "../../src/index/normalize.js";
import { THESAURUS, inTextsWords } from "../../src/index/thesaurus.js";
import { doc } from "./fixtures.js";

describe("inTextsWords", () => {
  it("rewrites a citizen's phrase into the texts' phrase, with or without diacritics", () => {
    expect(inTextsWords("nghỉ phép năm được bao nhiêu ngày")).toBe("nghỉ hằng năm được bao nhiêu ngày");
    expect(inTextsWords("nghi phep nam duoc bao nhieu ngay")).toBe("nghỉ hằng năm duoc bao nhieu ngay");
  });

  it("leaves a question with none of the phrases alone", () => {
    expect(inTextsWords("Đông Hà có bao nhiêu đảng viên?")).toBeNull();
  });

  it("does not rewrite a phrase that is already the texts' one", () => {
    expect(inTextsWords("tiền lương làm thêm giờ")).toBeNull();
  });

  it("does not join syllables across punctuation", () => {
    expect(inTextsWords("làm, giấy tờ")).toBeNull();
  });
});

// Each entry, asked in the citizen's words, finds the one text that says it in the texts' words
// among texts that share the question's other words.
describe.each(THESAURUS.flatMap((entry) => entry.asked.map((asked) => ({ asked, texts: entry.texts }))))(
  "the entry $asked → $texts",
  ({ asked, texts }) => {
    const engine = createEngine([
      // The other text comes first, so that a tie (the entry not applied) would rank it first.
      doc("other", "Quy định khác", "Theo quy định, việc khác được hướng dẫn cụ thể tại văn bản này."),
      doc("right", "Quy định chung", `Theo quy định, ${texts} được hướng dẫn cụ thể tại văn bản này.`),
    ]);
    it("finds the text in the texts' words", () => {
      expect(engine.ask(`quy định về ${asked}`).hits[0]?.docId).toBe("right");
    });
    it("finds it asked without diacritics", () => {
      expect(engine.ask(foldDiacritics(`quy định về ${asked}`)).hits[0]?.docId).toBe("right");
    });
  },
);
