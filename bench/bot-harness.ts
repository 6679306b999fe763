import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import { CONSOLE_BOT_INFO } from "../src/bot/console.js";
import { createBot } from "../src/bot/index.js";
import type { AsyncEngine } from "../src/engine-pool/types.js";
import { foldDiacritics } from "../src/index/normalize.js";
import type { CorpusDoc } from "../src/index/types.js";
import type { Logger } from "../src/logger.js";
import { createBotGuards } from "../src/storage/bot-guards.js";
import { openDatabase } from "../src/storage/database.js";
import { createQuestionStore } from "../src/storage/question-store.js";
import { createUserStore } from "../src/storage/user-store.js";

// What the benchmarks that drive the whole bot share: questions made from headlines, updates from
// many simulated users, and one run of the real bot (middleware, engine, question log in SQLite
// on disk, HTML rendering) with the Bot API answered in memory and bounded concurrency, as the
// runner handles updates.

/** A headline as a citizen would ask about it: its first sentence, at most `syllables` syllables. */
export function headlineQuestion(doc: CorpusDoc, syllables = 20): string {
  const first = doc.title.split(/(?<=[.?!])\s/)[0] ?? doc.title;
  return first.split(/\s+/).slice(0, syllables).join(" ");
}

/** `n` headline questions at a fixed stride from `start`, every other one typed without diacritics. */
export function strideQuestions(docs: CorpusDoc[], n: number, start = 0, syllables = 20): string[] {
  const stride = Math.max(1, Math.floor(docs.length / n));
  const questions: string[] = [];
  for (let i = start; questions.length < n; i = (i + stride) % docs.length) {
    const q = headlineQuestion(docs[i]!, syllables);
    questions.push(questions.length % 2 === 1 ? foldDiacritics(q) : q);
    if (i + stride >= docs.length && questions.length < n) i += 1;
  }
  return questions;
}

/** The value at quantile `p` of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Private messages, round-robin over `users`: user u asks question u, then u + users, … */
export function questionUpdates(questions: string[], users: number): Update[] {
  return questions.map((text, i) => {
    const user: User = { id: 10_000 + (i % users), is_bot: false, first_name: "Dân", language_code: "vi" };
    return {
      update_id: i + 1,
      message: { message_id: i + 1, date: 0, chat: { id: user.id, type: "private", first_name: "Dân" }, from: user, text },
    };
  });
}

/** One run of the whole bot. */
export interface BotRun {
  qps: number;
  p50: number;
  p95: number;
  p99: number;
  sent: number;
  answered: number;
  /** CPU time of the whole process (every thread) per update, in milliseconds. */
  cpuMsPerUpdate: number;
}

/** Feeds `updates` to a fresh bot over `engine`, `concurrency` at a time, and measures it. */
export async function runBot(engine: AsyncEngine, updates: Update[], concurrency: number, logger: Logger): Promise<BotRun> {
  const dir = mkdtempSync(join(tmpdir(), "civic-bot-bench-"));
  const database = await openDatabase(join(dir, "bench.sqlite"));
  const { db } = database;
  const questionStore = createQuestionStore(db);
  const bot = createBot(
    "1:bench",
    { engine, users: createUserStore(db), questions: questionStore, guards: createBotGuards(database), logger, cityName: "Đông Hà", contactLine: "Bộ phận Tiếp nhận và Trả kết quả" },
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
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const feed = async () => {
    while (next < updates.length) {
      const update = updates[next++]!;
      const t = performance.now();
      await bot.handleUpdate(update);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, feed));
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const answered = (await questionStore.stats(new Date(0))).answered;
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    qps: updates.length / wallS,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    sent,
    answered,
    cpuMsPerUpdate: (cpu.user + cpu.system) / 1000 / updates.length,
  };
}
