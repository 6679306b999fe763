import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadEngine } from "../../src/corpus/engine-store.js";
import { parseGolden } from "../../src/corpus/golden.js";
import { startEnginePool, type EnginePool } from "../../src/engine-pool/pool.js";
import { EngineUnavailableError } from "../../src/engine-pool/types.js";
import type { CorpusDoc } from "../../src/index/types.js";
import { createLogger } from "../../src/logger.js";
import { SHIPPED_CORPUS, STALLING_QUESTION, STALLING_WORKER, startTestPool } from "../support/engine-pool.js";

const GOLDEN = parseGolden(readFileSync(new URL("../fixtures/golden.jsonl", import.meta.url), "utf8"));
const logger = createLogger({ level: "silent" });

/** A document whose words occur nowhere else in the corpora of the tests. */
const PONTOON: CorpusDoc = {
  id: "push-2026-pontoon",
  type: "news",
  title: "Cầu phao Zeldovich thông xe",
  body: "Cầu phao Zeldovich dài 314 mét đã thông xe sáng nay sau ba tháng thi công.",
  date: "2026-11-30",
  url: null,
  number: null,
  issuer: null,
  source: null,
  tags: [],
};
const PONTOON_QUESTION = "Cầu phao Zeldovich dài bao nhiêu mét?";

/** Asks once per thread at the same time: with every thread idle, each takes one question. */
async function askEveryThread(pool: EnginePool, question: string) {
  const before = pool.threads().map((t) => t.answered);
  const results = await Promise.all(pool.threads().map(() => pool.ask(question)));
  expect(pool.threads().map((t, i) => t.answered - before[i]!)).toEqual(pool.threads().map(() => 1));
  return results;
}

async function untilAllReady(pool: EnginePool, threads: number): Promise<void> {
  await vi.waitFor(
    () => {
      const all = pool.threads();
      expect(all).toHaveLength(threads);
      expect(all.every((t) => t.ready)).toBe(true);
    },
    { timeout: 60_000, interval: 50 },
  );
}

describe("the engine pool over the shipped corpus", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "civic-bot-pool-golden-"));
  let pool: EnginePool;

  beforeAll(async () => {
    const loaded = loadEngine({ corpusPath: SHIPPED_CORPUS, dataDir, shared: true });
    expect(loaded.shared?.buffer).toBeInstanceOf(SharedArrayBuffer);
    // All golden questions are asked at once: none may be refused as busy on a slow machine.
    pool = await startEnginePool({ threads: 2, snapshot: loaded.shared!, engine: loaded.engine, logger, maxWaitMs: 600_000 });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers the golden set exactly as the in-process engine does", async () => {
    // Today's in-process engine: the same corpus from the same snapshot, in this thread.
    const inProcess = loadEngine({ corpusPath: SHIPPED_CORPUS, dataDir }).engine;
    const questions = GOLDEN.flatMap((g) => [g.q, g.qPlain]);
    const fromPool = await Promise.all(questions.map((q) => pool.ask(q, { top: 5 })));
    expect(fromPool).toEqual(questions.map((q) => inProcess.ask(q, { top: 5 })));
    // Both threads took part.
    expect(pool.threads().every((t) => t.answered > 0)).toBe(true);
  });

  it("searches exactly as the in-process engine does, with the documents read in this thread", async () => {
    const inProcess = loadEngine({ corpusPath: SHIPPED_CORPUS, dataDir }).engine;
    for (const query of ["ngân sách", "thoi gian lam them", "21-KL/TW"]) {
      expect(await pool.search(query, { limit: 7, offset: 2 })).toEqual(inProcess.search(query, { limit: 7, offset: 2 }));
    }
  });
});

describe("documents added and removed", () => {
  let pool: EnginePool;
  beforeAll(async () => {
    pool = await startTestPool();
  });
  afterAll(() => pool?.close());

  it("makes an added document answerable from every thread, and a removed one from none", async () => {
    expect((await askEveryThread(pool, PONTOON_QUESTION)).map((r) => r.answer)).toEqual([null, null]);
    pool.add(PONTOON);
    const answers = await askEveryThread(pool, PONTOON_QUESTION);
    expect(answers.map((r) => [r.answer?.docId, r.answer?.figure])).toEqual([
      [PONTOON.id, "314"],
      [PONTOON.id, "314"],
    ]);
    expect(pool.get(PONTOON.id)?.title).toBe(PONTOON.title);
    expect(pool.remove(PONTOON.id)).toBe(true);
    const after = await askEveryThread(pool, PONTOON_QUESTION);
    expect(after.map((r) => r.hits.some((h) => h.docId === PONTOON.id))).toEqual([false, false]);
    expect(pool.get(PONTOON.id)).toBeUndefined();
  });
});

describe("a thread that dies", () => {
  let pool: EnginePool;
  beforeAll(async () => {
    pool = await startTestPool({ workerModule: STALLING_WORKER });
  });
  afterAll(() => pool?.close());

  it("fails the question it held as crashed, is replaced, and the replacement knows the added documents", async () => {
    pool.add(PONTOON);
    const held = pool.ask(STALLING_QUESTION);
    const holder = pool.threads().find((t) => t.busy)!;
    expect(holder).toBeDefined();
    await holder.worker.terminate();
    await expect(held).rejects.toSatisfy((err) => err instanceof EngineUnavailableError && err.reason === "crashed");
    await untilAllReady(pool, 2);
    expect(pool.threads().map((t) => t.worker.threadId)).not.toContain(holder.worker.threadId);
    expect(pool.stats().crashed).toBe(1);
    const answers = await askEveryThread(pool, PONTOON_QUESTION);
    expect(answers.map((r) => r.answer?.docId)).toEqual([PONTOON.id, PONTOON.id]);
  });
});

describe("waiting and closing", () => {
  it("refuses a question as busy when no thread frees up within the bound", async () => {
    const pool = await startTestPool({ threads: 1, workerModule: STALLING_WORKER, maxWaitMs: 200, closeTimeoutMs: 200 });
    try {
      const held = pool.ask(STALLING_QUESTION);
      held.catch(() => {});
      await expect(pool.ask("Đông Hà có bao nhiêu đảng viên?")).rejects.toSatisfy(
        (err) => err instanceof EngineUnavailableError && err.reason === "busy",
      );
      expect(pool.stats().busy).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it("finishes the questions in flight at shutdown, then ends the threads and refuses new ones", async () => {
    const pool = await startTestPool();
    const questions = GOLDEN.slice(0, 20).map((g) => g.qPlain);
    const asked = questions.map((q) => pool.ask(q));
    const exited = pool.threads().map((t) => new Promise((resolve) => t.worker.once("exit", resolve)));
    const closed = pool.close();
    const results = await Promise.all(asked);
    expect(results.map((r) => r.question)).toEqual(questions);
    await closed;
    await Promise.all(exited);
    expect(pool.threads()).toEqual([]);
    await expect(pool.ask("Đông Hà có bao nhiêu đảng viên?")).rejects.toSatisfy(
      (err) => err instanceof EngineUnavailableError && err.reason === "closed",
    );
  });

  it("ends a stuck thread when the shutdown budget runs out", async () => {
    const pool = await startTestPool({ threads: 1, workerModule: STALLING_WORKER, closeTimeoutMs: 300 });
    const held = expect(pool.ask(STALLING_QUESTION)).rejects.toBeInstanceOf(EngineUnavailableError);
    const waiting = expect(pool.ask("Đông Hà có bao nhiêu đảng viên?")).rejects.toSatisfy(
      (err) => err instanceof EngineUnavailableError && err.reason === "closed",
    );
    await pool.close();
    await held;
    await waiting;
    expect(pool.threads()).toEqual([]);
  });
});
