import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/index/engine.js";
import { countsFocus } from "../../src/index/find-answer.js";
import { doc } from "./fixtures.js";

const at = (text: string, figure: string) => {
  const start = text.indexOf(figure);
  return { start, end: start + figure.length };
};
const focus = (word: string) => new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, "gu");

describe("countsFocus", () => {
  it("accepts a numeral right before what it counts, a classifier between", () => {
    const text = "đảng bộ có 67 tổ chức cơ sở đảng, gồm 16 đảng bộ và 51 chi bộ cơ sở";
    expect(countsFocus(text, at(text, "51"), focus("chi bộ"))).toBe(true);
    expect(countsFocus("thành phố có 3 ngôi trường mới", at("thành phố có 3 ngôi trường mới", "3"), focus("trường"))).toBe(true);
  });

  it("accepts a figure after what it counts in the same clause", () => {
    const text = "với tổng số đảng viên 7.210 đồng chí";
    expect(countsFocus(text, at(text, "7.210"), focus("đảng viên"))).toBe(true);
  });

  it("rejects a numeral that counts another noun", () => {
    const text = "phổ cập giáo dục ở 23 xã vùng khó khăn ở các huyện miền núi";
    expect(countsFocus(text, at(text, "23"), focus("huyện"))).toBe(false);
    const fish = "huyện a lưới đã có 30 hồ cá nước ngọt bị trôi";
    expect(countsFocus(fish, at(fish, "30"), focus("huyện"))).toBe(false);
  });

  it("rejects a figure with a unit of its own", () => {
    const text = "người chưa đủ mười lăm tuổi trong thời gian trường học trực tiếp quản lý";
    expect(countsFocus(text, at(text, "mười lăm tuổi"), focus("trường học"))).toBe(false);
  });

  it("rejects a figure across a clause boundary or another number", () => {
    const text = "có 5 xã; trường học mới";
    expect(countsFocus(text, at(text, "5"), focus("trường học"))).toBe(false);
  });
});

describe("the answer", () => {
  const labour = doc(
    "113",
    "Điều 113. Nghỉ hằng năm",
    "1. Người lao động làm việc đủ 12 tháng cho một người sử dụng lao động thì được nghỉ hằng năm, hưởng nguyên lương theo hợp đồng lao động như sau:\n" +
      "a) 12 ngày làm việc đối với người làm công việc trong điều kiện bình thường;\n" +
      "b) 14 ngày làm việc đối với người lao động chưa thành niên;\n" +
      "2. Khi nghỉ hằng năm, nếu người lao động đi bằng các phương tiện đường bộ mà số ngày đi đường cả đi và về trên 02 ngày thì từ ngày thứ 03 trở đi được tính thêm thời gian đi đường.",
    { type: "document", source: "Bộ luật Lao động 2019" },
  );

  it("states the rule from the list item read with its lead-in, not the special case", () => {
    const answer = createEngine([labour]).ask("nghỉ hằng năm được bao nhiêu ngày").answer;
    expect(answer?.figure).toBe("12 ngày làm việc");
    expect(answer?.text).toContain("được nghỉ hằng năm");
  });

  it("answers a citizen's wording through the thesaurus", () => {
    expect(createEngine([labour]).ask("nghỉ phép năm được mấy ngày").answer?.figure).toBe("12 ngày làm việc");
  });

  it("gives no answer when the place asked is not the text's", () => {
    const engine = createEngine([doc("anh", "Giáo dục Đông Anh", "Huyện Đông Anh có 30 trường học đạt chuẩn quốc gia.")]);
    expect(engine.ask("Đông Hà có bao nhiêu trường học?").answer).toBeNull();
    expect(engine.ask("Đông Anh có bao nhiêu trường học?").answer?.figure).toBe("30");
  });

  it("puts a text citing the official number asked before texts that share the question's other words", () => {
    const engine = createEngine([
      doc("generic", "Văn bản là gì", "Văn bản là gì? Văn bản là phương tiện ghi tin. Nội dung văn bản gồm nhiều phần."),
      doc("cites", "Học tập nghị quyết", "Thành ủy quán triệt Nghị quyết số 49-NQ/TW về chiến lược cải cách tư pháp."),
    ]);
    expect(engine.ask("49-NQ/TW là văn bản gì?").hits[0]?.docId).toBe("cites");
    expect(engine.ask("so 49-nq/tw").hits[0]?.docId).toBe("cites");
  });
});
