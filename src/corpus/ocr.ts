import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { PDFDocumentProxy } from "unpdf/pdfjs";
import type { Logger } from "../logger.js";
import { temporaryPath } from "./temporary-path.js";

/** Options of the OCR of scanned PDF pages. */
export interface OcrOptions {
  /** Where the text of OCR'd files is kept by file hash, so a restart never OCRs a file again; null keeps it in memory only. */
  cacheDir: string | null;
  /** Pages OCR'd per file at most; later pages are left out and logged. Defaults to 60. */
  maxPages?: number;
  /** Time allowed for one file, ms; pages not reached by then are left out and logged. Defaults to 10 minutes. */
  timeoutMs?: number;
  logger?: Logger;
}

/** The OCR cache's format: bump when the rendering or the recognition changes what comes out. */
const OCR_VERSION = 1;
const MAX_PAGES = 60;
const TIMEOUT_MS = 10 * 60_000;
// 2 × 72 dpi = 144 dpi: near the 150-300 dpi of office scans, and Tesseract reads 12-13 pt text well at it.
const RENDER_SCALE = 2;

const require = createRequire(import.meta.url);
// The Vietnamese model ships in an npm package: nothing is downloaded at run time.
const VIE = require("@tesseract.js-data/vie") as { langPath: string; gzip: boolean };

interface CachedFile {
  version: number;
  pages: Record<string, string>;
}

const memory = new Map<string, Map<number, string>>();

function readCache(cacheDir: string | null, sha256: string): Map<number, string> {
  // Without a cache folder the text is kept for the life of the process.
  const inMemory = cacheDir ? undefined : memory.get(sha256);
  if (inMemory) return inMemory;
  const pages = new Map<number, string>();
  if (cacheDir) {
    try {
      const cached = JSON.parse(readFileSync(join(cacheDir, `${sha256}.json`), "utf8")) as CachedFile;
      if (cached.version === OCR_VERSION) for (const [page, text] of Object.entries(cached.pages)) pages.set(Number(page), text);
    } catch {
      // No cache yet, or an unreadable one: OCR again.
    }
  }
  if (!cacheDir) memory.set(sha256, pages);
  return pages;
}

function writeCache(cacheDir: string | null, sha256: string, pages: Map<number, string>, logger?: Logger): void {
  if (!cacheDir) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = join(cacheDir, `${sha256}.json`);
    const temp = temporaryPath(file);
    const body: CachedFile = { version: OCR_VERSION, pages: Object.fromEntries(pages) };
    writeFileSync(temp, JSON.stringify(body));
    // Atomic: two processes OCR'ing the same file at once each write a whole cache file.
    renameSync(temp, file);
  } catch (err) {
    logger?.warn({ err, cacheDir }, "ocr: could not write the cache; the file will be OCR'd again next time");
  }
}

/**
 * OCRs the given pages (1-based) of a PDF in Vietnamese: each page is rendered to a picture and read by Tesseract,
 * which runs in its own worker thread so the process stays responsive. Text is cached by the file's SHA-256 (in
 * `cacheDir`, and in memory), page by page, so an interrupted file resumes and a restart OCRs nothing again. Bounded
 * by `maxPages` and `timeoutMs`; progress is logged for long files.
 */
export async function ocrPdfPages(
  pdf: PDFDocumentProxy,
  pages: number[],
  file: { sha256: string; name: string },
  options: OcrOptions,
): Promise<Map<number, string>> {
  const { logger } = options;
  const cache = readCache(options.cacheDir, file.sha256);
  const maxPages = options.maxPages ?? MAX_PAGES;
  const wanted = pages.slice(0, maxPages);
  if (pages.length > maxPages) {
    logger?.warn({ file: file.name, pages: pages.length, maxPages }, "ocr: too many scanned pages; only the first are read");
  }
  const missing = wanted.filter((p) => !cache.has(p));
  if (missing.length > 0) {
    const deadline = Date.now() + (options.timeoutMs ?? TIMEOUT_MS);
    const { createWorker, OEM } = await import("tesseract.js");
    const { renderPageAsImage } = await import("unpdf");
    const worker = await createWorker("vie", OEM.LSTM_ONLY, { langPath: VIE.langPath, gzip: VIE.gzip, cacheMethod: "none" });
    const started = Date.now();
    logger?.info({ file: file.name, pages: missing.length }, "ocr: reading scanned pages");
    try {
      for (const [i, page] of missing.entries()) {
        const left = deadline - Date.now();
        if (left <= 0) {
          logger?.warn({ file: file.name, done: i, pages: missing.length }, "ocr: time limit reached; the remaining pages are left out");
          break;
        }
        const png = await renderPageAsImage(pdf, page, { canvasImport: () => import("@napi-rs/canvas"), scale: RENDER_SCALE });
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)));
        const result = await Promise.race([worker.recognize(Buffer.from(png)), timedOut]);
        clearTimeout(timer);
        if (result === null) {
          logger?.warn({ file: file.name, page }, "ocr: time limit reached during a page; the remaining pages are left out");
          break;
        }
        cache.set(page, result.data.text);
        writeCache(options.cacheDir, file.sha256, cache, logger);
        logger?.info({ file: file.name, page, done: i + 1, pages: missing.length, ms: Date.now() - started }, "ocr: page read");
      }
    } finally {
      await worker.terminate();
    }
  }
  const out = new Map<number, string>();
  for (const page of wanted) {
    const text = cache.get(page);
    if (text !== undefined) out.set(page, text);
  }
  return out;
}
