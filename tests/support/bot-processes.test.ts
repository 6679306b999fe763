import { describe, expect, it } from "vitest";
import { maxInWindow } from "./bot-processes.js";

// The count behind the end-to-end checks of Telegram's per-second limits.
describe("maxInWindow", () => {
  it("counts the busiest span of the given length, whatever the order of the times", () => {
    expect(maxInWindow([], 1000)).toBe(0);
    expect(maxInWindow([5], 1000)).toBe(1);
    expect(maxInWindow([2000, 0, 999, 1000, 1500], 1000)).toBe(3);
    // A span is closed at its start and open at its end: one second apart is two spans.
    expect(maxInWindow([0, 1000, 2000], 1000)).toBe(1);
    expect(maxInWindow([0, 999], 1000)).toBe(2);
  });
});
