import { describe, expect, it } from "vitest";
import { analyzeQuestion, expandShorthand } from "../../src/index/question.js";

const content = (q: string) => {
  const a = analyzeQuestion(q);
  return a.content.map((i) => a.tokens[i]!.canon).join(" ");
};

describe("analyzeQuestion", () => {
  it("takes question words out of the search and says what kind of answer is wanted", () => {
    const a = analyzeQuestion("Đông Hà có bao nhiêu đảng viên?");
    expect(a.kind).toBe("count");
    expect(a.focus).toEqual(["dang", "vien"]);
    expect(content("Đông Hà có bao nhiêu đảng viên?")).toBe("đông hà có đảng viên");
  });

  it("reads the unit asked", () => {
    expect(analyzeQuestion("một ngày làm việc mấy tiếng").unit).toBe("gio");
    expect(analyzeQuestion("thủ tục mất bao lâu").kind).toBe("duration");
  });

  it("tells amounts, percentages, people, places and dates apart", () => {
    expect(analyzeQuestion("lệ phí cấp giấy phép là bao nhiêu").kind).toBe("amount");
    expect(analyzeQuestion("tăng trưởng bao nhiêu phần trăm").kind).toBe("percent");
    expect(analyzeQuestion("Bí thư Thành ủy là ai?").kind).toBe("person");
    expect(analyzeQuestion("nộp hồ sơ ở đâu").kind).toBe("place");
    expect(analyzeQuestion("khi nào khởi công").kind).toBe("date");
  });

  it("finds official numbers, the year and a wish for the latest", () => {
    const a = analyzeQuestion("Kết luận 21-kl/tw năm 2021 mới nhất");
    expect(a.docNumbers.map((m) => m.key)).toEqual(["21-KL/TW"]);
    expect(a.year).toBe(2021);
    expect(a.wantsLatest).toBe(true);
    expect(a.kind).toBe("document");
  });

  it("keeps 'may' typed without diacritics as a word unless a count is plausible", () => {
    expect(analyzeQuestion("may det xuat khau").focus).toEqual([]);
    expect(analyzeQuestion("nghi may ngay").kind).toBe("duration");
  });

  it("rewrites chat shorthand", () => {
    expect(expandShorthand("cty ko dc tra luong")).toBe("công ty không được tra luong");
    expect(expandShorthand("tp Đông Hà")).toBe("thành phố Đông Hà");
  });
});
