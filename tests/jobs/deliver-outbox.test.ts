import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDeliveryWorker, type OutboxApi } from "../../src/jobs/deliver-outbox.js";
import { openDatabase } from "../../src/storage/database.js";
import { createOutboxStore } from "../../src/storage/outbox-store.js";
import { createRecordingApi } from "../support/recording-api.js";

const logger = pino({ level: "silent" });

async function setup(options: Parameters<typeof createDeliveryWorker>[1] = {}) {
  const outbox = createOutboxStore((await openDatabase(":memory:")).db);
  const rec = createRecordingApi();
  const worker = createDeliveryWorker({ api: rec.api, outbox, logger }, { perChatIntervalMs: 50, retryBaseMs: 10, ...options });
  worker.registerSender("text", (api: OutboxApi, chatId, payload) => api.sendMessage(chatId, (payload as { text: string }).text));
  const add = async (chatIds: number[], ref = "r", kind = "text") =>
    await outbox.enqueue(chatIds.map((chatId) => ({ kind, ref, chatId, payload: { text: `hi ${chatId}` } })), Date.now());
  return { outbox, rec, worker, add };
}

/** Runs `drain` under fake timers: the clock moves only as the worker's own waits run, exactly. */
async function drainOnFakeClock(worker: { drain(untilMs?: number): Promise<void> }, untilMs?: number): Promise<void> {
  const done = worker.drain(untilMs);
  await vi.runAllTimersAsync();
  await done;
}

describe("delivery worker", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends each row once and records the message id", async () => {
    const { outbox, rec, worker, add } = await setup();
    await add([1, 2, 3]);
    await worker.drain();
    expect(rec.sent().map((c) => c.chatId).sort()).toEqual([1, 2, 3]);
    expect((await outbox.counts())).toMatchObject({ sent: 3, pending: 0 });
    await worker.drain();
    expect(rec.sent()).toHaveLength(3);
  });

  it("spaces sends to one chat by the per-chat interval", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-26T08:00:00Z") });
    const { rec, worker, add } = await setup({ perChatIntervalMs: 200 });
    await add([5], "a");
    await add([5], "b");
    await add([5], "c");
    await drainOnFakeClock(worker);
    const times = rec.sent().map((c) => c.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(200);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(200);
  });

  it("keeps the overall rate under ratePerSecond", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-26T08:00:00Z") });
    const { rec, worker, add } = await setup({ ratePerSecond: 50 });
    await add(Array.from({ length: 20 }, (_, i) => i + 1));
    await drainOnFakeClock(worker);
    const times = rec.sent().map((c) => c.at).sort((a, b) => a - b);
    expect(times).toHaveLength(20);
    // 20 sends at 50/s take at least 19 intervals of 20 ms.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(19 * 20);
  });

  it("marks a 403 chat blocked, never retries it, and tells the subscriber hook", async () => {
    const { outbox, rec, worker, add } = await setup();
    const blocked: number[] = [];
    worker.onBlocked((chatId) => void blocked.push(chatId));
    rec.failNext({ code: 403, description: "Forbidden: bot was blocked by the user" }, { chatId: 2 });
    await add([1, 2, 3]);
    await add([2], "later");
    await worker.drain();
    expect(blocked).toEqual([2]);
    expect(rec.calls.filter((c) => c.chatId === 2)).toHaveLength(1);
    expect((await outbox.counts())).toMatchObject({ sent: 2, blocked: 2 });
  });

  it("waits out a 429 retry_after and then sends", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-26T08:00:00Z") });
    const { outbox, rec, worker, add } = await setup();
    rec.failNext({ code: 429, retryAfter: 1 }, { chatId: 1 });
    await add([1]);
    const start = Date.now();
    await drainOnFakeClock(worker, 5000);
    expect(rec.sent().map((c) => c.chatId)).toEqual([1]);
    expect(rec.sent()[0]!.at - start).toBeGreaterThanOrEqual(1000);
    expect((await outbox.counts()).sent).toBe(1);
  });

  it("retries network errors with backoff", async () => {
    const { outbox, rec, worker, add } = await setup();
    rec.failNext({ network: true }, { chatId: 1, times: 2 });
    await add([1]);
    await worker.drain(5000);
    expect(rec.calls.map((c) => c.method)).toEqual(["sendMessage!", "sendMessage!", "sendMessage"]);
    expect((await outbox.counts()).sent).toBe(1);
  });

  it("gives up a row after giveUpAfterMs and keeps the reason", async () => {
    const { outbox, rec, worker, add } = await setup({ giveUpAfterMs: 30 });
    rec.failNext({ network: true }, { chatId: 1, times: 100 });
    await add([1]);
    await worker.drain(5000);
    const row = (await outbox.get(1))!;
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/gave up after \d+ attempts: Network request failed/);
  });

  it("does not retry a 400", async () => {
    const { outbox, rec, worker, add } = await setup();
    rec.failNext({ code: 400, description: "Bad Request: message is too long" }, { chatId: 1 });
    await add([1]);
    await worker.drain();
    expect(rec.calls).toHaveLength(1);
    expect((await outbox.get(1))).toMatchObject({ status: "failed", lastError: "Bad Request: message is too long" });
  });

  it("dispatches by kind and runs after-send hooks with the API result", async () => {
    const { outbox, worker } = await setup();
    const polls: Array<[number, string]> = [];
    worker.registerSender("poll", (api, chatId, payload) =>
      api.sendPoll(chatId, (payload as { q: string }).q, [{ text: "Có" }, { text: "Không" }]),
    );
    worker.onSent("poll", (row, result) => void polls.push([row.chatId, (result as { poll: { id: string } }).poll.id]));
    await outbox.enqueue([{ kind: "poll", ref: "p1", chatId: 9, payload: { q: "?" } }], 0);
    await worker.drain();
    expect(polls).toHaveLength(1);
    expect(polls[0]![0]).toBe(9);
  });

  it("reports campaign progress and the end of the campaign", async () => {
    const { outbox, rec, worker } = await setup();
    const reports: Array<{ sent: number; blocked: number; finished: boolean }> = [];
    worker.onCampaignProgress("text", (_api, _c, p, finished) => void reports.push({ sent: p.sent, blocked: p.blocked, finished }));
    const id = await outbox.createCampaign({ kind: "text", label: "hello", reportChatId: -1 }, 0);
    rec.failNext({ code: 403, description: "Forbidden: user is deactivated" }, { chatId: 3 });
    await outbox.enqueue([1, 2, 3].map((chatId) => ({ kind: "text", ref: `c${id}`, chatId, payload: { text: "x" }, campaignId: id })), 0);
    await worker.drain();
    expect(reports.at(-1)).toEqual({ sent: 2, blocked: 1, finished: true });
    expect((await outbox.getCampaign(id))!.finishedAt).not.toBeNull();
  });

  it("runs as a loop that wakes on new rows and stops cleanly", async () => {
    const { rec, worker, add } = await setup({ idleMs: 5000 });
    worker.start();
    await add([1, 2]);
    worker.wake();
    for (let i = 0; i < 100 && rec.sent().length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(rec.sent()).toHaveLength(2);
  });

  it("sends nothing while another instance holds the lease, and nothing to drain then", async () => {
    const { rec, worker, add } = await setup();
    const outbox = createOutboxStore((await openDatabase(":memory:")).db);
    const gated = createDeliveryWorker({ api: rec.api, outbox, logger, mayRun: () => false }, { perChatIntervalMs: 50 });
    gated.registerSender("text", (api: OutboxApi, chatId) => api.sendMessage(chatId, "hi"));
    await outbox.enqueue([{ kind: "text", ref: "r", chatId: 1, payload: null }], Date.now());
    await gated.drain();
    expect(rec.sent()).toHaveLength(0);
    expect((await outbox.counts()).pending).toBe(1);
    await add([2]);
    await worker.drain();
    expect(rec.sent().map((c) => c.chatId)).toEqual([2]);
  });

  it("hands the sending over between two instances: every row once, a quiet second between them", async () => {
    const outbox = createOutboxStore((await openDatabase(":memory:")).db);
    let holder: "a" | "b" = "a";
    const make = (name: "a" | "b") => {
      const rec = createRecordingApi();
      const worker = createDeliveryWorker(
        { api: rec.api, outbox, logger, mayRun: () => holder === name },
        { perChatIntervalMs: 50, ratePerSecond: 100, idleMs: 20 },
      );
      worker.registerSender("text", (api: OutboxApi, chatId) => api.sendMessage(chatId, "hi"));
      return { rec, worker };
    };
    const a = make("a");
    const b = make("b");
    await outbox.enqueue(Array.from({ length: 60 }, (_, i) => ({ kind: "text", ref: "r", chatId: i + 1, payload: null })), Date.now());
    a.worker.start();
    b.worker.start();
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => a.rec.sent().length >= 10);
    holder = "b";
    await until(() => a.rec.sent().length + b.rec.sent().length >= 60 && b.rec.sent().length > 0);
    await Promise.all([a.worker.stop(), b.worker.stop()]);
    const chats = [...a.rec.sent(), ...b.rec.sent()].map((c) => c.chatId);
    expect(new Set(chats).size).toBe(60);
    // Only sends in flight when the lease moved may be made twice (the worker's concurrency, 4).
    expect(chats.length - 60).toBeLessThanOrEqual(4);
    expect(b.rec.sent().length).toBeGreaterThan(0);
    const lastOfA = Math.max(...a.rec.sent().map((c) => c.at));
    const firstOfB = Math.min(...b.rec.sent().map((c) => c.at));
    expect(firstOfB - lastOfA).toBeGreaterThanOrEqual(1000);
    expect((await outbox.counts())).toMatchObject({ sent: 60, pending: 0 });
  });

  it("sends a row once when drain() pumps beside the running loop while both wait for a send slot", async () => {
    const { rec, worker, add } = await setup({ ratePerSecond: 5, idleMs: 10 });
    worker.start();
    await add([1, 2, 3, 4, 5, 6]);
    worker.wake();
    await Promise.all([worker.drain(), worker.drain()]);
    await worker.stop();
    const chats = rec.sent().map((c) => c.chatId).sort((a, b) => a - b);
    expect(chats).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
