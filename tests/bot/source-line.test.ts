import { describe, expect, it } from "vitest";
import { sourceLine } from "../../src/bot/screens.js";

describe("sourceLine", () => {
  it("names the code of an article, which its title alone does not say", () => {
    const line = sourceLine({ title: "Điều 220. Hiệu lực thi hành", url: null, date: "2019-11-20", source: "Bộ luật Lao động 2019" });
    expect(line).toContain("Điều 220. Hiệu lực thi hành – Bộ luật Lao động 2019");
  });

  it("leaves other titles as they are and escapes them", () => {
    expect(sourceLine({ title: "Tin <mới>", url: null, date: null, source: "Thành ủy Đông Hà" })).toBe("Tin &lt;mới&gt;");
  });
});
