import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, sep } from "node:path";
import { gunzipSync } from "node:zlib";
import type { CorpusDoc } from "../index/types.js";
import type { Logger } from "../logger.js";
import type { OcrOptions } from "./ocr.js";
import { keepOriginal } from "./original-files.js";
import { parseDocumentFile } from "./parse-document-file.js";
import { documentKindOf, DocumentFileError } from "./read-document-file.js";
import { parseJsonl } from "./parse-jsonl.js";
import { parseMarkdownDoc } from "./parse-markdown-doc.js";
import { parseSavedPage } from "./parse-saved-page.js";
import type { CorpusProblem, ParsedFile } from "./types.js";

export type { CorpusProblem } from "./types.js";
export { formatProblem } from "./types.js";

/** Documents loaded from a corpus path, with the problems met on the way. */
export interface LoadedCorpus {
  docs: CorpusDoc[];
  problems: CorpusProblem[];
}

/** The corpus path itself is unusable (missing, unreadable, or a file of an unknown kind): a startup error. */
export class CorpusError extends Error {
  override name = "CorpusError";
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

// Bump when a parser changes what it produces, so index snapshots keyed by the fingerprint are rebuilt.
const LOADER_VERSION = 2;

/** Where OCR text is cached when the caller names no place: shared by every run on this machine, keyed by file hash. */
export const DEFAULT_OCR_CACHE_DIR = join(tmpdir(), "civic-bot-ocr-cache");
/** Corpus document files larger than this are skipped, bytes (100 MiB). */
const MAX_DOCUMENT_FILE_BYTES = 100 * 1024 * 1024;

/** Options of {@link loadCorpus}. */
export interface LoadCorpusOptions {
  /** OCR of scanned PDFs; null to refuse them. Defaults to OCR cached in {@link DEFAULT_OCR_CACHE_DIR}. */
  ocr?: OcrOptions | null;
  /** The data folder, where the originals of document files are kept (under their hash) to be sent again. Defaults to none. */
  dataDir?: string | null;
  logger?: Logger;
}

// Files about the corpus rather than in it.
const META_FILE = /^(readme|sources|license|licence|changelog|notice)(\.[a-z]+)?$/i;

type Parser = (text: string, path: string) => ParsedFile;

function parserFor(name: string): Parser | "document" | null {
  const lower = name.toLowerCase();
  if (META_FILE.test(name) || name.startsWith(".")) return null;
  if (documentKindOf(lower)) return "document";
  if (lower.endsWith(".jsonl") || lower.endsWith(".jsonl.gz")) return parseJsonl;
  if (lower.endsWith(".md")) return parseMarkdownDoc;
  if (lower.endsWith(".txt")) return parseSavedPage;
  return null;
}

/**
 * Lists the corpus files under `path` (recursively, sorted, hidden entries and README/SOURCES-like files left out),
 * as paths relative to `path`; for a single file, its own name. Throws {@link CorpusError} for a missing path.
 */
export function listCorpusFiles(path: string): Array<{ file: string; rel: string }> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new CorpusError(`corpus: "${path}" does not exist; set CORPUS_DIR (or --corpus) to a directory or a .jsonl file`, path);
  }
  if (stat.isFile()) {
    if (!parserFor(basename(path)) || META_FILE.test(basename(path))) {
      throw new CorpusError(`corpus: "${path}" is not a corpus file; use a directory, a .jsonl, .jsonl.gz, .pdf, .docx or .doc file`, path);
    }
    return [{ file: path, rel: basename(path) }];
  }
  const found: Array<{ file: string; rel: string }> = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && parserFor(entry.name)) found.push({ file, rel: relative(path, file).split(sep).join("/") });
    }
  };
  walk(path);
  return found;
}

/**
 * Loads the corpus at `path`: a directory read recursively (`.txt` saved pages, `.md` with front matter, `.jsonl`,
 * `.jsonl.gz`, and `.pdf` / `.docx` / `.doc` documents, scanned PDFs OCR'd), or one such file. Text is normalised
 * (NFC, `Ð` → `Đ`). Malformed files and lines, and document files that cannot be read (encrypted, corrupt, too
 * large, an HTML page, nothing found by OCR) are reported in `problems` with the reason (paths as given, joined with
 * `path`) and skipped; a duplicate id is reported and the first one kept. Throws {@link CorpusError} only when `path`
 * itself is unusable.
 *
 * @example
 * const { docs, problems } = await loadCorpus("corpus", { dataDir: "data", ocr: { cacheDir: "data/ocr" } });
 * for (const p of problems) logger.warn(formatProblem(p));
 */
export async function loadCorpus(path: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const single = statSafe(path)?.isFile() ?? false;
  const docs: CorpusDoc[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, rel } of listCorpusFiles(path)) {
    const shown = single ? path : file;
    const parsed = await parseCorpusFile(file, rel, options);
    for (const p of parsed.problems) problems.push({ ...p, path: shown });
    parsed.docs.forEach((doc, i) => {
      const line = parsed.lines[i] ?? null;
      const where = `${shown}${line === null ? "" : ` line ${line}`}`;
      const first = seen.get(doc.id);
      if (first !== undefined) {
        problems.push({ path: shown, line, message: `duplicate id "${doc.id}" (first in ${first}); kept the first` });
        return;
      }
      seen.set(doc.id, where);
      docs.push(doc);
    });
  }
  return { docs, problems };
}

/**
 * Reads one corpus file (`rel` is its path inside the corpus, which ids derive from) into its documents and problems,
 * the same way {@link loadCorpus} reads each file of a directory.
 */
export async function parseCorpusFile(file: string, rel: string, options: LoadCorpusOptions = {}): Promise<ParsedFile> {
  const fail = (message: string): ParsedFile => ({ docs: [], lines: [], problems: [{ path: rel, line: null, message }] });
  const parser = parserFor(basename(file));
  if (!parser) return fail("not a corpus file");
  let bytes: Buffer;
  try {
    if (parser === "document" && statSync(file).size > MAX_DOCUMENT_FILE_BYTES) {
      return fail(`larger than ${MAX_DOCUMENT_FILE_BYTES / 1024 / 1024} MiB; skipped`);
    }
    bytes = readFileSync(file);
    if (parser !== "document") {
      const text = (file.toLowerCase().endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
      return parser(text, rel);
    }
  } catch (err) {
    return fail(`cannot read: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const ocr = options.ocr === undefined ? { cacheDir: DEFAULT_OCR_CACHE_DIR, ...(options.logger ? { logger: options.logger } : {}) } : options.ocr;
    const doc = await parseDocumentFile(bytes, rel, {}, { ocr, ...(options.logger ? { logger: options.logger } : {}) });
    if (options.dataDir && doc.file) keepOriginal(options.dataDir, doc.file.sha256, bytes);
    return { docs: [doc], lines: [1], problems: [] };
  } catch (err) {
    if (err instanceof DocumentFileError) return fail(err.message);
    return fail(`cannot read as a document: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A cheap fingerprint of the corpus at `path`, for keying the index snapshot: a SHA-256 over the loader version and
 * each corpus file's relative path, size and modification time (no file is read). Editing, adding, removing or
 * touching a file changes it; copying the corpus elsewhere with its times kept does not.
 */
export function corpusFingerprint(path: string): string {
  const hash = createHash("sha256").update(`civic-bot corpus v${LOADER_VERSION}\n`);
  for (const { file, rel } of listCorpusFiles(path)) {
    const stat = statSync(file);
    hash.update(`${rel}\t${stat.size}\t${Math.trunc(stat.mtimeMs)}\n`);
  }
  return hash.digest("hex");
}

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
