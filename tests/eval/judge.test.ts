import { describe, expect, it } from "vitest";
import { bestOverlapSentence, foldQuestion, holdsAnswer, holdsAny, matchForm } from "../../src/eval/judge.js";
import { isOfficialNumber } from "../../src/eval/measure.js";

describe("matchForm", () => {
  it("lower-cases, drops punctuation and places tone marks one way", () => {
    expect(matchForm("Hoà bình, THUỶ lợi!")).toBe(matchForm("hòa bình thủy lợi"));
  });

  it("writes numbers one way", () => {
    expect(matchForm("7.210 người, 05 ngày, 9.77%")).toBe("7210 người 5 ngày 9,77 %");
  });

  it("turns number words into digits", () => {
    expect(matchForm("mười tám tuổi")).toBe("18 tuổi");
    expect(matchForm("hai mươi mốt ngày")).toBe("21 ngày");
    expect(matchForm("ba mươi tư")).toBe("34");
    expect(matchForm("một trăm linh năm")).toBe("105");
    expect(matchForm("hai trăm ba mươi")).toBe("230");
    expect(matchForm("hai nghìn")).toBe("2000");
  });

  it("leaves a lone word that is also an ordinary word, unless a unit follows", () => {
    expect(matchForm("năm học")).toBe("năm học");
    expect(matchForm("ba mẹ")).toBe("ba mẹ");
    expect(matchForm("ba ngày")).toBe("3 ngày");
    expect(matchForm("năm năm")).toBe("5 năm");
  });

  it("reads phần trăm as %", () => {
    expect(matchForm("mười phần trăm")).toBe(matchForm("10%"));
  });
});

describe("holdsAnswer", () => {
  const sentence = "Người đủ mười tám tuổi trở lên là người thành niên, theo Điều 99.";

  it("finds the answer as whole words in any number writing", () => {
    expect(holdsAnswer(sentence, "18 tuổi")).toBe(true);
    expect(holdsAnswer(sentence, "Người thành niên")).toBe(true);
  });

  it("does not take part of a number or a word for the whole", () => {
    expect(holdsAnswer(sentence, "8 tuổi")).toBe(false);
    expect(holdsAnswer(sentence, "9")).toBe(false);
    expect(holdsAnswer("Phường Đông Thanh", "Đông Than")).toBe(false);
  });

  it("needs the diacritics of the answer: the answer text is the corpus's own", () => {
    expect(holdsAnswer("Mức phạt là 200.000 đồng", "200000 dong")).toBe(false);
    expect(holdsAnswer("Mức phạt là 200.000 đồng", "200000 đồng")).toBe(true);
  });

  it("takes a long piece of an answer longer than an answer may be", () => {
    const clause = (n: number) => `khoản ${n} quy định việc cấp giấy phép cho tổ chức, cá nhân có đủ điều kiện theo luật này`;
    const long = Array.from({ length: 8 }, (_, i) => clause(i + 1)).join("; ");
    expect(long.length).toBeGreaterThan(400);
    expect(holdsAnswer(`…${clause(2)}; ${clause(3)}; ${clause(4)}…`, long)).toBe(true);
    expect(holdsAnswer(`…${clause(2)}…`, long)).toBe(false);
    expect(holdsAnswer(`${clause(2)}; ${clause(3)}; ${clause(4)}`.replace("cấp", "thu hồi"), long)).toBe(false);
  });

  it("never holds an empty answer", () => {
    expect(holdsAnswer(sentence, " ... ")).toBe(false);
  });

  it("holds when any one of several answers holds", () => {
    expect(holdsAny(sentence, ["hai mươi tuổi", "Điều 99"])).toBe(true);
    expect(holdsAny(sentence, ["hai mươi tuổi", "Điều 98"])).toBe(false);
  });
});

describe("foldQuestion", () => {
  it("folds to ASCII with đ as d", () => {
    expect(foldQuestion("Đường đến Ủy ban phường Đông Lễ ở đâu?")).toBe("Duong den Uy ban phuong Dong Le o dau?");
  });
});

describe("bestOverlapSentence", () => {
  const text = "Chợ mở cửa từ sáu giờ sáng. Giá vé gửi xe máy là 3.000 đồng một lượt.\nXe đạp được gửi miễn phí.";

  it("picks the sentence sharing most words with the question, whatever the diacritics", () => {
    expect(bestOverlapSentence(text, "gia ve gui xe may bao nhieu")).toBe("Giá vé gửi xe máy là 3.000 đồng một lượt.");
  });

  it("never abstains while there is a sentence", () => {
    expect(bestOverlapSentence(text, "thời tiết")).toBe("Chợ mở cửa từ sáu giờ sáng.");
    expect(bestOverlapSentence("", "thời tiết")).toBeNull();
  });
});

describe("isOfficialNumber", () => {
  it("takes official numbers and leaves labels and codes", () => {
    for (const n of ["148/QĐ-UB", "21-KL/TW", "45/2019/QH14", "09/2005/TTg", "40-CT/ T.Ư"]) expect(isOfficialNumber(n), n).toBe(true);
    for (const n of ["3-Dario", "91025-TS", "1-Rafael/Nadal"]) expect(isOfficialNumber(n), n).toBe(false);
  });
});
