import { describe, expect, it } from "vitest";
import { formatPercent, formatResults, optionShares } from "../../src/polls/format-results.js";

const t = (key: string, v: Record<string, string | number> = {}) =>
  key === "polls-result-line"
    ? `${v.position}. ${v.label}: ${v.count} (${v.percent})`
    : `${v.count} người đã tham gia bình chọn`;

describe("formatResults", () => {
  it("writes one line per option then the participants line, HTML escaped", () => {
    const text = formatResults(
      { question: "A <b> & B?", options: ["Có", "Không"], counts: [2, 1], participants: 3 },
      t,
      "vi",
    );
    expect(text).toBe(
      ["<b>A &lt;b&gt; &amp; B?</b>", "", "1. Có: 2 (66,7%)", "2. Không: 1 (33,3%)", "", "3 người đã tham gia bình chọn"].join("\n"),
    );
  });

  it("gives 0% when nobody voted and lets multiple-choice shares pass 100% together", () => {
    expect(optionShares({ question: "", options: ["a", "b"], counts: [0, 0], participants: 0 }).map((s) => s.percent)).toEqual([0, 0]);
    expect(optionShares({ question: "", options: ["a", "b"], counts: [2, 2], participants: 2 }).map((s) => s.percent)).toEqual([100, 100]);
    expect(formatPercent(12.345, "en")).toBe("12.3%");
  });
});
