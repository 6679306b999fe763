import { describe, expect, it } from "vitest";
import { parseMarkdownDoc } from "../../src/corpus/parse-markdown-doc.js";

const KL21 = `---
title: Kết luận số 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng
date: 25/10/2021
url: https://example.org/kl-21
type: document
number: 21-KL/TW
issuer: Ban Chấp hành Trung ương
tags: [xây dựng Đảng, kết luận]
---
# Nội dung chính

Kết luận **21-KL/TW** được ban hành ngày 25/10/2021, xem [toàn văn](https://example.org/kl-21).
`;

describe("parseMarkdownDoc", () => {
  it("reads the front matter fields and the body as plain text", () => {
    const { docs, problems } = parseMarkdownDoc(KL21, "vanban/kl-21.md");
    expect(problems).toEqual([]);
    expect(docs[0]).toEqual({
      id: "vanban/kl-21",
      type: "document",
      title: "Kết luận số 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng",
      body: "Nội dung chính\nKết luận 21-KL/TW được ban hành ngày 25/10/2021, xem toàn văn.",
      date: "2021-10-25",
      url: "https://example.org/kl-21",
      number: "21-KL/TW",
      issuer: "Ban Chấp hành Trung ương",
      source: null,
      tags: ["xây dựng Đảng", "kết luận"],
    });
  });

  it("defaults the type to news, takes the title from the first heading, and keeps numbers as text", () => {
    const { docs } = parseMarkdownDoc("---\nnumber: 123\ndate: 2024-05-22\n---\n# Tin mới\n\nNội dung.", "tin.md");
    expect(docs[0]).toMatchObject({ type: "news", title: "Tin mới", body: "Nội dung.", number: "123", date: "2024-05-22" });
  });

  it("uses an id given in the front matter", () => {
    const { docs } = parseMarkdownDoc("---\nid: kl-21\ntitle: T\n---\nB", "x/y.md");
    expect(docs[0]!.id).toBe("kl-21");
  });
});

describe("parseMarkdownDoc reports malformed documents", () => {
  const problem = (text: string) => parseMarkdownDoc(text, "vanban/a.md").problems[0];

  it("reports a file without front matter", () => {
    expect(problem("# Tiêu đề\nNội dung")).toMatchObject({ line: 1, message: expect.stringContaining("no front matter") });
  });

  it("reports unclosed front matter", () => {
    expect(problem("---\ntitle: A\nNội dung")!.message).toContain("not closed");
  });

  it("reports invalid YAML with its line in the file", () => {
    expect(problem("---\ntitle: A\ntags: [a, b\n---\nB")).toMatchObject({ message: expect.stringContaining("bad front matter") });
    expect(problem("---\ntitle: A\ntags: [a, b\n---\nB")).toMatchObject({ line: 3, message: expect.not.stringContaining("column") });
  });

  it("reports a bad type, a bad date, a missing title and an empty body", () => {
    expect(problem("---\ntitle: A\ntype: law\n---\nB")).toMatchObject({ line: 3, message: '"type" must be "news" or "document", found "law"' });
    expect(problem("---\ntitle: A\nurl: x\ndate: 2024-02-31\n---\nB")).toMatchObject({ line: 4, message: expect.stringContaining('"date" "2024-02-31" is not a date') });
    expect(problem("---\ntitle: A\ntags: {a: 1}\n---\nB")).toMatchObject({ line: 3, message: expect.stringContaining('"tags" must be a list') });
    expect(problem("---\ntype: news\n---\nChỉ có thân bài.")!.message).toBe('missing "title"');
    expect(problem("---\ntitle: A\n---\n\n")!.message).toContain('missing "body"');
  });
});
