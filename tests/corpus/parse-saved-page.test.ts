import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSavedPage } from "../../src/corpus/parse-saved-page.js";

const SEED = readFileSync(new URL("../fixtures/seed/dongha-2024-05-22-xay-dung-dang.txt", import.meta.url), "utf8");

describe("parseSavedPage on the real seed page", () => {
  const { docs, problems } = parseSavedPage(SEED, "seed/dongha-2024-05-22-xay-dung-dang.txt");
  const doc = docs[0]!;

  it("reads one news document without problems", () => {
    expect(problems).toEqual([]);
    expect(docs).toHaveLength(1);
    expect(doc.type).toBe("news");
    expect(doc.id).toBe("seed/dongha-2024-05-22-xay-dung-dang");
  });

  it("takes the headline, the site, and the time stamp as date and time", () => {
    expect(doc.title).toBe(
      "Phát huy truyền thống đoàn kết, thống nhất; tích cực tạo sự chuyển biến trong công tác xây dựng Đảng",
    );
    expect(doc.source).toBe("Thành ủy Đông Hà");
    expect(doc.date).toBe("2024-05-22");
    expect(doc.time).toBe("10:25");
  });

  it("keeps the article text and the photo caption in the body", () => {
    expect(doc.body).toContain("tổng số đảng viên 7.210 đồng chí");
    expect(doc.body).toContain("Đồng chí Lê Quang Chiến - UV BTV Tỉnh ủy, Bí thư Thành ủy Đông Hà");
    expect(doc.body).toContain("361,503 tỷ đồng");
    expect(doc.body.endsWith("đã đề ra./.")).toBe(true);
  });

  it("leaves the page chrome out of the body", () => {
    for (const chrome of ["Các tin khác", "VĂN BẢN MỚI", "THĂM DÒ Ý KIẾN", "0 người đã tham gia bình chọn", "bình chọn"]) {
      expect(doc.body).not.toContain(chrome);
    }
    expect(doc.body).not.toContain("Chi tiết tin");
    expect(doc.body).not.toContain("10:25, Thứ Tư");
  });
});

describe("parseSavedPage on other pages", () => {
  const page = (lines: string[]) => lines.join("\n");

  it("stops the body at the first side box and drops the headlines listed after it", () => {
    const { docs } = parseSavedPage(
      page([
        "Chi tiết tin - Thành ủy Đông Hà",
        "Tiêu đề",
        "07:05, Thứ Hai, 3-6-2024",
        "Đoạn một.",
        "Các tin khác",
        "Một tin khác về Đông Hà",
        "VĂN BẢN MỚI",
        "Quyết định 123/QĐ-UBND",
        "THĂM DÒ Ý KIẾN",
        "Bạn thấy trang này thế nào?",
        "1.234 người đã tham gia bình chọn",
      ]),
      "p.txt",
    );
    expect(docs[0]!.body).toBe("Đoạn một.");
    expect(docs[0]!.date).toBe("2024-06-03");
    expect(docs[0]!.time).toBe("07:05");
  });

  it("normalises look-alike Ð and combining accents at load", () => {
    const { docs } = parseSavedPage(
      page(["Chi tiết tin - Thành ủy \u00D0ông Hà", "Ðảng viên", "10:25, Thứ Tư, 22-5-2024", "Ðó là tha\u0300nh phô\u0301."]),
      "p.txt",
    );
    expect(docs[0]!.source).toBe("Thành ủy Đông Hà");
    expect(docs[0]!.title).toBe("Đảng viên");
    expect(docs[0]!.body).toBe("Đó là thành phố.");
  });
});
