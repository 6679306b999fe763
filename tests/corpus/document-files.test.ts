import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem, loadCorpus } from "../../src/corpus/load-corpus.js";
import { parseDocumentFile } from "../../src/corpus/parse-document-file.js";
import { DocumentFileError, readDocumentFile } from "../../src/corpus/read-document-file.js";
import {
  blankScanPdf,
  ENCRYPTED_PDF,
  manyPagesPdf,
  TEST_OCR_CACHE,
  writeLabourCodeFiles,
  zipBombDocx,
} from "../support/document-fixtures.js";

let dir: string;
let files: Awaited<ReturnType<typeof writeLabourCodeFiles>>;
const ocr = { cacheDir: TEST_OCR_CACHE };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "civic-docs-"));
  files = await writeLabourCodeFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string) => parseDocumentFile(readFileSync(path), path.split("/").pop()!, {}, { ocr });

describe("document files of the Labour Code excerpt", () => {
  it.each(["pdf", "docx"] as const)("reads the text and the metadata of the %s", async (kind) => {
    const doc = await read(files[kind]);
    expect(doc).toMatchObject({
      type: "document",
      number: "45/2019/QH14",
      issuer: "QUỐC HỘI",
      kind: "Bộ luật",
      date: "2019-11-20",
      signer: "Nguyễn Thị Kim Ngân",
      // The file's own title wins over the one read from the layout ("Bộ luật Lao động").
      title: "Bộ luật Lao động 2019 (trích Điều 109 đến Điều 112)",
    });
    expect(doc.body).toContain("b) Tết Âm lịch: 05 ngày;");
    expect(doc.body).toContain("1. Người lao động làm việc theo thời giờ làm việc quy định tại Điều 105 của Bộ luật này từ 06 giờ trở lên");
    // Header and signature block are not answerable text.
    expect(doc.body).not.toContain("Độc lập - Tự do - Hạnh phúc");
    expect(doc.body).not.toContain("Nguyễn Thị Kim Ngân");
    expect(doc.body.startsWith("Căn cứ Hiến pháp")).toBe(true);
    expect(doc.file).toMatchObject({ name: files[kind].split("/").pop(), bytes: readFileSync(files[kind]).length });
  });

  it("OCRs the image-only PDF and finds the number and the date exactly", async () => {
    const doc = await read(files.scan);
    expect(doc.number).toBe("45/2019/QH14");
    expect(doc.date).toBe("2019-11-20");
    expect(doc.issuer).toBe("QUỐC HỘI");
    expect(doc.body).toMatch(/Tết Âm lịch: 05 ngày/);
  });

  it("keeps OCR text by file hash, so the same file is never OCR'd twice", async () => {
    const first = await readDocumentFile(readFileSync(files.scan), "scan.pdf", { ocr });
    expect(first.ocrPages).toEqual([1, 2]);
    const cacheFile = join(TEST_OCR_CACHE, `${first.sha256}.json`);
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as { version: number; pages: Record<string, string> };
    // What is in the cache is what is read: a changed cache proves no second OCR ran.
    const tampered = mkdtempSync(join(tmpdir(), "civic-ocr-"));
    try {
      writeFileSync(join(tampered, `${first.sha256}.json`), JSON.stringify({ ...cached, pages: { ...cached.pages, "2": "Trang đã đọc: 7.210 đảng viên." } }));
      const second = await readDocumentFile(readFileSync(files.scan), "scan.pdf", { ocr: { cacheDir: tampered } });
      expect(second.pages[1]).toBe("Trang đã đọc: 7.210 đảng viên.");
      expect(second.pages[0]).toBe(cached.pages["1"]);
    } finally {
      rmSync(tampered, { recursive: true, force: true });
    }
  });
});

describe("bad document files", () => {
  const reason = async (bytes: Uint8Array, name: string, options = {}) => {
    try {
      await readDocumentFile(bytes, name, { ocr, ...options });
    } catch (err) {
      expect(err).toBeInstanceOf(DocumentFileError);
      return (err as Error).message;
    }
    throw new Error("read without error");
  };

  it("refuses an encrypted PDF", async () => {
    expect(await reason(readFileSync(ENCRYPTED_PDF), "encrypted.pdf")).toMatch(/^encrypted PDF/);
  });

  it("refuses a corrupt PDF", async () => {
    const whole = readFileSync(files.pdf);
    expect(await reason(whole.subarray(0, 900), "cut.pdf")).toMatch(/^not a valid PDF/);
  });

  it("refuses a PDF over the page limit", async () => {
    expect(await reason(await manyPagesPdf(900), "900.pdf")).toBe("900 pages, over the limit of 500");
  });

  it("refuses a DOCX that inflates beyond the limit", async () => {
    const bomb = await zipBombDocx(20 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await reason(bomb, "bomb.docx", { maxInflatedBytes: 8 * 1024 * 1024 })).toMatch(/^inflates to more than 8 MiB/);
  });

  it("refuses an HTML error page saved as an attachment", async () => {
    const page = Buffer.from("<!DOCTYPE html><html><body><h1>404 Không tìm thấy trang</h1></body></html>");
    expect(await reason(page, "qd-123.pdf")).toMatch(/^an HTML page, not a document file/);
  });

  it("refuses a scan in which OCR finds nothing", async () => {
    expect(await reason(await blankScanPdf(), "blank.pdf")).toBe("no text found, not even by OCR");
  });
});

describe("document files in a corpus folder", () => {
  it("loads the good files and reports each bad one with its path and reason", async () => {
    const root = mkdtempSync(join(tmpdir(), "civic-docs-corpus-"));
    const data = mkdtempSync(join(tmpdir(), "civic-docs-data-"));
    try {
      writeFileSync(join(root, "qd.docx"), readFileSync(files.docx));
      writeFileSync(join(root, "luat.pdf"), readFileSync(files.pdf));
      writeFileSync(join(root, "loi.pdf"), "<html><body>502 Bad Gateway</body></html>");
      writeFileSync(join(root, "khoa.pdf"), readFileSync(ENCRYPTED_PDF));
      const { docs, problems } = await loadCorpus(root, { dataDir: data, ocr });
      expect(docs.map((d) => d.id)).toEqual(["luat", "qd"]);
      expect(problems.map(formatProblem)).toEqual([
        `${join(root, "khoa.pdf")}: encrypted PDF (needs a password); publish it without protection`,
        `${join(root, "loi.pdf")}: an HTML page, not a document file (the site probably answered with an error page)`,
      ]);
      // The originals are kept under their hash, to be sent again.
      const kept = readdirSync(join(data, "files"), { recursive: true }).filter((f) => String(f).length > 60);
      expect(kept.length).toBe(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }
  });
});
