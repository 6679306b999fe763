import { describe, expect, it } from "vitest";
import { parseJsonl } from "../../src/corpus/parse-jsonl.js";

const line = (record: unknown) => JSON.stringify(record);

describe("parseJsonl", () => {
  it("reads one document a line, ids kept exactly as given", () => {
    const text = [
      line({ id: "45/2019/QH14#47", type: "document", title: "Điều 47. Trách nhiệm", body: "Nội dung.", date: "20/11/2019", number: "45/2019/QH14", issuer: "Quốc hội" }),
      "",
      line({ id: 7, title: "Tin", body: "Thân bài.", source: "vnexpress.net", url: "https://vnexpress.net/a" }),
    ].join("\n");
    const { docs, lines, problems } = parseJsonl(text, "luat.jsonl");
    expect(problems).toEqual([]);
    expect(lines).toEqual([1, 3]);
    expect(docs[0]).toMatchObject({ id: "45/2019/QH14#47", type: "document", date: "2019-11-20", number: "45/2019/QH14", issuer: "Quốc hội", tags: [] });
    expect(docs[1]).toMatchObject({ id: "7", type: "news", date: null, source: "vnexpress.net", url: "https://vnexpress.net/a" });
  });

  it("derives a stable id from the path and line when there is none", () => {
    const text = `${line({ title: "A", body: "a" })}\n${line({ title: "B", body: "b" })}`;
    expect(parseJsonl(text, "news/tin.jsonl").docs.map((d) => d.id)).toEqual(["news/tin:1", "news/tin:2"]);
    expect(parseJsonl(text, "news/tin.jsonl.gz").docs.map((d) => d.id)).toEqual(["news/tin:1", "news/tin:2"]);
  });

  it("accepts the three date forms and normalises text", () => {
    const text = ["2024-05-22", "22-5-2024", "22/5/2024"].map((date) => line({ title: "\u00D0ông Hà", body: "b", date })).join("\n");
    const { docs } = parseJsonl(text, "a.jsonl");
    expect(docs.map((d) => d.date)).toEqual(["2024-05-22", "2024-05-22", "2024-05-22"]);
    expect(docs[0]!.title).toBe("Đông Hà");
  });
});

describe("parseJsonl reports malformed lines and loads the rest", () => {
  it("reports each bad line with its number and an actionable message", () => {
    const text = [
      line({ id: "ok-1", title: "A", body: "a" }),
      "{not json",
      line({ id: "x", body: "no title" }),
      line({ id: "y", title: "no body" }),
      line({ id: "z", title: "T", body: "b", type: "law" }),
      line({ id: "w", title: "T", body: "b", date: "32/1/2024" }),
      "[1, 2]",
      line({ id: "v", title: ["T"], body: "b" }),
      line({ id: "ok-2", title: "B", body: "b" }),
    ].join("\n");
    const { docs, problems } = parseJsonl(text, "corpus/a.jsonl");
    expect(docs.map((d) => d.id)).toEqual(["ok-1", "ok-2"]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, expect.stringContaining("invalid JSON")],
      [3, 'missing "title"'],
      [4, 'missing "body" (the document text)'],
      [5, '"type" must be "news" or "document", found "law"'],
      [6, '"date" "32/1/2024" is not a date; write 2024-05-22, 22-5-2024 or 22/5/2024'],
      [7, expect.stringContaining("one JSON object")],
      [8, '"title" must be a string, found ["T"]'],
    ]);
    expect(problems.every((p) => p.path === "corpus/a.jsonl")).toBe(true);
  });
});
