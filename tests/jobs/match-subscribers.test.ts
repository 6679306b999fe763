import { describe, expect, it } from "vitest";
import { keywordMatches, wantsItem } from "../../src/jobs/match-subscribers.js";
import type { Subscription } from "../../src/storage/subscriptions-store.js";

const sub = (over: Partial<Subscription>): Subscription => ({
  chatId: 1, active: true, news: false, documents: false, topics: [], keywords: [], mode: "instant",
  quietHours: null, polls: true, language: "vi", createdAt: 0, updatedAt: 0, inactiveReason: null, ...over,
});

describe("keyword alerts", () => {
  it("matches a keyword typed without diacritics against any marks", () => {
    expect(keywordMatches("quy hoach", "Điều chỉnh Quy hoạch chung thành phố")).toBe(true);
    expect(keywordMatches("dang vien", "tổng số đảng viên 7.210 đồng chí")).toBe(true);
  });

  it("matches a keyword typed with diacritics in either tone placement only", () => {
    expect(keywordMatches("hoà giải", "Tổ hòa giải ở cơ sở")).toBe(true);
    expect(keywordMatches("quý", "quy hoạch phân khu")).toBe(false);
  });

  it("matches whole words only", () => {
    expect(keywordMatches("ha", "Đông Hà")).toBe(true);
    expect(keywordMatches("ha", "hành chính")).toBe(false);
  });

  it("brings a keyword-only subscriber the matching item and nothing else", () => {
    const s = sub({ keywords: ["quy hoach"] });
    expect(wantsItem(s, { kind: "news", title: "Quy hoạch điện VIII", body: "", tags: [] })).toBe(true);
    expect(wantsItem(s, { kind: "news", title: "Giá vàng hôm nay", body: "", tags: [] })).toBe(false);
  });

  it("filters by topic, case and marks aside", () => {
    const s = sub({ news: true, topics: ["bat dong san"] });
    expect(wantsItem(s, { kind: "news", title: "x", body: "", tags: ["Bất động sản"] })).toBe(true);
    expect(wantsItem(s, { kind: "news", title: "x", body: "", tags: ["Thể thao"] })).toBe(false);
    expect(wantsItem(s, { kind: "document", title: "x", body: "", tags: ["Bất động sản"] })).toBe(false);
  });
});
