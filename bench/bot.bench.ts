import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { loadEngine } from "../src/corpus/engine-store.js";
import { createInProcessEngine } from "../src/engine-pool/in-process.js";
import { startEnginePool } from "../src/engine-pool/pool.js";
import type { AsyncEngine } from "../src/engine-pool/types.js";
import type { AskResult } from "../src/index/types.js";
import { createLogger } from "../src/logger.js";
import { percentile, questionUpdates, runBot, strideQuestions, type BotRun } from "./bot-harness.js";

// The whole bot under load: updates from many simulated users go through the real middleware
// (i18n, rate limit, user tracking, engine, question log in SQLite on disk, HTML rendering), with
// the Bot API answered in memory, so the figure is the bot's own cost per question. Updates are
// handled with bounded concurrency, as the runner does; the engine answers in this thread, then
// in worker threads (ENGINE_THREADS), then not at all (answers looked up: the bot's own share).
//   npm run bench -- --only bot [--corpus path.jsonl.gz] [--users 1000] [--per-user 3] [--concurrency 50]
//     [--syllables 20] [--threads N]  (question length: the first N syllables of a headline)

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/data/bench/vntc-53k.jsonl.gz" },
    users: { type: "string", default: "1000" },
    "per-user": { type: "string", default: "3" },
    concurrency: { type: "string", default: "50" },
    syllables: { type: "string", default: "20" },
    threads: { type: "string", default: String(availableParallelism()) },
    "data-dir": { type: "string", default: "data/bench" },
    only: { type: "string" },
  },
  allowPositionals: true,
});

const USERS = Number(values.users);
const CONCURRENCY = Number(values.concurrency);
const SYLLABLES = Number(values.syllables);
const THREADS = Math.max(2, Number(values.threads));

const logger = createLogger({ level: "warn" });
const loadStarted = performance.now();
const loaded = loadEngine({ corpusPath: values.corpus, dataDir: values["data-dir"], logger, shared: true });
const { engine, origin } = loaded;
const loadS = (performance.now() - loadStarted) / 1000;

const all = engine.latest({ limit: engine.size }).docs;
const questions = strideQuestions(all, USERS * Number(values["per-user"]), 0, SYLLABLES);
const updates = questionUpdates(questions, USERS);

// Engine alone, for comparison, on 500 other headlines of the same kind: the engine keeps recent
// answers, and the bot runs below must meet every one of their questions for the first time.
const probes = strideQuestions(all, 500, Math.floor(all.length / questions.length / 2) + 1, SYLLABLES);
const engineTimes: number[] = [];
const cached = new Map<string, AskResult>();
for (const q of probes) {
  const t = performance.now();
  cached.set(q, engine.ask(q, { top: 15 }));
  engineTimes.push(performance.now() - t);
}
const engineMeanMs = engineTimes.reduce((a, b) => a + b, 0) / engineTimes.length;
engineTimes.sort((a, b) => a - b);

const runs: Array<{ name: string } & BotRun> = [];
runs.push({ name: "whole bot, engine in the main thread", ...(await runBot(createInProcessEngine(engine), updates, CONCURRENCY, logger)) });
// The pool's threads restore their own engines, whose answer caches start empty.
const pool = await startEnginePool({ threads: THREADS, snapshot: loaded.shared!, engine, logger });
runs.push({ name: `whole bot, engine in ${THREADS} worker threads`, ...(await runBot(pool, updates, CONCURRENCY, logger)) });
const busy = pool.stats().busy;
await pool.close();

// The bot's own share: the same updates with the engine's answers looked up instead of computed.
const cachedList = [...cached.values()];
const inProcess = createInProcessEngine(engine);
const precomputed: AsyncEngine = { ...inProcess, ask: async (q) => cached.get(q) ?? cachedList[q.length % cachedList.length]! };
runs.push({ name: "bot with answers precomputed", ...(await runBot(precomputed, updates, CONCURRENCY, logger)) });

const fmt = (n: number, d = 1) => n.toFixed(d);
process.stdout.write(
  [
    `Corpus: ${values.corpus} (${engine.size} documents, engine ${origin === "snapshot" ? "loaded from snapshot" : "built"} in ${fmt(loadS)} s).`,
    `Questions: headlines cut to ${SYLLABLES} syllables, every other one without diacritics.`,
    `Engine alone on 500 of these questions: mean ${fmt(engineMeanMs)} ms, p95 ${fmt(percentile(engineTimes, 0.95))} ms.`,
    "",
    "| run | users | questions | concurrency | questions/s | p50 ms | p95 ms | p99 ms | CPU ms/question | replies sent | answered |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...runs.map(
      (r) =>
        `| ${r.name} | ${USERS} | ${updates.length} | ${CONCURRENCY} | ${fmt(r.qps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.cpuMsPerUpdate, 2)} | ${r.sent} | ${r.answered} |`,
    ),
    "",
    `Refused as busy by the pool: ${busy}. Latency is per update through the whole middleware; with concurrency`,
    "it includes waiting for the other updates in flight. Target: at least 300 questions/s on 2 cores.",
    "",
  ].join("\n"),
);
