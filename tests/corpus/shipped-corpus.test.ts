import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { TEST_OCR_CACHE } from "../support/document-files-paths.js";

const { docs, problems } = await loadCorpus(fileURLToPath(new URL("../../corpus", import.meta.url)), { ocr: { cacheDir: TEST_OCR_CACHE } });
const byId = new Map(docs.map((d) => [d.id, d]));

describe("the shipped demo corpus", () => {
  it("loads without problems", () => {
    expect(problems).toEqual([]);
    expect(docs.length).toBe(1269);
  });

  it("holds the seed page with its date and source", () => {
    expect(byId.get("news/dongha-2024-05-22-xay-dung-dang")).toMatchObject({
      type: "news",
      date: "2024-05-22",
      time: "10:25",
      source: "Thành ủy Đông Hà",
    });
  });

  it("holds the Labour Code one article per document, with number, issuer and date", () => {
    const articles = docs.filter((d) => d.id.startsWith("45/2019/QH14#"));
    expect(articles).toHaveLength(220);
    expect(byId.get("45/2019/QH14#47")).toMatchObject({
      type: "document",
      title: "Điều 47. Trợ cấp mất việc làm",
      number: "45/2019/QH14",
      issuer: "Quốc hội",
      date: "2019-11-20",
    });
    expect(byId.get("45/2019/QH14")).toMatchObject({ title: "Bộ luật Lao động 2019", number: "45/2019/QH14" });
  });

  it("holds the 147 Quảng Trị news articles with headlines apart from the lead, and none only passing through", () => {
    const news = docs.filter((d) => d.id.startsWith("vntc-"));
    expect(news).toHaveLength(147);
    expect(news.some((d) => d.title.includes("Harry Potter"))).toBe(false);
    expect(news.every((d) => d.type === "news" && d.date === null && d.title.length <= 120)).toBe(true);
    expect(byId.get("vntc-train-XH_NLD_4229")!.title).toBe("Quảng Trị: Dựng lại cột cờ Hiền Lương ở sông Bến Hải");
    expect(byId.get("vntc-train-XH_NLD_4229")!.body).not.toContain("(NLĐ)");
  });

  it("holds the procedures with deadline, fee and deciding document", () => {
    const procedure = byId.get("tthc-1.013133")!;
    expect(procedure).toMatchObject({ type: "document", number: "6375/QĐ-BQP", issuer: "Bộ Quốc phòng" });
    expect(procedure.body).toContain("Thời hạn giải quyết khi nộp trực tiếp: 1 ngày làm việc.");
    expect(procedure.body).toContain("Phí: 0 đồng (miễn phí).");
    expect(procedure.body).toContain("Quyết định số 6375/QĐ-BQP");
    expect(docs.filter((d) => d.id.startsWith("tthc-"))).toHaveLength(207);
  });

  it("holds documents published as files: a text PDF, a Word file and a scan read by OCR", () => {
    const files = docs.filter((d) => d.id.startsWith("documents/"));
    expect(files.map((d) => [d.file?.mime, d.number, d.kind, d.date, d.signer])).toEqual([
      ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "100/2015/QH13", "Bộ luật", "2015-11-27", "Nguyễn Sinh Hùng"],
      ["application/pdf", "92/2015/QH13", "Bộ luật", "2015-11-25", "Nguyễn Sinh Hùng"],
      ["application/pdf", "101/2015/QH13", "Bộ luật", "2015-11-27", "Nguyễn Sinh Hùng"],
    ]);
    const scan = byId.get("documents/bo-luat-to-tung-hinh-su-to-giac-toi-pham-ban-chup")!;
    expect(scan.body).toMatch(/Tố giác về tội phạm là việc cá nhân phát hiện/);
  });
});
