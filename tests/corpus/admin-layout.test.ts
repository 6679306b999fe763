import { describe, expect, it } from "vitest";
import { parseAdminLayout, reflow } from "../../src/corpus/admin-layout.js";

// The layouts of Nghị định 30/2020/NĐ-CP, as text extraction gives them: the two header columns on their own lines,
// or joined on one line (PDF text layers and OCR do both).
const DECISION_LINES = [
  "ỦY BAN NHÂN DÂN",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "THÀNH PHỐ ĐÔNG HÀ",
  "Độc lập - Tự do - Hạnh phúc",
  "Số: 123/QĐ-UBND",
  "Đông Hà, ngày 12 tháng 3 năm 2024",
  "QUYẾT ĐỊNH",
  "Về việc phê duyệt kế hoạch chỉnh trang đô thị",
  "năm 2024",
  "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ",
  "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
  "QUYẾT ĐỊNH:",
  "Điều 1. Phê duyệt kế hoạch chỉnh trang đô thị năm 2024 với tổng kinh phí 7.210 triệu",
  "đồng.",
  "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
  "Nơi nhận:",
  "KT. CHỦ TỊCH",
  "- Như Điều 2;",
  "PHÓ CHỦ TỊCH",
  "- Lưu: VT.",
  "Lê Văn Bình",
];

describe("parseAdminLayout", () => {
  it("reads a decision's issuer, number, place, date, kind, summary and signer", () => {
    const { meta, body } = parseAdminLayout(DECISION_LINES.join("\n"));
    expect(meta).toEqual({
      issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ",
      number: "123/QĐ-UBND",
      kind: "Quyết định",
      title: "Quyết định về việc phê duyệt kế hoạch chỉnh trang đô thị năm 2024",
      summary: "Về việc phê duyệt kế hoạch chỉnh trang đô thị năm 2024",
      place: "Đông Hà",
      date: "2024-03-12",
      signer: "Lê Văn Bình",
    });
    expect(body.split("\n")).toEqual([
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
      "QUYẾT ĐỊNH:",
      "Điều 1. Phê duyệt kế hoạch chỉnh trang đô thị năm 2024 với tổng kinh phí 7.210 triệu đồng.",
      "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
    ]);
  });

  it("reads the same decision with the columns joined on one line", () => {
    const joined = [
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "THÀNH PHỐ ĐÔNG HÀ Độc lập - Tự do - Hạnh phúc",
      "Số: 123/QĐ-UBND Đông Hà, ngày 12 tháng 3 năm 2024",
      ...DECISION_LINES.slice(6, 15),
      "Nơi nhận: KT. CHỦ TỊCH",
      "- Như Điều 2; PHÓ CHỦ TỊCH",
      "- Lưu: VT. Lê Văn Bình",
    ];
    const { meta, body } = parseAdminLayout(joined.join("\n"));
    expect(meta).toMatchObject({ issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ", number: "123/QĐ-UBND", date: "2024-03-12", place: "Đông Hà", signer: "Lê Văn Bình" });
    expect(body).not.toContain("Nơi nhận");
    expect(body).not.toContain("PHÓ CHỦ TỊCH");
  });

  it("reads a party document's number and date under its own header", () => {
    const text = [
      "BAN CHẤP HÀNH TRUNG ƯƠNG",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "*",
      "Số 21-KL/TW",
      "Hà Nội, ngày 25 tháng 10 năm 2021",
      "KẾT LUẬN",
      "HỘI NGHỊ LẦN THỨ TƯ BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII",
      "về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
      "Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII đã thảo luận và kết luận.",
      "T/M BAN CHẤP HÀNH TRUNG ƯƠNG",
      "TỔNG BÍ THƯ",
      "(Đã ký)",
      "Nguyễn Phú Trọng",
    ].join("\n");
    const { meta, body } = parseAdminLayout(text);
    expect(meta).toMatchObject({ issuer: "BAN CHẤP HÀNH TRUNG ƯƠNG", number: "21-KL/TW", kind: "Kết luận", date: "2021-10-25", place: "Hà Nội", signer: "Nguyễn Phú Trọng" });
    expect(meta.title).toBe("Kết luận hội nghị lần thứ tư ban chấp hành trung ương đảng khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị");
    expect(body).toBe("Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII đã thảo luận và kết luận.");
  });

  it("reads an official letter's subject from its V/v line", () => {
    const text = ["UBND THÀNH PHỐ ĐÔNG HÀ", "Số: 45/UBND-VP", "V/v tổ chức Ngày hội đại đoàn kết", "Đông Hà, ngày 2 tháng 11 năm 2023", "Kính gửi: Các phường.", "Đề nghị các phường tổ chức chu đáo."].join("\n");
    const { meta } = parseAdminLayout(text);
    expect(meta).toMatchObject({ kind: "Công văn", number: "45/UBND-VP", title: "Về việc tổ chức Ngày hội đại đoàn kết", date: "2023-11-02", issuer: "UBND THÀNH PHỐ ĐÔNG HÀ" });
  });

  it("guesses nothing from a text that is not laid out as a document", () => {
    const { meta, body } = parseAdminLayout("Sáng 22-5, Thành ủy Đông Hà tổ chức hội nghị.\nĐồng chí Bí thư phát biểu.");
    expect(Object.values(meta).every((v) => v === null)).toBe(true);
    expect(body).toBe("Sáng 22-5, Thành ủy Đông Hà tổ chức hội nghị.\nĐồng chí Bí thư phát biểu.");
  });
});

describe("reflow", () => {
  it("joins wrapped lines and keeps headings and list items on their own", () => {
    expect(reflow(["Điều 112. Nghỉ lễ, tết", "1. Người lao động được nghỉ làm việc, hưởng nguyên lương trong những", "ngày lễ, tết sau đây:", "a) Tết Dương lịch: 01 ngày;", "b) Tết Âm lịch: 05 ngày;"])).toBe(
      "Điều 112. Nghỉ lễ, tết\n1. Người lao động được nghỉ làm việc, hưởng nguyên lương trong những ngày lễ, tết sau đây:\na) Tết Dương lịch: 01 ngày;\nb) Tết Âm lịch: 05 ngày;",
    );
  });
});
