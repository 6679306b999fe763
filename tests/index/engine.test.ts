import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/index/engine.js";
import { SMALL_CORPUS, doc } from "./fixtures.js";

const engine = createEngine(SMALL_CORPUS);

describe("ask", () => {
  it("answers a count with the sentence, the figure and the document", () => {
    const result = engine.ask("Đông Hà có bao nhiêu đảng viên?");
    expect(result.answer?.figure).toBe("7.210");
    expect(result.answer?.text).toContain("7.210 đồng chí");
    expect(result.answer).toMatchObject({ docId: "seed", date: "2024-05-22" });
  });

  it("answers the same question typed without diacritics", () => {
    expect(engine.ask("dong ha co bao nhieu dang vien").answer?.figure).toBe("7.210");
  });

  it("picks the figure next to what is counted", () => {
    expect(engine.ask("Đảng bộ có mấy tổ chức cơ sở đảng?").answer?.figure).toBe("67");
  });

  it("answers amounts and percentages with their unit", () => {
    expect(engine.ask("tong thu ngan sach").answer?.figure).toBe("361,503 tỷ đồng");
    // The text misspells "tăng trưởng" as "tăng tưởng": the figure is found, but the sentence lacks a word
    // asked, so the decision is left to the confidence (see the decision tests).
    expect(engine.explain("tăng trưởng kinh tế bao nhiêu phần trăm").candidate?.answer.figure).toBe("9,77%");
  });

  it("answers a duration in the unit asked", () => {
    expect(engine.ask("một ngày làm việc bình thường bao nhiêu giờ").answer?.figure).toBe("08 giờ");
  });

  it("answers who holds a position", () => {
    expect(engine.ask("Bí thư Thành ủy Đông Hà là ai?").answer?.text).toContain("Lê Quang Chiến");
  });

  it("finds 7.210 when asked for 7210", () => {
    expect(engine.ask("7210 đảng viên").hits[0]?.docId).toBe("seed");
  });

  it("returns null rather than a figure from an unrelated text", () => {
    expect(engine.ask("Đông Hà có bao nhiêu trường đại học?").answer).toBeNull();
    expect(engine.ask("giá vàng hôm nay").answer).toBeNull();
  });

  it("does not answer from words scattered over a run-on list", () => {
    const e = createEngine([
      ...SMALL_CORPUS,
      doc(
        "runon",
        "Thủ tục vận chuyển vật liệu nổ",
        "Yêu cầu: + Có phương án phòng cháy khi thời tiết xấu; + Không chở người trên cùng phương tiện; " +
          "+ Kiểm tra sao chụp giấy tờ trước khi đi; + Không dừng gần nơi dễ hỏa hoạn; + Báo cáo cơ quan công an theo quy định; " +
          "+ Thực hiện đầy đủ các biện pháp an toàn khác theo hướng dẫn của cơ quan có thẩm quyền trong suốt quá trình vận chuyển.",
      ),
    ]);
    expect(e.ask("thời tiết trên sao hỏa").answer).toBeNull();
  });

  it("does not take a place for a person", () => {
    const e = createEngine([doc("hn", "Tin Hà Nội", "Ông Tướng thông báo với Hà Nội rằng tình hình đã ổn định.")]);
    const answer = e.ask("ai thông báo với Hà Nội").answer;
    expect(answer?.docId).toBe("hn");
    expect(answer!.figure).not.toBe("Hà Nội");
  });

  it("ranks a question typed with diacritics on the text with those diacritics", () => {
    expect(engine.ask("đường Lê Lợi").hits[0]?.docId).toBe("duong");
    expect(engine.ask("cây dương").hits[0]?.docId).toBe("duong-2");
  });

  it("ranks adjacent syllables above the same syllables apart", () => {
    const hits = engine.ask("ngân sách").hits.map((h) => h.docId);
    expect(hits.indexOf("adjacent")).toBeLessThan(hits.indexOf("scattered"));
  });

  it("puts the document whose official number matches first", () => {
    expect(engine.ask("văn bản 12/ĐA-UBND").hits[0]?.docId).toBe("qd-da");
    expect(engine.ask("văn bản 12/DA-UBND").hits[0]?.docId).toBe("qd-dự-án");
  });

  it("finds a number mentioned in running text", () => {
    const result = engine.ask("Kết luận 21-KL/TW là gì");
    expect(result.hits[0]?.docId).toBe("seed");
    expect(result.answer?.text).toContain("21-KL/TW");
  });

  it("tolerates a small typo", () => {
    expect(engine.ask("tuoi nghi huuu cua lao dong nam").hits[0]?.docId).toBe("luat#169");
  });

  it.each([
    ["a 10,000-character question", "đảng viên ".repeat(1000)],
    ["binary junk", "\u0000\u0001\uFFFD\u00ff\u0007".repeat(200)],
    ["only punctuation", "?!... ,,, ;;; ---"],
    ["only question words", "là gì vậy không"],
    ["an empty line", ""],
  ])("survives %s", (_name, question) => {
    const result = engine.ask(question);
    expect(result.question).toBe(question);
    expect(Array.isArray(result.hits)).toBe(true);
    if (result.answer) expect(result.answer.text.length).toBeLessThanOrEqual(400);
  });
});

describe("documents added and removed without a rebuild", () => {
  it("answers from a document added after the build and forgets a removed one", () => {
    const e = createEngine(SMALL_CORPUS);
    expect(e.ask("Đông Hà có bao nhiêu phường?").answer).toBeNull();
    e.add(doc("new", "Đông Hà có 9 phường", "Thành phố Đông Hà hiện có 9 phường.", { date: "2025-01-01" }));
    expect(e.ask("Đông Hà có bao nhiêu phường?").answer?.docId).toBe("new");
    expect(e.latest().docs[0]?.id).toBe("new");
    expect(e.remove("new")).toBe(true);
    expect(e.ask("Đông Hà có bao nhiêu phường?").answer).toBeNull();
    expect(e.get("new")).toBeUndefined();
  });

  it("answers a repeated question the same way, and anew once the corpus changed", () => {
    const e = createEngine(SMALL_CORPUS);
    expect(e.ask("Đông Hà có bao nhiêu phường?").answer).toBeNull();
    expect(e.ask("đông hà có  bao nhiêu PHƯỜNG?")).toMatchObject({ answer: null, question: "đông hà có  bao nhiêu PHƯỜNG?" });
    e.add(doc("new", "Đông Hà có 9 phường", "Thành phố Đông Hà hiện có 9 phường."));
    expect(e.ask("Đông Hà có bao nhiêu phường?").answer?.figure).toBe("9");
  });

  it("replaces a document added again under the same id", () => {
    const e = createEngine(SMALL_CORPUS);
    e.add(doc("duong", "Sửa đường Trần Hưng Đạo", "Sửa tuyến đường Trần Hưng Đạo."));
    expect(e.size).toBe(SMALL_CORPUS.length);
    expect(e.get("duong")?.title).toBe("Sửa đường Trần Hưng Đạo");
    expect(e.ask("Lê Lợi").hits.map((h) => h.docId)).not.toContain("duong");
  });
});

describe("search, latest and byNumber", () => {
  it("pages search results", () => {
    const first = engine.search("phê duyệt", { limit: 1 });
    const second = engine.search("phê duyệt", { limit: 1, offset: 1 });
    expect(first.total).toBe(2);
    expect(first.hits[0]?.doc.id).not.toBe(second.hits[0]?.doc.id);
  });

  it("filters by type", () => {
    const docs = engine.latest({ type: "document", limit: 100 }).docs;
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.type === "document")).toBe(true);
    expect(engine.latest({ type: "news", limit: 100 }).docs.some((d) => d.type === "document")).toBe(false);
  });

  it("looks up an official number typed without diacritics", () => {
    expect(engine.byNumber("45/2019/qh14").map((d) => d.id)).toEqual(["luat#105", "luat#169"]);
    expect(engine.byNumber("12/ĐA-UBND").map((d) => d.id)).toEqual(["qd-da"]);
  });
});
