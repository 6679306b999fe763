import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSources, parseSources } from "../../src/sources/source-config.js";
import { parseVietnameseDate } from "../../src/sources/source-item.js";

describe("sources file", () => {
  it("accepts the committed example", () => {
    const sources = loadSources("sources.json");
    expect(sources.map((s) => s.type)).toEqual(["html", "html", "rss"]);
  });

  it("lists every problem with its place", () => {
    expect(() => parseSources([{ name: "a", type: "rss", url: "not a url", kind: "news" }, { type: "ftp" }])).toThrow(/\[0\.url\][\s\S]*\[1/);
  });

  it("refuses two sources with one name", () => {
    const s = { name: "a", type: "rss", url: "https://example.org/rss", kind: "news" };
    expect(() => parseSources([s, s])).toThrow(/"a" is used twice/);
  });

  it("treats a missing file as no sources and bad JSON as an error naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "sources-"));
    expect(loadSources(join(dir, "none.json"))).toEqual([]);
    writeFileSync(join(dir, "bad.json"), "{");
    expect(() => loadSources(join(dir, "bad.json"))).toThrow(/bad\.json is not valid JSON/);
  });
});

describe("Vietnamese time stamps", () => {
  it("reads the site's time stamp line", () => {
    expect(parseVietnameseDate("10:25, Thứ Tư, 22-5-2024")).toEqual({ date: "2024-05-22", time: "10:25" });
    expect(parseVietnameseDate("25/10/2021")).toEqual({ date: "2021-10-25", time: null });
    expect(parseVietnameseDate("không có ngày")).toEqual({ date: null, time: null });
  });
});
