import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Update } from "grammy/types";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { openDatabase } from "../src/storage/database.js";
import { createPushStores } from "../src/storage/push-stores.js";
import { type BotInstance, maxInWindow, startBotInstances, waitFor } from "../tests/support/bot-processes.js";
import { createTestSchema } from "../tests/support/databases.js";
import { type FakeBotApi, startFakeBotApi } from "../tests/support/fake-bot-api.js";
import { percentile, questionUpdates, strideQuestions } from "./bot-harness.js";

// Real bot processes (`npm start`, webhook mode) against the fake Bot API: one instance on SQLite,
// one on PostgreSQL, two on PostgreSQL with updates round-robin over both (the load balancer's
// part). For each: questions/s (question updates posted to the webhooks, `--concurrency` at a
// time, each POST answered once the bot has handled it) and the broadcast rate (a staff
// announcement to `--subscribers`, from the first message at the Bot API to the last). The
// delivery worker paces the whole bot at 25 messages/s by design (Telegram allows 30), so the
// broadcast rate is that pace whatever the number of instances.
//   npm run bench -- --only instances [--subscribers 1000] [--questions 600] [--users 200]
//     [--concurrency 40] [--threads N] [--corpus path]   (PostgreSQL: TEST_DATABASE_URL, a fresh schema per run)

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "1000" },
    questions: { type: "string", default: "600" },
    users: { type: "string", default: "200" },
    concurrency: { type: "string", default: "40" },
    threads: { type: "string", default: String(availableParallelism()) },
    corpus: { type: "string" },
    only: { type: "string" },
  },
  allowPositionals: true,
});

const SUBSCRIBERS = Number(values.subscribers);
const CONCURRENCY = Number(values.concurrency);
const STAFF_CHAT = -100200;
const STAFF = { user: { id: 200, is_bot: false, first_name: "Hoa", language_code: "vi" }, chat: { id: STAFF_CHAT, type: "supergroup" as const, title: "Ban Tuyên giáo" } };
/** `questionUpdates` asks from users 10,000 on; subscribers are far above them. */
const FIRST_ASKER = 10_000;
const FIRST_SUBSCRIBER = 50_000_000;
const BROADCAST_TIMEOUT_MS = (SUBSCRIBERS / 10) * 1000 + 60_000;

const work = mkdtempSync(join(tmpdir(), "civic-bot-instances-bench-"));
// The shipped corpus's texts (the document files are left out: a fresh DATA_DIR would OCR the scan again).
const corpusPath = values.corpus ?? join(work, "corpus.jsonl");
if (!values.corpus) {
  const docs = (await Promise.all(["news", "laws", "procedures"].map(async (d) => (await loadCorpus(join("corpus", d))).docs))).flat();
  writeFileSync(corpusPath, docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
}
const docs = (await loadCorpus(corpusPath)).docs;
const updates = questionUpdates(strideQuestions(docs, Number(values.questions)), Number(values.users));

interface Run {
  name: string;
  instances: number;
  qps: number;
  p50: number;
  p95: number;
  answered: number;
  seconds: number;
  rate: number;
  busiestSecond: number;
  reached: number;
  duplicates: number;
  load: [number, number];
}

/** Posts every update, `CONCURRENCY` at a time, round-robin over `instances`. */
async function askAll(instances: BotInstance[], all: Update[]) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < all.length) {
        const i = next++;
        const t = performance.now();
        const status = await instances[i % instances.length]!.post(all[i]!);
        if (status !== 200) throw new Error(`${instances[i % instances.length]!.id} answered ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { qps: all.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) };
}

/** A staff announcement to every subscriber, written on the first instance and confirmed on the last. */
async function broadcast(api: FakeBotApi, instances: BotInstance[]) {
  await instances[0]!.post(api.userSays("/thongbao Lịch tiếp công dân tháng 12 đã được niêm yết tại trụ sở phường.", STAFF));
  const preview = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === STAFF_CHAT && /Xem trước/.test(c.payload.text), { timeoutMs: 30_000 });
  await instances.at(-1)!.post(api.userPresses(String(preview.payload.reply_markup.inline_keyboard[0][0].callback_data), STAFF));
  const sends = () => api.callsOf("sendMessage").filter((c) => c.response.ok && c.payload.chat_id >= FIRST_SUBSCRIBER);
  await waitFor(() => new Set(sends().map((c) => c.payload.chat_id)).size === SUBSCRIBERS, `${SUBSCRIBERS} subscribers reached`, {
    timeoutMs: BROADCAST_TIMEOUT_MS,
    intervalMs: 200,
  });
  const times = sends().map((c) => c.at);
  const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
  return {
    seconds,
    rate: (times.length - 1) / seconds,
    busiestSecond: maxInWindow(times, 1000),
    reached: new Set(sends().map((c) => c.payload.chat_id)).size,
    duplicates: times.length - SUBSCRIBERS,
  };
}

async function run(name: string, count: number, dialect: "sqlite" | "postgres"): Promise<Run> {
  const api = await startFakeBotApi();
  const dir = mkdtempSync(join(work, "run-"));
  const schema = dialect === "postgres" ? await createTestSchema() : null;
  const databaseUrl = schema?.url;
  // Subscribers written before the instances start, in one transaction (the database migrated here first).
  const seed = await openDatabase(databaseUrl ?? join(dir, "civic-bot.sqlite"));
  await createPushStores(seed.db).transaction(async (tx) => {
    for (let i = 0; i < SUBSCRIBERS; i++) await tx.subscriptions.subscribeAll(FIRST_SUBSCRIBER + i, Date.now());
  });
  await seed.close();
  const ids = Array.from({ length: count }, (_, i) => `bench-${i + 1}`);
  const instances = await startBotInstances(api, ids, {
    ...(databaseUrl ? { databaseUrl } : {}),
    env: {
      STAFF_CHAT_ID: String(STAFF_CHAT),
      CORPUS_DIR: corpusPath,
      ENGINE_THREADS: values.threads,
      ...(databaseUrl ? {} : { DATA_DIR: dir }),
    },
    readyTimeoutMs: 300_000,
  });
  const loadBefore = loadavg()[0]!;
  try {
    const asked = await askAll(instances, updates);
    const answered = api.callsOf("sendMessage").filter((c) => c.response.ok && c.payload.chat_id >= FIRST_ASKER && c.payload.chat_id < FIRST_SUBSCRIBER).length;
    const sent = await broadcast(api, instances);
    return { name, instances: count, ...asked, answered, ...sent, load: [loadBefore, loadavg()[0]!] };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await api.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs: Run[] = [];
try {
  runs.push(await run("SQLite", 1, "sqlite"));
  runs.push(await run("PostgreSQL", 1, "postgres"));
  runs.push(await run("PostgreSQL, round-robin", 2, "postgres"));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const fmt = (n: number, d = 1) => n.toFixed(d);
process.stdout.write(
  [
    `Corpus: ${values.corpus ?? "the shipped corpus's texts"} (${docs.length} documents); ${updates.length} headline questions from ${values.users} users, ${CONCURRENCY} in flight; ENGINE_THREADS=${values.threads} per instance; ${availableParallelism()} cores.`,
    "",
    "| database | instances | questions/s | p50 ms | p95 ms | replies | broadcast to | time (s) | msg/s (paced at 25/s by design) | busiest second | duplicates | load (1 min) before → after |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.instances} | ${fmt(r.qps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${r.answered} | ${r.reached} | ${fmt(r.seconds)} | ${fmt(r.rate, 2)} | ${r.busiestSecond} | ${r.duplicates} | ${fmt(r.load[0], 2)} → ${fmt(r.load[1], 2)} |`,
    ),
    "",
  ].join("\n"),
);
