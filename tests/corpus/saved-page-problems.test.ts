import { describe, expect, it } from "vitest";
import { parseSavedPage } from "../../src/corpus/parse-saved-page.js";

const parse = (lines: string[]) => parseSavedPage(lines.join("\n"), "tin/a.txt");

describe("parseSavedPage reports malformed pages", () => {
  it("reports an empty file", () => {
    const { docs, problems } = parse([""]);
    expect(docs).toEqual([]);
    expect(problems).toEqual([{ path: "tin/a.txt", line: null, message: expect.stringContaining("empty file") }]);
  });

  it("reports a first line that is not the site line", () => {
    const { problems } = parse(["Tin tức", "Tiêu đề", "10:25, Thứ Tư, 22-5-2024", "Thân bài."]);
    expect(problems[0]).toMatchObject({ line: 1, message: expect.stringContaining("Chi tiết tin - <site>") });
  });

  it("reports a missing or impossible time stamp with its line", () => {
    expect(parse(["Chi tiết tin - X", "", "Tiêu đề", "Thân bài.", "Đoạn hai."]).problems[0]).toMatchObject({
      line: 4,
      message: expect.stringContaining("time stamp"),
    });
    expect(parse(["Chi tiết tin - X", "Tiêu đề", "10:25, Thứ Tư, 31-2-2024", "Thân bài."]).problems[0]).toMatchObject({
      line: 3,
    });
  });

  it("reports a page with no body", () => {
    const { problems } = parse(["Chi tiết tin - X", "Tiêu đề", "10:25, Thứ Tư, 22-5-2024", "Các tin khác"]);
    expect(problems[0]!.message).toContain("no body");
  });
});
