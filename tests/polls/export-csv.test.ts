import { describe, expect, it } from "vitest";
import { exportResultsCsv, type CsvTexts } from "../../src/polls/export-csv.js";

const texts: CsvTexts = {
  section: { totals: "Kết quả", votes: "Phiếu" },
  totals: { position: "STT", option: "Phương án", count: "Số phiếu", percent: "Tỷ lệ (%)" },
  votes: { userId: "Mã người dùng", name: "Tên", option: "Lựa chọn", votedAt: "Thời gian (UTC)" },
  participants: "Số người tham gia",
};
const results = { question: "Hỏi?", options: ["Xe máy, xe đạp", "Xe buýt"], counts: [2, 1], participants: 3 };

describe("exportResultsCsv", () => {
  it("starts with a BOM and writes totals with CRLF line ends", () => {
    const csv = exportResultsCsv(results, null, texts);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "Kết quả",
      "STT,Phương án,Số phiếu,Tỷ lệ (%)",
      '1,"Xe máy, xe đạp",2,66.7',
      "2,Xe buýt,1,33.3",
      "Số người tham gia,,3,",
      "",
    ]);
  });

  it("adds one row per vote for named polls", () => {
    const csv = exportResultsCsv(
      results,
      [{ userId: 5, name: "Lê Thị Hoa", position: 0, label: "Xe máy, xe đạp", votedAt: new Date("2026-11-26T08:00:00Z") }],
      texts,
    );
    expect(csv.split("\r\n").slice(5)).toEqual([
      "",
      "Phiếu",
      "Mã người dùng,Tên,Lựa chọn,Thời gian (UTC)",
      '5,Lê Thị Hoa,"Xe máy, xe đạp",2026-11-26T08:00:00.000Z',
      "",
    ]);
  });

  it("keeps a name or label that starts like a formula as plain text", () => {
    const csv = exportResultsCsv(
      { ...results, options: ["=1+1", "Xe buýt"] },
      [{ userId: 6, name: '=HYPERLINK("http://x","bấm")', position: 0, label: "=1+1", votedAt: new Date("2026-11-26T08:00:00Z") }],
      texts,
    );
    expect(csv).toContain("1,'=1+1,2,66.7");
    expect(csv).toContain(`6,"'=HYPERLINK(""http://x"",""bấm"")",'=1+1,2026-11-26T08:00:00.000Z`);
  });
});
