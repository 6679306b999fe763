import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { temporaryPath } from "./temporary-path.js";

// Original document files are kept by content (SHA-256), so the same file published twice is kept once and a
// document can always be sent again exactly as it was published, whatever happened to the site since.

/** Folder of the kept originals inside `DATA_DIR`. */
export const ORIGINALS_DIR = "files";

/** Where the original with this hash is kept under `dataDir`. */
export function originalPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`originals: "${sha256}" is not a SHA-256 hex digest`);
  return join(dataDir, ORIGINALS_DIR, sha256.slice(0, 2), sha256);
}

/** Keeps a file's bytes under its hash in `dataDir` (written once, atomically); returns the path. */
export function keepOriginal(dataDir: string, sha256: string, bytes: Uint8Array): string {
  const path = originalPath(dataDir, sha256);
  if (existsSync(path)) return path;
  mkdirSync(join(path, ".."), { recursive: true });
  const temp = temporaryPath(path);
  writeFileSync(temp, bytes);
  renameSync(temp, path);
  return path;
}

/** The kept original's bytes, or null when it is not (or no longer) there. */
export function readOriginal(dataDir: string, sha256: string): Buffer | null {
  try {
    return readFileSync(originalPath(dataDir, sha256));
  } catch {
    return null;
  }
}
