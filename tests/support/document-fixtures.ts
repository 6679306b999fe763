import JSZip from "jszip";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { docxFile, imagePdf, textPdf, type AdminDocument } from "../../scripts/document-files.js";

/** Articles 109-112 of the Labour Code 2019 with its header and signature (real text, see tests/fixtures/README.md). */
export const LABOUR_CODE: AdminDocument = JSON.parse(
  readFileSync(new URL("../fixtures/documents/labour-code-109-112.json", import.meta.url), "utf8"),
) as AdminDocument;

/** The encrypted PDF fixture (the same document, with a user password). */
export const ENCRYPTED_PDF = new URL("../fixtures/documents/encrypted.pdf", import.meta.url);

export { TEST_OCR_CACHE } from "./document-files-paths.js";

/** Writes the Labour Code excerpt as a text PDF, a DOCX and an image-only PDF into `dir`; returns their paths. */
export async function writeLabourCodeFiles(dir: string): Promise<{ pdf: string; docx: string; scan: string }> {
  const paths = { pdf: join(dir, "bo-luat-lao-dong.pdf"), docx: join(dir, "bo-luat-lao-dong.docx"), scan: join(dir, "bo-luat-lao-dong-ban-chup.pdf") };
  writeFileSync(paths.pdf, await textPdf(LABOUR_CODE));
  writeFileSync(paths.docx, await docxFile(LABOUR_CODE));
  writeFileSync(paths.scan, await imagePdf(LABOUR_CODE));
  return paths;
}

/** A DOCX whose document part inflates to `inflatedBytes` of spaces: a small "zip bomb". */
export async function zipBombDocx(inflatedBytes: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file("word/document.xml", Buffer.alloc(inflatedBytes, 0x20));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** A PDF of `pages` pages, each with one line of text. */
export async function manyPagesPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) pdf.addPage([200, 200]).drawText(`Trang ${i + 1}`, { x: 20, y: 100, size: 12 });
  return pdf.save();
}

/** An image-only PDF of one blank page: OCR finds nothing on it. */
export async function blankScanPdf(): Promise<Uint8Array> {
  return imagePdf({ ...LABOUR_CODE, issuer: [], motto: [], numberLine: "", type: "", summary: [], body: [], recipients: [], signature: [] });
}
