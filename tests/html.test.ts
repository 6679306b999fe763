import { describe, expect, it } from "vitest";
import { decodeEntities, escapeHtml, htmlToText } from "../src/html.js";

describe("escapeHtml", () => {
  it("escapes <, >, & and quotes", () => {
    expect(escapeHtml('<b>a & "b"</b>')).toBe("&lt;b&gt;a &amp; &quot;b&quot;&lt;/b&gt;");
  });
});

describe("decodeEntities", () => {
  it("undoes escapeHtml and reads numeric entities", () => {
    const text = 'Quyết định <số 1> & "mới"';
    expect(decodeEntities(escapeHtml(text))).toBe(text);
    expect(decodeEntities("&#272;&#x00f4;ng H&agrave;")).toBe("Đông H&agrave;");
  });
});

describe("htmlToText", () => {
  it("drops tags and decodes what is left", () => {
    expect(htmlToText('<b>7.210</b> đảng viên <a href="https://x.vn/?a=1&amp;b=2">&lt;nguồn&gt;</a>')).toBe("7.210 đảng viên <nguồn>");
  });
});
