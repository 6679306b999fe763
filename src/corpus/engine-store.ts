import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { ENGINE_SETTINGS, createEngine, restoreEngine, type VietEngine } from "../index/engine.js";
import { SnapshotError, decodeSnapshot, encodeSnapshot } from "../index/snapshot.js";
import type { Logger } from "../logger.js";
import { corpusFingerprint, loadCorpus, type CorpusProblem } from "./load-corpus.js";
import type { OcrOptions } from "./ocr.js";
import { temporaryPath } from "./temporary-path.js";

/** What the snapshot header records, to tell whether it belongs to the corpus at hand. */
interface SnapshotMeta {
  corpus: string;
  fingerprint: string;
  settings: number;
  builtAt: string;
}

/** Options of {@link loadEngine}. */
export interface LoadEngineOptions {
  /** The corpus: a directory, or one `.jsonl` / `.jsonl.gz` file. */
  corpusPath: string;
  /** Where the snapshot is kept. */
  dataDir: string;
  logger?: Logger;
  /** OCR of scanned PDFs in the corpus. Defaults to OCR cached in `dataDir/ocr`. */
  ocr?: OcrOptions | null;
  /**
   * Keeps the snapshot's bytes in a SharedArrayBuffer (`shared`), with the engine's arrays as views
   * of them, so that worker threads restore their engines over the same memory. Defaults to false.
   */
  shared?: boolean;
}

/** The engine ready for questions, and how it was obtained. */
export interface LoadedEngine {
  engine: VietEngine;
  /** `snapshot` when reloaded, `built` when the corpus was read and indexed. */
  origin: "snapshot" | "built";
  /** Problems met while reading the corpus (only when built). */
  problems: CorpusProblem[];
  /** The snapshot bytes in shared memory, the engine restored over them (only with `shared`). */
  shared: Uint8Array | null;
  /** Saves the current state (after documents were added or removed) over the snapshot. */
  save(): void;
}

/** Path of the snapshot for a corpus path: one file per corpus, in `dataDir`. */
export function snapshotPath(corpusPath: string, dataDir: string): string {
  const key = createHash("sha256").update(resolve(corpusPath)).digest("hex").slice(0, 12);
  return join(dataDir, `index-${key}.snapshot`);
}

/**
 * Loads the engine for a corpus: from its snapshot when the corpus has not changed since, otherwise
 * by reading and indexing the corpus and writing a new snapshot. A missing, stale or corrupt
 * snapshot is rebuilt, never fatal.
 */
export async function loadEngine(options: LoadEngineOptions): Promise<LoadedEngine> {
  const { corpusPath, dataDir, logger, shared = false } = options;
  const file = snapshotPath(corpusPath, dataDir);
  const fingerprint = corpusFingerprint(corpusPath);
  const meta: SnapshotMeta = {
    corpus: resolve(corpusPath),
    fingerprint,
    settings: ENGINE_SETTINGS.version,
    builtAt: new Date().toISOString(),
  };
  const save = (engine: VietEngine) => () =>
    writeSnapshot(file, encodeSnapshot(engine.exportState(), { ...meta, builtAt: new Date().toISOString() }), logger);
  let bytes: Uint8Array | null = null;
  try {
    bytes = shared ? readShared(file) : readFileSync(file);
  } catch {
    logger?.info({ snapshot: file }, "index: no snapshot yet, building");
  }
  if (bytes) {
    try {
      const { state, meta: stored } = decodeSnapshot<SnapshotMeta>(bytes);
      if (stored.fingerprint === fingerprint && stored.settings === ENGINE_SETTINGS.version) {
        const engine = restoreEngine(state);
        logger?.info({ snapshot: file, docs: engine.size }, "index: loaded from snapshot");
        return { engine, origin: "snapshot", problems: [], shared: shared ? bytes : null, save: save(engine) };
      }
      logger?.info({ snapshot: file }, "index: corpus changed since the snapshot, rebuilding");
    } catch (err) {
      logger?.warn({ err, snapshot: file }, "index: snapshot unreadable, rebuilding");
    }
  }
  const corpus = await loadCorpus(corpusPath, {
    dataDir,
    ocr: options.ocr === undefined ? { cacheDir: join(dataDir, "ocr"), ...(logger ? { logger } : {}) } : options.ocr,
    ...(logger ? { logger } : {}),
  });
  const built = createEngine(corpus.docs);
  logger?.info({ docs: built.size, problems: corpus.problems.length }, "index: built");
  const chunks = encodeSnapshot(built.exportState(), { ...meta, builtAt: new Date().toISOString() });
  writeSnapshot(file, chunks, logger);
  if (!shared) return { engine: built, origin: "built", problems: corpus.problems, shared: null, save: save(built) };
  // The built engine's arrays are ordinary memory: the one kept is restored over a shared copy.
  const sharedBytes = concatShared(chunks);
  const engine = restoreEngine(decodeSnapshot(sharedBytes).state);
  return { engine, origin: "built", problems: corpus.problems, shared: sharedBytes, save: save(engine) };
}

/** Reads a snapshot file into a SharedArrayBuffer, for engines in several threads over the same bytes. */
export function readShared(file: string): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const view = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size));
    for (let at = 0; at < view.byteLength; ) {
      const read = readSync(fd, view, at, view.byteLength - at, at);
      if (read === 0) throw new SnapshotError(`snapshot: ${file} ended early`);
      at += read;
    }
    return view;
  } finally {
    closeSync(fd);
  }
}

function concatShared(chunks: Uint8Array[]): Uint8Array {
  const view = new Uint8Array(new SharedArrayBuffer(chunks.reduce((sum, c) => sum + c.byteLength, 0)));
  let at = 0;
  for (const chunk of chunks) {
    view.set(chunk, at);
    at += chunk.byteLength;
  }
  return view;
}

function writeSnapshot(file: string, chunks: Buffer[], logger?: Logger): void {
  const temp = temporaryPath(file);
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    const fd = openSync(temp, "w");
    try {
      for (const chunk of chunks) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    // Rename is atomic: a reader sees the old snapshot or the new one, never half of one.
    renameSync(temp, file);
  } catch (err) {
    logger?.warn({ err, snapshot: file }, "index: could not write the snapshot; it will be rebuilt next start");
    rmSync(temp, { force: true });
  }
}

export { SnapshotError };
