import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { passageTerms } from "../../src/index/passage-terms.js";
import { ENGINE_SETTINGS } from "../../src/index/settings.js";
import { doc } from "./fixtures.js";

// A snapshot holds term hashes. Were tokenising, normalisation or the index settings to change while
// the settings version stays, an old snapshot would load and silently stop matching. The digest of
// a fixed text's index entry is pinned here, per settings version.
const PINNED: Record<number, string> = {
  5: "8b8aae94d03c765b",
  6: "096cc28842754185",
};

describe("ENGINE_SETTINGS", () => {
  it("pins the index terms of a fixed text to the settings version", () => {
    const fixed = doc(
      "pin",
      "Quyết định số 123/QĐ-UBND về việc phê duyệt Đề án",
      "Đảng bộ thành phố Đông Hà có 7.210 đảng viên; tăng trưởng 9,77%, thu ngân sách 361,503 tỷ đồng. Thực hiện Kết luận số 21-KL/TW, hoà thuỷ khoẻ.",
      { number: "123/QĐ-UBND", source: "Thành ủy Đông Hà" },
    );
    const [terms, length] = passageTerms(fixed, fixed.body, new Set());
    const digest = createHash("sha256")
      .update(JSON.stringify([length, [...terms].sort((a, b) => a[0] - b[0])]))
      .digest("hex")
      .slice(0, 16);
    const message = `the index terms changed: bump ENGINE_SETTINGS.version (now ${ENGINE_SETTINGS.version}) and pin ${digest} for the new version`;
    expect(PINNED[ENGINE_SETTINGS.version], message).toBe(digest);
  });

  it("names every tuning value with a number or an object of numbers", () => {
    const walk = (value: unknown, path: string): string[] =>
      typeof value === "number" ? [] : typeof value === "object" && value !== null
        ? Object.entries(value).flatMap(([k, v]) => walk(v, `${path}.${k}`))
        : [path];
    expect(walk(ENGINE_SETTINGS, "ENGINE_SETTINGS")).toEqual([]);
  });
});
