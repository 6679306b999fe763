import { describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback } from "../../src/bot/callback-data.js";

describe("callback data", () => {
  it("round-trips a prefix and numbers", () => {
    expect(encodeCallback("a", 123456, 2)).toBe("a:123456:2");
    expect(decodeCallback("a:123456:2", "a", 2)).toEqual([123456, 2]);
  });

  it("returns null for forged or foreign data", () => {
    expect(decodeCallback("a:1", "a", 2)).toBeNull();
    expect(decodeCallback("a:x:2", "a", 2)).toBeNull();
    expect(decodeCallback("b:1:2", "a", 2)).toBeNull();
    expect(decodeCallback("a:1:2:3", "a", 2)).toBeNull();
    expect(decodeCallback("a:99999999999999999999:1", "a", 2)).toBeNull();
    expect(decodeCallback(undefined, "a", 2)).toBeNull();
  });

  it("refuses data over 64 bytes", () => {
    expect(() => encodeCallback("đ".repeat(40), 1)).toThrow(/64 bytes/);
  });
});
