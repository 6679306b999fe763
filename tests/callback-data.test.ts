import { describe, expect, it } from "vitest";
import { CALLBACKS, defineCallback, intFields } from "../src/callback-data.js";

describe("callback data", () => {
  it("round-trips named integers", () => {
    expect(CALLBACKS.answerPage.encode({ row: 123456, page: 2 })).toBe("a:123456:2");
    expect(CALLBACKS.answerPage.decode("a:123456:2")).toEqual({ row: 123456, page: 2 });
    expect(CALLBACKS.vote.encode({ pollId: 1, position: 0 })).toBe("pv:1:0");
  });

  it("returns null for forged or foreign data", () => {
    const codec = CALLBACKS.answerPage;
    expect(codec.decode("a:1")).toBeNull();
    expect(codec.decode("a:x:2")).toBeNull();
    expect(codec.decode("b:1:2")).toBeNull();
    expect(codec.decode("a:1:2:3")).toBeNull();
    expect(codec.decode("a:99999999999999999999:1")).toBeNull();
    expect(codec.decode(undefined)).toBeNull();
    expect(CALLBACKS.language.decode("lang:fr")).toBeNull();
    expect(CALLBACKS.pollFlow.decode("pf:au:everyone")).toBeNull();
  });

  it("reads the guided poll flow's presses as a typed value", () => {
    expect(CALLBACKS.pollFlow.decode("pf:m:1")).toEqual({ step: "multiple", on: true });
    expect(CALLBACKS.pollFlow.decode(CALLBACKS.pollFlow.encode({ step: "deadline", days: 7 }))).toEqual({ step: "deadline", days: 7 });
    expect(CALLBACKS.pollFlow.encode({ step: "cancel" })).toBe("pf:x");
  });

  it("matches only its own prefix", () => {
    expect(CALLBACKS.pollSend.match.test("ps:1")).toBe(true);
    expect(CALLBACKS.pollSend.match.test("pst:1")).toBe(false);
  });

  it("refuses data over 64 bytes", () => {
    const long = defineCallback<string>("zz", (s) => [s], ([s]) => s ?? null);
    expect(() => long.encode("đ".repeat(40))).toThrow(/64 bytes/);
  });

  it("refuses a prefix that another button already uses", () => {
    expect(() => intFields("pv", ["x"])).toThrow(/already taken/);
  });
});
