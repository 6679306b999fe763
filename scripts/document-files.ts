import fontkit from "@pdf-lib/fontkit";
import { Resvg } from "@resvg/resvg-js";
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PDFDocument, type PDFFont } from "pdf-lib";

// Writes an administrative document (the layout of Nghị định 30/2020/NĐ-CP: issuer and national motto side by side,
// number and place-date under them, type and summary centred, body, then the recipients and the signature side by
// side) as a text PDF, a DOCX and an image-only PDF (the same pages rendered to pictures, as a scan of the signed
// paper is). Used by the scripts that build the demo corpus and the test fixtures; not part of the bot.

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");
const FONT_FAMILY = "DejaVu Sans";

/** An administrative document to write out, line by line as it is printed. */
export interface AdminDocument {
  /** Issuing body, one line each (`ỦY BAN NHÂN DÂN`, `THÀNH PHỐ ĐÔNG HÀ`). */
  issuer: string[];
  /** National motto lines, or the party's (`ĐẢNG CỘNG SẢN VIỆT NAM`). */
  motto: string[];
  /** The number line as printed (`Số: 123/QĐ-UBND`, `Bộ luật số: 45/2019/QH14`). */
  numberLine: string;
  /** `Đông Hà, ngày 12 tháng 3 năm 2024`, when the document prints one. */
  placeDate?: string;
  /** `QUYẾT ĐỊNH`, `BỘ LUẬT`. */
  type: string;
  /** The summary (trích yếu) under the type, one or more lines. */
  summary: string[];
  /** Paragraphs; a paragraph starting with `Chương` or `Điều N.` is printed in bold. */
  body: string[];
  /** The recipients block, its first line `Nơi nhận:`; empty when the document has none. */
  recipients: string[];
  /** Signature block: the capacity lines, then the signer's name. */
  signature: string[];
  /** Document properties written in the file (title, subject, author). */
  properties: { title: string; subject?: string; author?: string };
}

/** A4 in PDF points. */
const PAGE_WIDTH_PT = 595.28;
const PAGE_HEIGHT_PT = 841.89;
// Margins of Nghị định 30/2020: 30 mm left, 20 mm right, 20 mm top and bottom (1 mm = 2.835 pt).
const MARGIN_LEFT_PT = 85;
const MARGIN_RIGHT_PT = 57;
const MARGIN_TOP_PT = 57;
const MARGIN_BOTTOM_PT = 57;
const TEXT_SIZE_PT = 12;
const HEADER_SIZE_PT = 11;
const LINE_GAP = 1.45;
// Header columns: the issuer on the left third, the motto on the right.
const LEFT_COLUMN_PT = 190;
/** Resolution of the image-only PDF, dots per inch: what an office scanner uses for text. */
export const SCAN_DPI = 150;

interface PlacedLine {
  text: string;
  /** Left edge, points from the page's left. */
  x: number;
  /** Baseline, points from the page's top. */
  y: number;
  size: number;
  bold: boolean;
}

interface Measure {
  width(text: string, size: number, bold: boolean): number;
}

function wrap(text: string, maxWidth: number, size: number, bold: boolean, measure: Measure): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure.width(next, size, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lays the document out on A4 pages: every line with its position, size and weight. */
function layout(doc: AdminDocument, measure: Measure): PlacedLine[][] {
  const pages: PlacedLine[][] = [[]];
  const right = PAGE_WIDTH_PT - MARGIN_RIGHT_PT;
  const width = right - MARGIN_LEFT_PT;
  let y = MARGIN_TOP_PT + HEADER_SIZE_PT;
  const put = (text: string, x: number, yy: number, size: number, bold: boolean) => pages.at(-1)!.push({ text, x, y: yy, size, bold });
  const centred = (text: string, left: number, columnWidth: number, yy: number, size: number, bold: boolean) =>
    put(text, left + (columnWidth - measure.width(text, size, bold)) / 2, yy, size, bold);
  const step = (size: number) => size * LINE_GAP;
  const newPageIfNeeded = (size: number) => {
    if (y + step(size) > PAGE_HEIGHT_PT - MARGIN_BOTTOM_PT) {
      pages.push([]);
      y = MARGIN_TOP_PT + size;
    }
  };

  // Header: issuer | motto, then number | place and date.
  const headerRows = Math.max(doc.issuer.length, doc.motto.length);
  const motLeft = MARGIN_LEFT_PT + LEFT_COLUMN_PT;
  for (let i = 0; i < headerRows; i++) {
    const issuer = doc.issuer[i];
    const motto = doc.motto[i];
    if (issuer) centred(issuer, MARGIN_LEFT_PT - 30, LEFT_COLUMN_PT, y, HEADER_SIZE_PT, i === doc.issuer.length - 1);
    if (motto) centred(motto, motLeft, right - motLeft, y, HEADER_SIZE_PT, true);
    y += step(HEADER_SIZE_PT);
  }
  y += step(HEADER_SIZE_PT) * 0.5;
  centred(doc.numberLine, MARGIN_LEFT_PT - 30, LEFT_COLUMN_PT, y, HEADER_SIZE_PT, false);
  if (doc.placeDate) centred(doc.placeDate, motLeft, right - motLeft, y, HEADER_SIZE_PT, false);
  y += step(HEADER_SIZE_PT) * 2.5;

  centred(doc.type, MARGIN_LEFT_PT, width, y, TEXT_SIZE_PT + 2, true);
  y += step(TEXT_SIZE_PT + 2);
  for (const line of doc.summary) {
    for (const part of wrap(line, width * 0.8, TEXT_SIZE_PT, true, measure)) {
      centred(part, MARGIN_LEFT_PT, width, y, TEXT_SIZE_PT, true);
      y += step(TEXT_SIZE_PT);
    }
  }
  y += step(TEXT_SIZE_PT);

  for (const paragraph of doc.body) {
    const bold = /^(Chương [IVXLC\d]+|Điều \d+\.|Mục \d+\.)/.test(paragraph);
    const lines = wrap(paragraph, width, TEXT_SIZE_PT, bold, measure);
    lines.forEach((line, i) => {
      newPageIfNeeded(TEXT_SIZE_PT);
      // First-line indent of a paragraph, as Word prints it.
      put(line, MARGIN_LEFT_PT + (i === 0 && !bold ? 28 : 0), y, TEXT_SIZE_PT, bold);
      y += step(TEXT_SIZE_PT);
    });
    y += TEXT_SIZE_PT * 0.3;
  }

  // Recipients (left, small) beside the signature (right, centred); both start on the same row.
  const blockRows = Math.max(doc.recipients.length, doc.signature.length + 3);
  if (y + blockRows * step(HEADER_SIZE_PT) > PAGE_HEIGHT_PT - MARGIN_BOTTOM_PT) {
    pages.push([]);
    y = MARGIN_TOP_PT + HEADER_SIZE_PT;
  }
  y += step(TEXT_SIZE_PT);
  const signLeft = MARGIN_LEFT_PT + width * 0.45;
  const top = y;
  doc.recipients.forEach((line, i) => put(line, MARGIN_LEFT_PT, top + i * step(HEADER_SIZE_PT - 1), HEADER_SIZE_PT - 1, i === 0));
  doc.signature.forEach((line, i) => {
    const last = i === doc.signature.length - 1;
    // The signer's name stands under the space left for the signature and the seal.
    const yy = top + (last ? i + 3 : i) * step(TEXT_SIZE_PT);
    centred(line, signLeft, right - signLeft, yy, TEXT_SIZE_PT, true);
  });
  return pages;
}

async function pdfWithFonts(properties: AdminDocument["properties"]) {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(readFileSync(FONT_REGULAR), { subset: true });
  const bold = await pdf.embedFont(readFileSync(FONT_BOLD), { subset: true });
  pdf.setTitle(properties.title);
  if (properties.subject) pdf.setSubject(properties.subject);
  if (properties.author) pdf.setAuthor(properties.author);
  pdf.setProducer("civic-bot document builder");
  pdf.setCreator("civic-bot document builder");
  // Fixed dates keep the file (and so its hash and the OCR cache key) the same on every build.
  pdf.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  return { pdf, regular, bold };
}

const fontMeasure = (regular: PDFFont, bold: PDFFont): Measure => ({
  width: (text, size, isBold) => (isBold ? bold : regular).widthOfTextAtSize(text, size),
});

/** Writes the document as a PDF with a text layer (DejaVu Sans embedded: every Vietnamese letter). */
export async function textPdf(doc: AdminDocument): Promise<Uint8Array> {
  const { pdf, regular, bold } = await pdfWithFonts(doc.properties);
  for (const lines of layout(doc, fontMeasure(regular, bold))) {
    const page = pdf.addPage([PAGE_WIDTH_PT, PAGE_HEIGHT_PT]);
    for (const l of lines) page.drawText(l.text, { x: l.x, y: PAGE_HEIGHT_PT - l.y, size: l.size, font: l.bold ? bold : regular });
  }
  return pdf.save({ useObjectStreams: false });
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Renders the pages as PNG pictures at {@link SCAN_DPI}, as a scanner would. */
export async function pagePictures(doc: AdminDocument): Promise<Buffer[]> {
  const { regular, bold } = await pdfWithFonts(doc.properties);
  const scale = SCAN_DPI / 72;
  const widthPx = Math.round(PAGE_WIDTH_PT * scale);
  const heightPx = Math.round(PAGE_HEIGHT_PT * scale);
  return layout(doc, fontMeasure(regular, bold)).map((lines) => {
    const texts = lines
      .map((l) => `<text x="${(l.x * scale).toFixed(1)}" y="${(l.y * scale).toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${(l.size * scale).toFixed(1)}" font-weight="${l.bold ? 700 : 400}" fill="#111">${escapeXml(l.text)}</text>`)
      .join("");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}"><rect width="100%" height="100%" fill="#fff"/>${texts}</svg>`;
    const resvg = new Resvg(svg, { font: { fontFiles: [FONT_REGULAR, FONT_BOLD], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } });
    return resvg.render().asPng();
  });
}

/** Writes the document as a PDF of page pictures only, with no text layer: what a scan of the paper gives. */
export async function imagePdf(doc: AdminDocument): Promise<Uint8Array> {
  const pictures = await pagePictures(doc);
  const { pdf } = await pdfWithFonts(doc.properties);
  for (const png of pictures) {
    const image = await pdf.embedPng(png);
    const page = pdf.addPage([PAGE_WIDTH_PT, PAGE_HEIGHT_PT]);
    page.drawImage(image, { x: 0, y: 0, width: PAGE_WIDTH_PT, height: PAGE_HEIGHT_PT });
  }
  return pdf.save({ useObjectStreams: false });
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

const para = (text: string, options: { bold?: boolean; centred?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment: options.centred ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    children: [new TextRun({ text, bold: options.bold ?? false, font: "Times New Roman", size: (options.size ?? 13) * 2 })],
  });

function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  const cell = (children: Paragraph[], pct: number) => new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDERS.top, insideVertical: NO_BORDERS.top },
    rows: [new TableRow({ children: [cell(left, 40), cell(right, 60)] })],
  });
}

/** Writes the document as a Word file laid out as offices do: the header and the signature as borderless tables. */
export async function docxFile(doc: AdminDocument): Promise<Buffer> {
  const header = twoColumns(
    [...doc.issuer.map((l, i) => para(l, { bold: i === doc.issuer.length - 1, centred: true })), para(doc.numberLine, { centred: true })],
    [...doc.motto.map((l) => para(l, { bold: true, centred: true })), ...(doc.placeDate ? [para(doc.placeDate, { centred: true })] : [])],
  );
  const footer = twoColumns(
    doc.recipients.map((l, i) => para(l, { bold: i === 0, size: 11 })),
    doc.signature.map((l) => para(l, { bold: true, centred: true })),
  );
  const document = new Document({
    title: doc.properties.title,
    ...(doc.properties.subject ? { subject: doc.properties.subject } : {}),
    ...(doc.properties.author ? { creator: doc.properties.author } : {}),
    sections: [
      {
        children: [
          header,
          para(""),
          para(doc.type, { bold: true, centred: true, size: 14 }),
          ...doc.summary.map((l) => para(l, { bold: true, centred: true })),
          para(""),
          ...doc.body.map((p) => para(p, { bold: /^(Chương [IVXLC\d]+|Điều \d+\.|Mục \d+\.)/.test(p) })),
          para(""),
          footer,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
