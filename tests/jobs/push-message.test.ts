import { describe, expect, it } from "vitest";
import { renderDigest, renderItemMessage } from "../../src/jobs/push-message.js";
import { MESSAGE_MAX_CHARS } from "../../src/text-limits.js";
import type { Translate } from "../../src/translate.js";
import type { StoredItem } from "../../src/storage/items-store.js";

const t: Translate = (key, vars = {}) => `${key}${Object.keys(vars).length ? ` ${JSON.stringify(vars)}` : ""}`;
const item = (over: Partial<StoredItem> = {}): StoredItem => ({
  id: 1, docId: "d1", source: "Thành ủy <Đông Hà>", guid: null, url: "https://example.org/a?x=1&y=2", contentHash: "h",
  kind: "news", title: "Giá đất <mới> & quy hoạch", body: "Thân bài.", date: "2024-05-22", time: "10:25",
  number: null, issuer: null, tags: [], pushed: true, createdAt: 0, ...over,
});

describe("push message", () => {
  it("puts the full title in bold, the date, the lead and the source, all escaped", () => {
    const m = renderItemMessage(item(), "Câu dẫn <1>.", t);
    expect(m.text.startsWith("<b>Giá đất &lt;mới&gt; &amp; quy hoạch</b>")).toBe(true);
    expect(m.text).toContain("10:25 22/5/2024");
    expect(m.text).toContain("Câu dẫn &lt;1&gt;.");
    expect(m.text).toContain("Thành ủy &lt;Đông Hà&gt;");
    expect(m.replyMarkup?.inline_keyboard[0]?.[0]).toMatchObject({ url: "https://example.org/a?x=1&y=2" });
  });

  it("gives a document its number, issuer and date", () => {
    const m = renderItemMessage(item({ kind: "document", number: "123/QĐ-UBND", issuer: "UBND thành phố" }), "", t);
    expect(m.text).toContain('push-doc-number {"number":"123/QĐ-UBND"}');
    expect(m.text).toContain("push-doc-issuer");
    expect(m.text).toContain('push-doc-date {"date":"22/5/2024"}');
  });

  it("has no button without a web link", () => {
    expect(renderItemMessage(item({ url: null }), "", t).replyMarkup).toBeUndefined();
  });

  it("splits a long digest under 4,096 characters without cutting a line", () => {
    const items = Array.from({ length: 60 }, (_, i) => item({ id: i, title: `Tin số ${i} ${"rất dài ".repeat(20)}` }));
    const parts = renderDigest(items, "2024-05-22", t);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
    expect(parts.join("\n\n").match(/<a href=/g)).toHaveLength(60);
    expect(parts[0]).toContain("push-digest-header");
  });
});
