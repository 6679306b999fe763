import { describe, expect, it } from "vitest";
import { isQuiet, parseQuietHours, quietUntil } from "../../src/jobs/quiet-hours.js";
import { localDay } from "../../src/time-zone.js";

const TZ = "Asia/Ho_Chi_Minh"; // UTC+7
const at = (iso: string) => Date.parse(iso);

describe("quiet hours", () => {
  it("holds pushes from 22:00 to 06:00 local time across midnight", () => {
    expect(isQuiet(at("2024-05-22T15:00:00Z"), [22, 6], TZ)).toBe(true); // 22:00 local
    expect(isQuiet(at("2024-05-22T14:59:00Z"), [22, 6], TZ)).toBe(false); // 21:59
    expect(isQuiet(at("2024-05-22T22:30:00Z"), [22, 6], TZ)).toBe(true); // 05:30 next day
    expect(isQuiet(at("2024-05-22T23:00:00Z"), [22, 6], TZ)).toBe(false); // 06:00
  });

  it("ends quiet hours at the next local end hour", () => {
    expect(new Date(quietUntil(at("2024-05-22T16:00:00Z"), [22, 6], TZ)!).toISOString()).toBe("2024-05-22T23:00:00.000Z");
    expect(new Date(quietUntil(at("2024-05-22T20:00:00Z"), [22, 6], TZ)!).toISOString()).toBe("2024-05-22T23:00:00.000Z");
    expect(quietUntil(at("2024-05-22T05:00:00Z"), [22, 6], TZ)).toBeNull();
  });

  it("handles quiet hours within one day and none at all", () => {
    expect(isQuiet(at("2024-05-22T06:00:00Z"), [12, 14], TZ)).toBe(true); // 13:00
    expect(isQuiet(at("2024-05-22T06:00:00Z"), null, TZ)).toBe(false);
    expect(isQuiet(at("2024-05-22T06:00:00Z"), [5, 5], TZ)).toBe(false);
  });

  it("evaluates the hour in the configured zone", () => {
    expect(isQuiet(at("2024-05-22T23:30:00Z"), [22, 6], "UTC")).toBe(true);
    expect(isQuiet(at("2024-05-22T23:30:00Z"), [22, 6], TZ)).toBe(false);
    expect(localDay(at("2024-05-22T18:00:00Z"), TZ)).toBe("2024-05-23");
  });

  it("parses settings text", () => {
    expect(parseQuietHours("22-6")).toEqual([22, 6]);
    expect(parseQuietHours("")).toBeNull();
    expect(() => parseQuietHours("10pm")).toThrow(/22-6/);
  });
});
