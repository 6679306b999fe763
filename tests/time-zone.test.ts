import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDayMonth, formatInstant, localDay, zonedTimeToEpoch } from "../src/time-zone.js";

const TZ = "Asia/Ho_Chi_Minh";

describe("one date format for readers", () => {
  it("writes ISO dates the Vietnamese way", () => {
    expect(formatDate("2024-05-22")).toBe("22/5/2024");
    expect(formatDate("2024-05-02")).toBe("2/5/2024");
    expect(formatDayMonth("2024-05-02")).toBe("2/5");
  });

  it("puts the time of day first", () => {
    expect(formatDateTime("2024-05-22", "10:25")).toBe("10:25 22/5/2024");
    expect(formatDateTime("2024-05-22", null)).toBe("22/5/2024");
    expect(formatInstant(Date.parse("2026-12-03T08:00:00Z"), TZ)).toBe("15:00 3/12/2026");
  });

  it("reads wall-clock time in the zone", () => {
    expect(localDay(Date.parse("2024-05-22T18:00:00Z"), TZ)).toBe("2024-05-23");
    expect(zonedTimeToEpoch(2026, 12, 25, 17, 0, TZ)).toBe(Date.parse("2026-12-25T10:00:00Z"));
  });
});
