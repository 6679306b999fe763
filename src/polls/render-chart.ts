import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import { escapeHtml } from "../html.js";
import { optionShares, type ResultsInput } from "./format-results.js";

/** Width of the chart image in pixels: a phone shows it full width, so text stays large enough to read. */
export const CHART_WIDTH_PX = 1080;

const require = createRequire(import.meta.url);
// DejaVu Sans covers every Vietnamese letter (precomposed, with both tone marks); shipped from npm so
// that rendering never depends on the fonts installed on the server.
const FONT_FILES = [
  require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
];
const FONT_FAMILY = "DejaVu Sans";

const PAD = 48;
const TITLE_SIZE = 40;
const LABEL_SIZE = 32;
const VALUE_SIZE = 30;
const FOOTER_SIZE = 30;
const BAR_HEIGHT = 44;
const BAR_COLOR = "#1f6fb2";
const TOP_COLOR = "#c0392b";
// DejaVu Sans is wide: about 0.6 em per character on average for Vietnamese text.
const EM_PER_CHAR = 0.6;

/** The words on the chart that are not data, already translated. */
export interface ChartTexts {
  /** Footer, e.g. "12 người đã tham gia bình chọn". */
  participants: string;
  /** Optional line under the footer, e.g. "Đã đóng lúc 17:00 25/12/2026". */
  note?: string;
}

/**
 * Renders a poll's results as a horizontal bar chart, PNG, {@link CHART_WIDTH_PX} wide: the question,
 * each option's label with its bar, count and percentage (the leading option in red), and the participants line.
 *
 * @example
 * const png = renderResultsChart(results, { participants: "3 người đã tham gia bình chọn" }, "vi");
 */
export function renderResultsChart(input: ResultsInput, texts: ChartTexts, locale: string): Buffer {
  const shares = optionShares(input);
  const innerWidth = CHART_WIDTH_PX - 2 * PAD;
  const valueWidth = 250;
  const barMax = innerWidth - valueWidth;
  const max = Math.max(1, ...shares.map((s) => s.count));
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale);
  const parts: string[] = [];
  let y = PAD;

  for (const line of wrap(input.question, charsPerLine(innerWidth, TITLE_SIZE), 4)) {
    y += TITLE_SIZE * 1.25;
    parts.push(text(PAD, y, line, TITLE_SIZE, "bold", "#111"));
  }
  y += 24;

  shares.forEach((share, i) => {
    const label = `${i + 1}. ${share.label}`;
    for (const line of wrap(label, charsPerLine(innerWidth, LABEL_SIZE), 2)) {
      y += LABEL_SIZE * 1.3;
      parts.push(text(PAD, y, line, LABEL_SIZE, "normal", "#222"));
    }
    y += 12;
    const width = share.count === 0 ? 4 : Math.max(8, Math.round((barMax * share.count) / max));
    const color = share.count === max && share.count > 0 ? TOP_COLOR : BAR_COLOR;
    parts.push(`<rect x="${PAD}" y="${y}" width="${barMax}" height="${BAR_HEIGHT}" rx="6" fill="#eef2f6"/>`);
    parts.push(`<rect x="${PAD}" y="${y}" width="${width}" height="${BAR_HEIGHT}" rx="6" fill="${color}"/>`);
    const value = `${count.format(share.count)} (${percent.format(share.percent)}%)`;
    parts.push(text(PAD + barMax + 16, y + BAR_HEIGHT * 0.75, value, VALUE_SIZE, "bold", "#111"));
    y += BAR_HEIGHT + 20;
  });

  y += 16;
  parts.push(`<line x1="${PAD}" y1="${y}" x2="${CHART_WIDTH_PX - PAD}" y2="${y}" stroke="#ccd" stroke-width="2"/>`);
  y += FOOTER_SIZE * 1.5;
  parts.push(text(PAD, y, texts.participants, FOOTER_SIZE, "bold", "#111"));
  if (texts.note) {
    for (const line of wrap(texts.note, charsPerLine(innerWidth, FOOTER_SIZE - 4), 2)) {
      y += FOOTER_SIZE * 1.35;
      parts.push(text(PAD, y, line, FOOTER_SIZE - 4, "normal", "#555"));
    }
  }
  const height = Math.ceil(y + PAD);

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH_PX}" height="${height}" viewBox="0 0 ${CHART_WIDTH_PX} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    "</svg>",
  ].join("");
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "width", value: CHART_WIDTH_PX },
  });
  return resvg.render().asPng();
}

function text(x: number, y: number, content: string, size: number, weight: string, fill: string): string {
  return `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeHtml(content)}</text>`;
}

function charsPerLine(widthPx: number, fontSize: number): number {
  return Math.floor(widthPx / (fontSize * EM_PER_CHAR));
}

/** Breaks text into at most `maxLines` lines of about `width` characters, ending with "…" when cut. */
function wrap(content: string, width: number, maxLines: number): string[] {
  const words = content.normalize("NFC").split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if ([...candidate].length <= width || current === "") current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  const fitted = lines.map((line) => ([...line].length > width ? `${[...line].slice(0, width - 1).join("")}…` : line));
  if (fitted.length <= maxLines) return fitted;
  const kept = fitted.slice(0, maxLines);
  const last = [...(kept[maxLines - 1] ?? "")];
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, width - 1)).join("")}…`;
  return kept;
}
