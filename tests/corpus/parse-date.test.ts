import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/corpus/parse-date.js";

describe("parseDate", () => {
  it("reads ISO, day-month-year with dashes and with slashes", () => {
    expect(parseDate("2024-05-22")).toBe("2024-05-22");
    expect(parseDate("22-5-2024")).toBe("2024-05-22");
    expect(parseDate("25/10/2021")).toBe("2021-10-25");
    expect(parseDate(" 1/1/2021 ")).toBe("2021-01-01");
  });

  it("rejects impossible dates and other forms", () => {
    expect(parseDate("31-2-2024")).toBeNull();
    expect(parseDate("2024-13-01")).toBeNull();
    expect(parseDate("22-5/2024")).toBeNull();
    expect(parseDate("5/2024")).toBeNull();
    expect(parseDate("hôm qua")).toBeNull();
  });
});
