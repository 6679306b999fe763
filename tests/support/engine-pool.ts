import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEngine } from "../../src/corpus/engine-store.js";
import { startEnginePool, type EnginePool, type EnginePoolOptions } from "../../src/engine-pool/pool.js";
import { createLogger } from "../../src/logger.js";

/** The shipped corpus, which the golden set asks about. */
export const SHIPPED_CORPUS = fileURLToPath(new URL("../../corpus", import.meta.url));

/** A question the stalling worker never finishes (see `stalling-engine-worker.ts`). */
export const STALLING_QUESTION = "⏳ Đông Hà có bao nhiêu đảng viên?";

/** The stalling worker module, for `workerModule`. */
export const STALLING_WORKER = new URL("./stalling-engine-worker.ts", import.meta.url);

/** Options of {@link startTestPool}: the pool's, without the snapshot and engine it is given. */
export type TestPoolOptions = Partial<Omit<EnginePoolOptions, "snapshot" | "engine">> & { corpusPath?: string };

/**
 * Starts a pool over a corpus (default the bot's fixture corpus) loaded into shared memory, with
 * its snapshot in a fresh temp folder; the engine the pool reads documents from comes with it.
 */
export async function startTestPool(options: TestPoolOptions = {}): Promise<EnginePool> {
  const dataDir = mkdtempSync(join(tmpdir(), "civic-bot-pool-"));
  const corpusPath = options.corpusPath ?? fileURLToPath(new URL("../fixtures/bot-corpus.jsonl", import.meta.url));
  const loaded = loadEngine({ corpusPath, dataDir, shared: true });
  // The pool works from the bytes in memory; the snapshot file is not needed any more.
  rmSync(dataDir, { recursive: true, force: true });
  return startEnginePool({
    threads: 2,
    logger: createLogger({ level: "silent" }),
    ...options,
    snapshot: loaded.shared!,
    engine: loaded.engine,
  });
}
