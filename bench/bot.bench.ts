import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Update, User } from "grammy/types";
import { CONSOLE_BOT_INFO } from "../src/bot/console.js";
import { createBot } from "../src/bot/index.js";
import { loadEngine } from "../src/corpus/engine-store.js";
import { foldDiacritics } from "../src/index/normalize.js";
import type { AskResult, CorpusDoc, Engine } from "../src/index/types.js";
import { createLogger } from "../src/logger.js";
import { openDatabase } from "../src/storage/database.js";
import { createQuestionStore } from "../src/storage/question-store.js";
import { createUserStore } from "../src/storage/user-store.js";

// The whole bot under load: updates from many simulated users go through the real middleware
// (i18n, rate limit, user tracking, engine, question log in SQLite on disk, HTML rendering), with
// the Bot API answered in memory, so the figure is the bot's own cost per question. Updates are
// handled with bounded concurrency, as the runner does.
//   npm run bench -- --only bot [--corpus path.jsonl.gz] [--users 1000] [--per-user 3] [--concurrency 50]
//     [--syllables 20]  (question length: the first N syllables of a headline)

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/data/bench/vntc-53k.jsonl.gz" },
    users: { type: "string", default: "1000" },
    "per-user": { type: "string", default: "3" },
    concurrency: { type: "string", default: "50" },
    syllables: { type: "string", default: "20" },
    "data-dir": { type: "string", default: "data/bench" },
    only: { type: "string" },
  },
  allowPositionals: true,
});

const USERS = Number(values.users);
const PER_USER = Number(values["per-user"]);
const CONCURRENCY = Number(values.concurrency);
const SYLLABLES = Number(values.syllables);

/** A headline as a citizen would ask about it: its first sentence, at most SYLLABLES syllables. */
function headlineQuestion(doc: CorpusDoc): string {
  const first = doc.title.split(/(?<=[.?!])\s/)[0] ?? doc.title;
  return first.split(/\s+/).slice(0, SYLLABLES).join(" ");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

const logger = createLogger({ level: "warn" });
const loadStarted = performance.now();
const { engine, origin } = loadEngine({ corpusPath: values.corpus, dataDir: values["data-dir"], logger });
const loadS = (performance.now() - loadStarted) / 1000;

// A fixed stride over the corpus, half of the questions typed without diacritics.
const all = engine.latest({ limit: engine.size }).docs;
const wanted = USERS * PER_USER;
const stride = Math.max(1, Math.floor(all.length / wanted));
const questions: string[] = [];
for (let i = 0; questions.length < wanted; i = (i + stride) % all.length) {
  const q = headlineQuestion(all[i]!);
  await questions.push(questions.length % 2 === 1 ? foldDiacritics(q) : q);
  if (i + stride >= all.length && questions.length < wanted) i += 1;
}

// Engine alone, for comparison, on 500 other headlines of the same kind: the engine keeps recent
// answers, and the bot run below must meet every one of its questions for the first time.
const probes: string[] = [];
for (let i = Math.floor(stride / 2) + 1; probes.length < 500 && i < all.length; i += stride) {
  const q = headlineQuestion(all[i]!);
  probes.push(probes.length % 2 === 1 ? foldDiacritics(q) : q);
}
const engineTimes: number[] = [];
const cached = new Map<string, AskResult>();
for (const q of probes) {
  const t = performance.now();
  cached.set(q, engine.ask(q, { top: 15 }));
  engineTimes.push(performance.now() - t);
}
const engineMeanMs = engineTimes.reduce((a, b) => a + b, 0) / engineTimes.length;
engineTimes.sort((a, b) => a - b);

// Round-robin over users: user u asks question u, then u + USERS, … so one user's messages are spread out.
const updates: Update[] = (await questions.map((text, i) => {
  const user: User = { id: 10_000 + (i % USERS), is_bot: false, first_name: "Dân", language_code: "vi" };
  return {
    update_id: i + 1,
    message: { message_id: i + 1, date: 0, chat: { id: user.id, type: "private", first_name: "Dân" }, from: user, text },
  };
}));

interface Run {
  name: string;
  qps: number;
  p50: number;
  p95: number;
  p99: number;
  sent: number;
  answered: number;
}

async function run(name: string, botEngine: Engine): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "civic-bot-bench-"));
  const db = openDatabase(join(dir, "bench.sqlite"));
  const questionStore = createQuestionStore(db);
  const bot = createBot(
    "1:bench",
    {
      engine: botEngine,
      users: createUserStore(db),
      questions: questionStore,
      logger,
      cityName: "Đông Hà",
      contactLine: "Bộ phận Tiếp nhận và Trả kết quả",
    },
    { botInfo: CONSOLE_BOT_INFO },
  );
  let sent = 0;
  let messageId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    if (method === "sendMessage") {
      sent++;
      const p = payload as { chat_id: number; text: string };
      return { ok: true, result: { message_id: messageId++, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } } as never;
    }
    return { ok: true, result: true } as never;
  });
  await bot.init();
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < updates.length) {
      const update = updates[next++]!;
      const t = performance.now();
      await bot.handleUpdate(update);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wallS = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const answered = questionStore.stats(new Date(0)).answered;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    name,
    qps: updates.length / wallS,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    sent,
    answered,
  };
}

// The bot's own share: the same updates with the engine's answers looked up instead of computed.
const cachedList = [...cached.values()];
const precomputed: Engine = {
  ask: (q) => cached.get(q) ?? cachedList[q.length % cachedList.length]!,
  search: (q, o) => engine.search(q, o),
  latest: (o) => engine.latest(o),
  byNumber: (n) => engine.byNumber(n),
  get: (id) => engine.get(id),
  add: (doc) => engine.add(doc),
  remove: (id) => engine.remove(id),
  size: engine.size,
};
const runs = [await run("whole bot", engine), await run("bot with answers precomputed", precomputed)];

const fmt = (n: number, d = 1) => n.toFixed(d);
process.stdout.write(
  [
    `Corpus: ${values.corpus} (${engine.size} documents, engine ${origin === "snapshot" ? "loaded from snapshot" : "built"} in ${fmt(loadS)} s).`,
    `Questions: headlines cut to ${SYLLABLES} syllables, every other one without diacritics.`,
    `Engine alone on 500 of these questions: mean ${fmt(engineMeanMs)} ms, p95 ${fmt(percentile(engineTimes, 0.95))} ms.`,
    "",
    "| run | users | questions | concurrency | questions/s | p50 ms | p95 ms | p99 ms | replies sent | answered |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...runs.map(
      (r) =>
        `| ${r.name} | ${USERS} | ${updates.length} | ${CONCURRENCY} | ${fmt(r.qps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.sent} | ${r.answered} |`,
    ),
    "",
    "Latency is per update through the whole middleware; with concurrency it includes waiting for the",
    "other updates in flight. Target: at least 300 questions/s on 2 cores.",
    "",
  ].join("\n"),
);
