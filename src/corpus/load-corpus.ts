import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { gunzipSync } from "node:zlib";
import type { CorpusDoc } from "../index/types.js";
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
const LOADER_VERSION = 1;

// Files about the corpus rather than in it.
const META_FILE = /^(readme|sources|license|licence|changelog|notice)(\.[a-z]+)?$/i;

type Parser = (text: string, path: string) => ParsedFile;

function parserFor(name: string): Parser | null {
  const lower = name.toLowerCase();
  if (META_FILE.test(name) || name.startsWith(".")) return null;
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
      throw new CorpusError(`corpus: "${path}" is not a corpus file; use a directory, a .jsonl or a .jsonl.gz file`, path);
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
 * `.jsonl.gz`), or one such file. Text is normalised (NFC, `Ð` → `Đ`). Malformed files and lines are reported in
 * `problems` (paths as given, joined with `path`) and skipped; a duplicate id is reported and the first one kept.
 * Throws {@link CorpusError} only when `path` itself is unusable.
 *
 * @example
 * const { docs, problems } = loadCorpus("corpus");
 * for (const p of problems) logger.warn(formatProblem(p));
 */
export function loadCorpus(path: string): LoadedCorpus {
  const single = statSafe(path)?.isFile() ?? false;
  const docs: CorpusDoc[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, rel } of listCorpusFiles(path)) {
    const shown = single ? path : file;
    let text: string;
    try {
      const bytes = readFileSync(file);
      text = (file.toLowerCase().endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
    } catch (err) {
      problems.push({ path: shown, line: null, message: `cannot read: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    const parsed = parserFor(basename(file))!(text, rel);
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
