import { describe, expect, it } from "vitest";
import { CHART_WIDTH_PX, renderResultsChart } from "../../src/polls/render-chart.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("renderResultsChart", () => {
  it("renders a PNG as wide as a phone screen shows in full", () => {
    const png = renderResultsChart(
      { question: "Ông/bà có hài lòng với dịch vụ công?", options: ["Rất hài lòng", "Chưa hài lòng"], counts: [3, 1], participants: 4 },
      { participants: "4 người đã tham gia bình chọn" },
      "vi",
    );
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.readUInt32BE(16)).toBe(CHART_WIDTH_PX);
    expect(png.readUInt32BE(20)).toBeGreaterThan(300);
  });

  it("grows with the number of options and survives markup characters and no votes", () => {
    const options = Array.from({ length: 12 }, (_, i) => `Phương án <${i}> & "khác"`);
    const png = renderResultsChart(
      { question: "<b>Câu hỏi</b> & dài ".repeat(30), options, counts: options.map(() => 0), participants: 0 },
      { participants: "0 người đã tham gia bình chọn", note: "Đã đóng" },
      "vi",
    );
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.readUInt32BE(20)).toBeGreaterThan(1000);
  });
});
