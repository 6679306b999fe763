import { describe, expect, it } from "vitest";
import { splitNewsHeadline } from "../../scripts/news-headline.js";

// Real openings of VNTC items (Người Lao Động, Thanh Niên, VnExpress), shortened.
describe("splitNewsHeadline", () => {
  it("cuts a Người Lao Động headline at the dateline and drops the dateline", () => {
    const text = "Bom nổ dưới giường ngủ, 5 người thoát chết (NLĐ)- Lúc 8 giờ ngày 29-3, tại thôn Hà My, xã Triệu Hòa.";
    expect(splitNewsHeadline("x", "nld.com.vn", text.slice(0, 60), text)).toEqual({
      title: "Bom nổ dưới giường ngủ, 5 người thoát chết",
      body: "Lúc 8 giờ ngày 29-3, tại thôn Hà My, xã Triệu Hòa.",
    });
  });

  it("keeps a photo caption before the dateline in the body", () => {
    const text =
      "Quảng Trị: Dựng lại cột cờ Hiền Lương ở sông Bến Hải Cột cờ Hiền Lương được dựng lại sau gần 40 năm bị sập (NLĐ) - Đúng 8 giờ sáng 24-4, UBND tỉnh Quảng Trị đã tổ chức dựng lại cột cờ.";
    const split = splitNewsHeadline("vntc-train-XH_NLD_4229", "nld.com.vn", text.slice(0, 300), text);
    expect(split.title).toBe("Quảng Trị: Dựng lại cột cờ Hiền Lương ở sông Bến Hải");
    expect(split.body).toBe("Cột cờ Hiền Lương được dựng lại sau gần 40 năm bị sập\nĐúng 8 giờ sáng 24-4, UBND tỉnh Quảng Trị đã tổ chức dựng lại cột cờ.");
  });

  it("cuts a headline without dateline where a new sentence starts", () => {
    const text = "Rau trên đá, đặc sản của tỉnh Quảng Trị Tại xã Gio An có tổng diện tích trồng rau xà lách xoong chừng 10 ha. Năm nay bị lũ cuốn trôi chỉ còn lại 2,5 ha rau sạch.";
    expect(splitNewsHeadline("x", "nld.com.vn", text.slice(0, 300), text).title).toBe("Rau trên đá, đặc sản của tỉnh Quảng Trị");
  });

  it("titles a Thanh Niên item by the first sentence of its lead, shortened on a word", () => {
    const text = "Ông là Đoàn Văn Líu ở số nhà 30, ngõ 241, phố Khâm Thiên, Hà Nội. Chúng tôi tìm đến nhà ông.";
    expect(splitNewsHeadline("x", "thanhnien.vn", text, text)).toEqual({ title: "Ông là Đoàn Văn Líu ở số nhà 30, ngõ 241, phố Khâm Thiên, Hà Nội", body: text });
    const long = `${"Trong khuôn khổ chuyến hành trình xuyên Việt ".repeat(4)}của đoàn.`;
    const title = splitNewsHeadline("x", "thanhnien.vn", long, long).title;
    expect(title.endsWith("…")).toBe(true);
    expect(title.length).toBeLessThanOrEqual(111);
  });

  it("takes the first line as headline for VnExpress and Tuổi Trẻ", () => {
    expect(splitNewsHeadline("x", "vnexpress.net", "Tour du lịch DMZ đông khách", "Tour du lịch DMZ đông khách\nÔng Ngô Khôn Dũng cho biết.")).toEqual({
      title: "Tour du lịch DMZ đông khách",
      body: "Ông Ngô Khôn Dũng cho biết.",
    });
  });
});
