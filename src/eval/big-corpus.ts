import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { loadEngine, type LoadedEngine } from "../corpus/engine-store.js";
import { corpusFingerprint, loadCorpus } from "../corpus/load-corpus.js";
import type { CorpusDoc } from "../index/types.js";
import { readAlqacArticles, readRegulation } from "./dev-sets.js";
import { type Occurrences, findOccurrences } from "./measure.js";

// The 53k-scale corpus of the unanswerable and numbers sets: the bench's 53,759 news articles plus the 2,249 law
// articles and the 75 regulation sections, as one corpus folder under DATA_DIR so that the engine store keeps its
// snapshot (a rerun loads it in seconds instead of indexing for minutes).

/** The benchmark corpus, relative to the repository root. */
export const DEFAULT_BENCH_FILE = "../shared/data/bench/vntc-53k.jsonl.gz";

/** The big corpus, its engine and its documents (read from the files, for the checks that need every text). */
export interface BigCorpus {
  dir: string;
  loaded: LoadedEngine;
  docs: CorpusDoc[];
  fingerprint: string;
}

/** Writes `text` to `file` unless it already holds it, so that its modification time (the snapshot key) stays. */
function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  writeFileSync(file, text);
}

/**
 * Makes (once) the corpus folder `<dataDir>/eval-53k` with the bench file (hard-linked, or copied when linking is
 * not possible), the law articles and the regulation sections, and loads its engine from the snapshot or by
 * building it.
 */
export async function loadBigCorpus(dataDir: string, devDir: string, benchFile: string): Promise<BigCorpus> {
  const dir = join(dataDir, "eval-53k");
  mkdirSync(dir, { recursive: true });
  const bench = join(dir, basename(benchFile));
  if (!existsSync(bench) || statSync(bench).size !== statSync(benchFile).size) {
    try {
      linkSync(benchFile, bench);
    } catch {
      copyFileSync(benchFile, bench);
    }
  }
  const articles = readAlqacArticles(devDir).map((d) => JSON.stringify(d)).join("\n");
  writeIfChanged(join(dir, "alqac-articles.jsonl"), `${articles}\n`);
  const sections = readRegulation(devDir).docs.map((d) => JSON.stringify(d)).join("\n");
  writeIfChanged(join(dir, "regulation-passages.jsonl"), `${sections}\n`);
  const loaded = await loadEngine({ corpusPath: dir, dataDir });
  return { dir, loaded, docs: (await loadCorpus(dir)).docs, fingerprint: corpusFingerprint(dir) };
}

/**
 * {@link findOccurrences} over the big corpus, kept in DATA_DIR keyed by the corpus and the answers: reading the
 * 55k texts in matching form takes long, the answers rarely change.
 */
export function cachedOccurrences(dataDir: string, big: BigCorpus, extra: readonly CorpusDoc[], answers: readonly string[]): Occurrences {
  const key = createHash("sha256")
    .update(`occurrences v1\n${big.fingerprint}\n${extra.map((d) => d.id).join("\n")}\n${[...new Set(answers)].sort().join("\n")}`)
    .digest("hex")
    .slice(0, 16);
  const file = join(dataDir, `eval-occurrences-${key}.json`);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, string[]>;
    return new Map(Object.entries(stored).map(([needle, ids]) => [needle, new Set(ids)]));
  }
  const found = findOccurrences([...big.docs, ...extra], answers);
  writeFileSync(file, JSON.stringify(Object.fromEntries([...found].map(([needle, ids]) => [needle, [...ids]]))));
  return found;
}
