import { describe, expect, it } from "vitest";
import { constraintText, meets, questionConstraints, unmet, type Constraint } from "../../src/index/constraints.js";
import { analyzeQuestion } from "../../src/index/question.js";
import { tokenize } from "../../src/index/tokenize.js";

const constraintsOf = (q: string) => questionConstraints(analyzeQuestion(q)).map((c) => `${c.kind}:${c.folded.join(" ")}`);
const textOf = (body: string, date: string | null = null, number: string | null = null) =>
  constraintText(body.split(/(?<=\.)\s+/).map((s) => tokenize(s)), date, [body], number);
const first = (q: string): Constraint => questionConstraints(analyzeQuestion(q))[0]!;

describe("questionConstraints", () => {
  it("finds a place from the gazetteer, with or without diacritics", () => {
    expect(constraintsOf("Đông Hà có bao nhiêu trường học?")).toEqual(["place:dong ha"]);
    expect(constraintsOf("dong ha co bao nhieu truong hoc")).toEqual(["place:dong ha"]);
  });

  it("finds a place after an administrative unit word, a ward number included", () => {
    expect(constraintsOf("Lịch cắt điện ở phường 5 tuần này")).toContain("place:phuong 5");
    expect(constraintsOf("Chủ tịch xã Triệu Ái là ai?")).toContain("place:trieu ai");
  });

  it("finds a named law and leaves 'pháp luật' and 'luật sư' alone", () => {
    expect(constraintsOf("Theo Luật Du lịch, hợp đồng lữ hành có phải lập thành văn bản?")).toContain("law:luat du lich");
    expect(constraintsOf("theo bo luat lao dong thi nghi hang nam bao nhieu ngay")).toContain("law:luat lao dong");
    expect(constraintsOf("quy định của pháp luật về luật sư")).toEqual([]);
  });

  it("finds an article, a person, an official number and a year", () => {
    expect(constraintsOf("Điều 6 của Luật Tiếp cận thông tin nói gì?")).toContain("article:dieu 6");
    expect(constraintsOf("Ông Lê Quang Chiến giữ chức vụ gì?")).toContain("person:le quang chien");
    expect(constraintsOf("Kết luận 21-KL/TW là gì")).toContain("number:21-KL/TW");
    expect(constraintsOf("Năm 2023 Đông Hà kết nạp bao nhiêu đảng viên?")).toContain("year:2023");
  });

  it("finds nothing in a question that pins nothing down", () => {
    expect(constraintsOf("nghỉ hằng năm được bao nhiêu ngày")).toEqual([]);
  });
});

describe("meets", () => {
  it("does not take Đông Anh or Hà Nội for Đông Hà", () => {
    const c = first("Đông Hà có bao nhiêu trường học?");
    expect(meets(c, textOf("Huyện Đông Anh có 30 trường học. Hà Nội có nhiều trường."))).toBe(false);
    expect(meets(c, textOf("Thành phố Đông Hà có 30 trường học."))).toBe(true);
  });

  it("matches a place typed with diacritics exactly and one typed without by its folded form", () => {
    expect(meets(first("Đông Hà có gì?"), textOf("Đồng Hà là tên khác."))).toBe(false);
    expect(meets(first("dong ha co gi"), textOf("Đồng Hà là tên khác."))).toBe(true);
  });

  it("meets a year by the date or the text, and a number by the number field or a citation", () => {
    const year = questionConstraints(analyzeQuestion("kết quả năm 2023")).find((c) => c.kind === "year")!;
    expect(meets(year, textOf("Báo cáo tổng kết.", "2023-12-30"))).toBe(true);
    expect(meets(year, textOf("Trong năm 2023 thành phố phát triển.", "2024-05-22"))).toBe(true);
    expect(meets(year, textOf("Báo cáo tổng kết.", "2024-05-22"))).toBe(false);
    const number = first("08-NQ/TW là văn bản gì?");
    expect(meets(number, textOf("Thực hiện Nghị quyết số 08-NQ/TW của Bộ Chính trị."))).toBe(true);
    expect(meets(number, textOf("Nội dung khác.", null, "08-NQ/TW"))).toBe(true);
    expect(meets(number, textOf("Thực hiện Nghị quyết số 18-NQ/TW."))).toBe(false);
  });

  it("lists the constraints a text does not meet", () => {
    const cs = questionConstraints(analyzeQuestion("Năm 2023 Đông Hà kết nạp bao nhiêu đảng viên?"));
    expect(unmet(cs, textOf("Đông Hà kết nạp 175 đảng viên.", "2024-01-01")).map((c) => c.kind)).toEqual(["year"]);
  });
});
