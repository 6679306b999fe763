import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readShared } from "../src/corpus/engine-store.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { createInProcessEngine } from "../src/engine-pool/in-process.js";
import { startEnginePool } from "../src/engine-pool/pool.js";
import type { AsyncEngine } from "../src/engine-pool/types.js";
import { createEngine, restoreEngine } from "../src/index/engine.js";
import { decodeSnapshot, encodeSnapshot } from "../src/index/snapshot.js";
import { createLogger } from "../src/logger.js";
import { percentile, questionUpdates, runBot, strideQuestions } from "./bot-harness.js";

// Cost as the corpus grows: the engine on 1/8, 1/4, 1/2 and all of the corpus (every k-th article,
// so each share spans every topic). For each share, one process builds the index and writes its
// snapshot; then one process serves with the engine in its main thread and one with N worker
// threads, each loading the snapshot, answering 500 headline questions (engine latency), then
// taking updates through the whole bot with 50 in flight. Each in its own process, so that RSS
// and heap are those of one configuration.
//   npm run bench -- --only growth [--corpus path.jsonl.gz] [--threads N] [--updates 2000] [--concurrency 50]

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/data/bench/vntc-53k.jsonl.gz" },
    threads: { type: "string", default: String(availableParallelism()) },
    updates: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "50" },
    shares: { type: "string", default: "8,4,2,1" },
    mode: { type: "string" },
    share: { type: "string" },
    dir: { type: "string" },
    out: { type: "string" },
    only: { type: "string" },
  },
  allowPositionals: true,
});

const PROBES = 500;
const USERS = 1000;

interface Built {
  docs: number;
  buildS: number;
  heapMB: number;
  snapshotMB: number;
  probes: string[];
  questions: string[];
}

interface Served {
  threads: number;
  loadS: number;
  /** Time until every worker thread is ready, after the snapshot is loaded. */
  poolS: number;
  p50: number;
  p95: number;
  p99: number;
  engineQps: number;
  botQps: number;
  botP95: number;
  cpuMsPerQuestion: number;
  rssMB: number;
  maxRssMB: number;
  busy: number;
}

const snapshotFile = (dir: string, share: number) => join(dir, `index-1-of-${share}.snapshot`);

function memory(): { heapMB: number; rssMB: number } {
  global.gc?.();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / 1e6, rssMB: m.rss / 1e6 };
}

function build(share: number, dir: string): Built {
  const docs = loadCorpus(values.corpus!).docs.filter((_, i) => i % share === 0);
  const started = performance.now();
  const engine = createEngine(docs);
  const buildS = (performance.now() - started) / 1000;
  // RSS here would count the whole corpus read before sampling; the serving processes report it.
  const { heapMB } = memory();
  const file = snapshotFile(dir, share);
  writeFileSync(file, Buffer.concat(encodeSnapshot(engine.exportState(), {})));
  return {
    docs: docs.length,
    buildS,
    heapMB,
    snapshotMB: statSync(file).size / 1e6,
    probes: strideQuestions(docs, PROBES, 1),
    // Other headlines than the probes: every question the bot meets is new to the engine.
    questions: strideQuestions(docs, Number(values.updates), 2),
  };
}

async function serve(share: number, dir: string, threads: number, built: Built): Promise<Served> {
  const logger = createLogger({ level: "warn" });
  const file = snapshotFile(dir, share);
  let started = performance.now();
  const bytes = threads > 1 ? readShared(file) : readFileSync(file);
  const engine = restoreEngine(decodeSnapshot(bytes).state);
  const loadS = (performance.now() - started) / 1000;
  started = performance.now();
  // The workers restore their engines over the same shared bytes the main thread's engine uses.
  const answering: AsyncEngine =
    threads > 1
      ? await startEnginePool({ threads, snapshot: bytes, engine, logger, maxWaitMs: 60_000 })
      : createInProcessEngine(engine);
  const poolS = threads > 1 ? (performance.now() - started) / 1000 : 0;
  // Engine latency: with one thread questions one after the other; with N, N in flight at a time.
  const latencies: number[] = [];
  let next = 0;
  const asker = async () => {
    while (next < built.probes.length) {
      const q = built.probes[next++]!;
      const t = performance.now();
      await answering.ask(q, { top: 15 });
      latencies.push(performance.now() - t);
    }
  };
  for (const q of built.probes.slice(0, 20)) await answering.ask(`${q} khởi động`); // warm-up
  started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, threads) }, asker));
  const engineQps = built.probes.length / ((performance.now() - started) / 1000);
  latencies.sort((a, b) => a - b);
  const bot = await runBot(answering, questionUpdates(built.questions, USERS), Number(values.concurrency), logger);
  const busy = "stats" in answering ? (answering as { stats(): { busy: number } }).stats().busy : 0;
  const { rssMB } = memory();
  await answering.close();
  return {
    threads,
    loadS,
    poolS,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    engineQps,
    botQps: bot.qps,
    botP95: bot.p95,
    cpuMsPerQuestion: bot.cpuMsPerUpdate,
    rssMB,
    maxRssMB: process.resourceUsage().maxRSS / 1e3,
    busy,
  };
}

function child<T>(args: string[]): T | null {
  const out = join(tmpdir(), `civic-growth-${process.pid}-${Date.now()}.json`);
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", "--max-old-space-size=8192", fileURLToPath(import.meta.url), ...args, "--out", out, "--corpus", values.corpus!, "--updates", values.updates!, "--concurrency", values.concurrency!],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (run.status !== 0) {
    process.stdout.write(`(${args.join(" ")} failed with exit code ${run.status})\n`);
    return null;
  }
  const result = JSON.parse(readFileSync(out, "utf8")) as T;
  rmSync(out, { force: true });
  return result;
}

if (values.mode === "build") {
  writeFileSync(values.out!, JSON.stringify(build(Number(values.share), values.dir!)));
} else if (values.mode === "serve") {
  const built = JSON.parse(readFileSync(join(values.dir!, `built-${values.share}.json`), "utf8")) as Built;
  writeFileSync(values.out!, JSON.stringify(await serve(Number(values.share), values.dir!, Number(values.threads), built)));
} else {
  const threads = Math.max(2, Number(values.threads));
  const dir = mkdtempSync(join(tmpdir(), "civic-growth-"));
  const rows: Array<{ share: number; built: Built; one: Served; many: Served }> = [];
  const load = [loadavg()[0]!];
  try {
    for (const share of values.shares!.split(",").map(Number)) {
      const built = child<Built>(["--mode", "build", "--share", String(share), "--dir", dir]);
      if (!built) continue;
      writeFileSync(join(dir, `built-${share}.json`), JSON.stringify(built));
      const one = child<Served>(["--mode", "serve", "--share", String(share), "--dir", dir, "--threads", "1"]);
      const many = child<Served>(["--mode", "serve", "--share", String(share), "--dir", dir, "--threads", String(threads)]);
      rmSync(snapshotFile(dir, share), { force: true });
      load.push(loadavg()[0]!);
      if (one && many) rows.push({ share, built, one, many });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "-");
  const lines = [
    `corpus: ${values.corpus}; N = ${threads} worker threads; whole bot: ${values.updates} updates from ${USERS} users, ${values.concurrency} in flight.`,
    `load average (1 min) during the run: ${load.map((l) => l.toFixed(2)).join(" → ")} on ${availableParallelism()} cores.`,
    "",
    "| share | docs | build | heap after build | snapshot | snapshot load | pool ready (N) | engine p50 / p95 / p99, 1 thread | engine p50 / p95 / p99, N threads | engine q/s 1 / N | whole bot q/s 1 / N | whole bot p95 1 / N | CPU ms per question 1 / N | RSS serving 1 / N (ratio) | busy |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(({ share, built: b, one, many }) =>
      [
        `1/${share}`,
        b.docs,
        `${f(b.buildS)} s`,
        `${f(b.heapMB, 0)} MB`,
        `${f(b.snapshotMB, 0)} MB`,
        `${f(one.loadS, 2)} s`,
        `${f(many.poolS, 2)} s`,
        `${f(one.p50)} / ${f(one.p95)} / ${f(one.p99)} ms`,
        `${f(many.p50)} / ${f(many.p95)} / ${f(many.p99)} ms`,
        `${f(one.engineQps, 0)} / ${f(many.engineQps, 0)}`,
        `${f(one.botQps, 0)} / ${f(many.botQps, 0)}`,
        `${f(one.botP95, 0)} / ${f(many.botP95, 0)} ms`,
        `${f(one.cpuMsPerQuestion, 2)} / ${f(many.cpuMsPerQuestion, 2)}`,
        `${f(one.rssMB, 0)} / ${f(many.rssMB, 0)} MB (${f(many.rssMB / one.rssMB, 2)}×)`,
        String(many.busy),
      ].join(" | "),
    ).map((row) => `| ${row} |`),
    "",
    "Engine latency with N threads is per question with N in flight (it includes the round trip to a worker).",
    "CPU per question is the whole process's CPU time (every thread) over the bot run, divided by the updates.",
    "",
  ];
  process.stdout.write(lines.join("\n"));
}
