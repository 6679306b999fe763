import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Logger } from "../logger.js";
import { cleanText } from "./clean-text.js";
import { inflatedSizeWithin } from "./zip-limits.js";
import { ocrPdfPages, type OcrOptions } from "./ocr.js";

/** File kinds the corpus reads as documents. */
export type DocumentFileKind = "pdf" | "docx" | "doc";

/** A file that cannot be read as a document: the reason is for the log, with the file's path. */
export class DocumentFileError extends Error {
  override name = "DocumentFileError";
}

/** Limits on one document file. */
export interface DocumentFileLimits {
  /** Pages of a PDF beyond which the file is refused. Defaults to 500. */
  maxPages?: number;
  /** Uncompressed size of a DOCX (all its parts) beyond which it is refused, bytes. Defaults to 64 MiB. */
  maxInflatedBytes?: number;
}

/** What a document file holds: its text by page (OCR'd where it had none), and what its own properties say. */
export interface DocumentFileText {
  kind: DocumentFileKind;
  /** SHA-256 of the file's bytes, hex: the key of the OCR cache and of the kept original. */
  sha256: string;
  /** Text of each page (one element for Word files). */
  pages: string[];
  /** Pages whose text came from OCR (1-based). */
  ocrPages: number[];
  /** The title in the file's properties, when it is a real title rather than a file name or a template's. */
  title: string | null;
  /** MIME type of the file. */
  mime: string;
}

/** Options of {@link readDocumentFile}. */
export interface ReadDocumentOptions extends DocumentFileLimits {
  /** OCR of scanned pages; without it a PDF with no text layer is refused. */
  ocr?: OcrOptions | null;
  logger?: Logger;
}

const MAX_PAGES = 500;
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
// A page whose text layer has fewer letters than this is taken as a scan (stamps and page numbers aside).
const MIN_TEXT_LETTERS_PER_PAGE = 40;

const MIME: Record<DocumentFileKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
};

/** The document kind a file name says, or null. */
export function documentKindOf(name: string): DocumentFileKind | null {
  const match = /\.(pdf|docx|doc)$/i.exec(name);
  return match ? (match[1]!.toLowerCase() as DocumentFileKind) : null;
}

/** The MIME type of a document kind. */
export function documentMime(kind: DocumentFileKind): string {
  return MIME[kind];
}

/**
 * The kind the bytes really are (by their signature), whatever the name says: a site that answers a missing
 * attachment with its HTML error page must not be read as a document.
 */
export function sniffDocumentKind(bytes: Uint8Array): DocumentFileKind | "html" | null {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.subarray(0, 5).toString("latin1") === "%PDF-" || head.indexOf("%PDF-") >= 0) return "pdf";
  if (head.readUInt32LE(0) === 0x04034b50) return "docx";
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) return "doc";
  if (/^\s*(<!doctype html|<html|<head|<body|<\?xml|<)/i.test(head.toString("utf8"))) return "html";
  return null;
}

/**
 * Reads a PDF, DOCX or DOC file's text. A PDF page without a text layer is OCR'd (when `ocr` is given), a file's own
 * title is taken when it is a real one. Throws {@link DocumentFileError} with the reason for a file that cannot be
 * read: not what its name says (an HTML page), encrypted, corrupt, too many pages, a DOCX that inflates beyond the
 * limit, or no text at all (OCR included).
 */
export async function readDocumentFile(bytes: Uint8Array, name: string, options: ReadDocumentOptions = {}): Promise<DocumentFileText> {
  const named = documentKindOf(name);
  const sniffed = sniffDocumentKind(bytes);
  if (sniffed === "html") throw new DocumentFileError("an HTML page, not a document file (the site probably answered with an error page)");
  // .doc files are often DOCX renamed and the other way round: the bytes decide.
  const kind = sniffed ?? named;
  if (!kind) throw new DocumentFileError("not a PDF, DOCX or DOC file (unknown signature)");
  if (named === "pdf" && kind !== "pdf") throw new DocumentFileError("named .pdf but is not a PDF file");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const base = { kind, sha256, mime: MIME[kind] };
  const result =
    kind === "pdf" ? await readPdf(bytes, sha256, name, options) : kind === "docx" ? await readDocx(bytes, options) : await readDoc(bytes);
  const pages = result.pages.map((p) => cleanText(p));
  if (pages.every((p) => countLetters(p) === 0)) {
    throw new DocumentFileError(result.ocrPages.length > 0 ? "no text found, not even by OCR" : "no text in the file");
  }
  return { ...base, ...result, pages, title: usableTitle(result.title) };
}

const countLetters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

// Titles that are file names or what a word processor fills in by itself are not the document's title.
function usableTitle(title: string | null | undefined): string | null {
  const value = cleanText(title ?? "").replace(/\s+/g, " ").trim();
  if (value.length < 8) return null;
  if (/^(microsoft word|untitled|document|tài liệu|văn bản)\b/i.test(value) || /\.(docx?|pdf|rtf|odt)$/i.test(value)) return null;
  return value;
}

type PdfModule = typeof import("unpdf");
let unpdf: Promise<PdfModule> | null = null;
// Loaded on first use: most starts read no PDF, and pdf.js takes a moment to load.
const loadUnpdf = () => (unpdf ??= import("unpdf"));

async function readPdf(bytes: Uint8Array, sha256: string, name: string, options: ReadDocumentOptions) {
  const { getDocumentProxy, extractText, getMeta } = await loadUnpdf();
  let pdf;
  try {
    // pdf.js takes ownership of the buffer it is given: pass a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 } as never);
  } catch (err) {
    const what = err instanceof Error ? err.name : "";
    if (what === "PasswordException") throw new DocumentFileError("encrypted PDF (needs a password); publish it without protection");
    throw new DocumentFileError(`not a valid PDF (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    const maxPages = options.maxPages ?? MAX_PAGES;
    if (pdf.numPages > maxPages) throw new DocumentFileError(`${pdf.numPages} pages, over the limit of ${maxPages}`);
    const { text } = await extractText(pdf, { mergePages: false });
    const pages = [...text];
    const scanned = pages.flatMap((p, i) => (countLetters(p) < MIN_TEXT_LETTERS_PER_PAGE ? [i + 1] : []));
    let ocrPages: number[] = [];
    if (scanned.length > 0 && options.ocr) {
      const ocrText = await ocrPdfPages(pdf, scanned, { sha256, name }, options.ocr);
      for (const [page, pageText] of ocrText) {
        // Keep what the text layer had when OCR found less (a page number, a stamp's words).
        if (countLetters(pageText) > countLetters(pages[page - 1]!)) pages[page - 1] = pageText;
      }
      ocrPages = [...ocrText.keys()];
    } else if (scanned.length === pages.length && !options.ocr) {
      throw new DocumentFileError("a scan with no text layer, and OCR is not enabled");
    }
    let title: string | null = null;
    try {
      const info = (await getMeta(pdf)).info as { Title?: unknown };
      title = typeof info.Title === "string" ? info.Title : null;
    } catch {
      // A broken info dictionary loses only the title.
    }
    return { pages, ocrPages, title };
  } finally {
    await pdf.destroy();
  }
}

const require = createRequire(import.meta.url);

async function readDocx(bytes: Uint8Array, options: ReadDocumentOptions) {
  const limit = options.maxInflatedBytes ?? MAX_INFLATED_BYTES;
  const check = await inflatedSizeWithin(Buffer.from(bytes), limit);
  if (!check.ok) throw new DocumentFileError(check.reason);
  const mammoth = require("mammoth") as typeof import("mammoth");
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }));
  } catch (err) {
    throw new DocumentFileError(`not a valid DOCX (${err instanceof Error ? err.message : String(err)})`);
  }
  const title = check.coreXml ? (/<dc:title>([^<]*)<\/dc:title>/.exec(check.coreXml)?.[1] ?? null) : null;
  return { pages: [value], ocrPages: [], title: title ? decodeXml(title) : null };
}

const decodeXml = (text: string) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

interface WordExtractorDoc {
  getBody(): string;
}

async function readDoc(bytes: Uint8Array) {
  const WordExtractor = require("word-extractor") as new () => { extract(source: Buffer): Promise<WordExtractorDoc> };
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes));
    return { pages: [doc.getBody()], ocrPages: [], title: null };
  } catch (err) {
    throw new DocumentFileError(`not a valid Word .doc file (${err instanceof Error ? err.message : String(err)})`);
  }
}
