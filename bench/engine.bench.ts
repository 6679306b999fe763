import { spawnSync } from "node:child_process";
import { rmSync, mkdtempSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import MiniSearch from "minisearch";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { createEngine, restoreEngine } from "../src/index/engine.js";
import { foldDiacritics } from "../src/index/normalize.js";
import { decodeSnapshot, encodeSnapshot } from "../src/index/snapshot.js";
import type { CorpusDoc } from "../src/index/types.js";

// Engine benchmark at scale, side by side with plain MiniSearch defaults on the same corpus:
// build time, heap after build, snapshot size and load time, answer latency p50/p95/p99 over
// questions made from article headlines (half typed without diacritics), and how often the
// article itself comes first. Each engine runs in its own process so that heaps do not mix.
//   npm run bench -- --only engine [--corpus path.jsonl.gz] [--questions 500] [--plain-questions 100]

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/data/bench/vntc-53k.jsonl.gz" },
    questions: { type: "string", default: "500" },
    "plain-questions": { type: "string", default: "100" },
    mode: { type: "string" },
    out: { type: "string" },
    only: { type: "string" },
  },
  allowPositionals: true,
});

interface Row {
  engine: string;
  docs: number;
  buildS: number;
  heapMB: number;
  rssMB: number;
  snapshotMB: number;
  loadS: number;
  questions: number;
  p50: number;
  p95: number;
  p99: number;
  top1Accented: number;
  top1Plain: number;
}

/** A headline as a citizen would ask about it: its first sentence, at most 20 syllables. */
function headlineQuestion(doc: CorpusDoc): string {
  const first = doc.title.split(/(?<=[.?!])\s/)[0] ?? doc.title;
  return first.split(/\s+/).slice(0, 20).join(" ");
}

function pickQuestions(docs: CorpusDoc[], n: number): Array<{ q: string; id: string; plain: boolean }> {
  const picked: Array<{ q: string; id: string; plain: boolean }> = [];
  // A fixed stride over the corpus: the same questions every run, spread over all topics.
  const stride = Math.max(1, Math.floor(docs.length / n));
  for (let i = 0; picked.length < n && i < docs.length; i += stride) {
    const doc = docs[i]!;
    const q = headlineQuestion(doc);
    const plain = picked.length % 2 === 1;
    picked.push({ q: plain ? foldDiacritics(q) : q, id: doc.id, plain });
  }
  return picked;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

function heap(): { heapMB: number; rssMB: number } {
  global.gc?.();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / 1e6, rssMB: m.rss / 1e6 };
}

function measure(
  name: string,
  docs: CorpusDoc[],
  questions: Array<{ q: string; id: string; plain: boolean }>,
  build: () => { ask: (q: string) => string | undefined; snapshot: () => { mb: number; loadS: number } },
): Row {
  let t = performance.now();
  const engine = build();
  const buildS = (performance.now() - t) / 1000;
  const memory = heap();
  const snap = engine.snapshot();
  const latencies: number[] = [];
  let hitA = 0;
  let hitP = 0;
  for (const { q } of questions.slice(0, 20)) engine.ask(q); // warm-up
  for (const { q, id, plain } of questions) {
    t = performance.now();
    const first = engine.ask(q);
    latencies.push(performance.now() - t);
    if (first === id) plain ? hitP++ : hitA++;
  }
  latencies.sort((a, b) => a - b);
  const half = questions.length / 2;
  return {
    engine: name,
    docs: docs.length,
    buildS,
    ...memory,
    snapshotMB: snap.mb,
    loadS: snap.loadS,
    questions: questions.length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    top1Accented: hitA / Math.ceil(half),
    top1Plain: hitP / Math.floor(half),
  };
}

function runMode(mode: string): Row {
  const docs = loadCorpus(values.corpus!).docs;
  const dir = mkdtempSync(join(tmpdir(), "civic-bench-"));
  try {
    if (mode === "ours") {
      const questions = pickQuestions(docs, Number(values.questions));
      return measure("civic-bot engine", docs, questions, () => {
        const engine = createEngine(docs);
        return {
          ask: (q) => engine.ask(q).hits[0]?.docId,
          snapshot: () => {
            const file = join(dir, "index.snapshot");
            writeFileSync(file, Buffer.concat(encodeSnapshot(engine.exportState(), {})));
            const mb = statSync(file).size / 1e6;
            const t = performance.now();
            restoreEngine(decodeSnapshot(readFileSync(file)).state);
            return { mb, loadS: (performance.now() - t) / 1000 };
          },
        };
      });
    }
    const questions = pickQuestions(docs, Number(values["plain-questions"]));
    return measure("MiniSearch defaults", docs, questions, () => {
      const mini = new MiniSearch<CorpusDoc>({ fields: ["title", "body"] });
      mini.addAll(docs);
      return {
        ask: (q) => mini.search(q)[0]?.id as string | undefined,
        snapshot: () => {
          const file = join(dir, "minisearch.json");
          writeFileSync(file, JSON.stringify(mini));
          const mb = statSync(file).size / 1e6;
          const t = performance.now();
          MiniSearch.loadJSON(readFileSync(file, "utf8"), { fields: ["title", "body"] });
          return { mb, loadS: (performance.now() - t) / 1000 };
        },
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.mode) {
  writeFileSync(values.out!, JSON.stringify(runMode(values.mode)));
} else {
  const rows: Row[] = [];
  for (const mode of ["ours", "plain"]) {
    const out = join(tmpdir(), `civic-bench-${process.pid}-${mode}.json`);
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--expose-gc", "--max-old-space-size=8192", fileURLToPath(import.meta.url), "--mode", mode, "--out", out, "--corpus", values.corpus!, "--questions", values.questions!, "--plain-questions", values["plain-questions"]!],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    if (run.status !== 0) {
      process.stdout.write(`(${mode} run failed with exit code ${run.status})\n`);
      continue;
    }
    rows.push(JSON.parse(readFileSync(out, "utf8")));
    rmSync(out, { force: true });
  }
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "-");
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  process.stdout.write(`corpus: ${values.corpus}\n\n`);
  process.stdout.write("| engine | docs | build | heap after build | RSS | snapshot | snapshot load | questions | p50 | p95 | p99 | own article first (accented / plain) |\n");
  process.stdout.write("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const r of rows) {
    process.stdout.write(
      `| ${r.engine} | ${r.docs} | ${f(r.buildS)} s | ${f(r.heapMB, 0)} MB | ${f(r.rssMB, 0)} MB | ${f(r.snapshotMB, 0)} MB | ${f(r.loadS, 2)} s | ${r.questions} | ${f(r.p50)} ms | ${f(r.p95)} ms | ${f(r.p99)} ms | ${pct(r.top1Accented)} / ${pct(r.top1Plain)} |\n`,
    );
  }
}
