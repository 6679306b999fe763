import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../src/polls/parse-deadline.js";
import { formatInstant } from "../../src/time-zone.js";

const TZ = "Asia/Ho_Chi_Minh";
const NOW = new Date("2026-11-26T08:00:00Z");

describe("parseDeadline", () => {
  it("reads durations in days and weeks, with or without diacritics", () => {
    expect(parseDeadline("3 ngày", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-11-29T08:00:00Z") });
    expect(parseDeadline("3 ngay", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-11-29T08:00:00Z") });
    expect(parseDeadline("2 tuần", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-12-10T08:00:00Z") });
    expect(parseDeadline("12 giờ", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-11-26T20:00:00Z") });
    expect(parseDeadline("2 weeks", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-12-10T08:00:00Z") });
  });

  it("reads a date as the end of that day in the time zone", () => {
    expect(parseDeadline("25/12/2026", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-12-25T16:59:00Z") });
    expect(parseDeadline("25-12-2026", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-12-25T16:59:00Z") });
  });

  it("reads a date with a time in the time zone", () => {
    expect(parseDeadline("25/12/2026 17:00", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-12-25T10:00:00Z") });
    expect(parseDeadline("25/12/2026 lúc 8h", NOW, TZ)).toEqual({ ok: true, closesAt: new Date("2026-12-25T01:00:00Z") });
  });

  it("refuses what it cannot read, impossible dates, the past and the far future", () => {
    expect(parseDeadline("tuần sau", NOW, TZ)).toEqual({ ok: false, problem: "unreadable" });
    expect(parseDeadline("3 năm", NOW, TZ)).toEqual({ ok: false, problem: "unreadable" });
    expect(parseDeadline("31/02/2027", NOW, TZ)).toEqual({ ok: false, problem: "invalid-date" });
    expect(parseDeadline("25/12/2026 25:00", NOW, TZ)).toEqual({ ok: false, problem: "invalid-date" });
    expect(parseDeadline("01/01/2020", NOW, TZ)).toEqual({ ok: false, problem: "in-the-past" });
    expect(parseDeadline("0 ngày", NOW, TZ)).toEqual({ ok: false, problem: "in-the-past" });
    expect(parseDeadline("01/01/2030", NOW, TZ)).toEqual({ ok: false, problem: "too-far" });
  });

  it("formats a deadline in the time zone", () => {
    expect(formatInstant(Date.parse("2026-12-25T10:00:00Z"), TZ)).toBe("17:00 25/12/2026");
  });
});
