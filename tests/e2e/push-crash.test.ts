import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contentHash } from "../../src/jobs/record-item.js";
import { openDatabase } from "../../src/storage/database.js";
import { createPushStores } from "../../src/storage/push-stores.js";
import { botEnv, spawnBot, waitFor } from "../support/bot-processes.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";

const SUBSCRIBERS = 150;
const TITLE = "Thành phố Đông Hà công bố điều chỉnh quy hoạch chung đến năm 2045";
/** The worker's default concurrency: the sends that can be in flight at a crash. */
const IN_FLIGHT_BOUND = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("delivery across a crash (kill -9 mid-broadcast)", () => {
  let api: FakeBotApi;
  let dir: string;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    api = await startFakeBotApi();
    dir = mkdtempSync(join(tmpdir(), "civic-bot-crash-"));
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const startBot = () => {
    const env = botEnv(dir, { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, CORPUS_DIR: join(dir, "corpus") });
    const p = spawnBot(env, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("exit", (code, signal) => {
      if (code && code !== 0 && signal === null) console.error(`bot exited ${code}: ${stderr}`);
    });
    return p;
  };
  const pushes = () =>
    api.callsOf("sendMessage").filter((c) => c.response.ok && typeof c.payload.text === "string" && c.payload.text.includes(TITLE));

  it("sends every message once, repeating at most the sends in flight at the crash", async () => {
    mkdirSync(join(dir, "corpus"), { recursive: true });
    writeFileSync(join(dir, "corpus", "a.jsonl"), '{"id":"a","type":"news","title":"Tin cũ","body":"Một tin cũ."}\n');
    // A new item matched to every subscriber, as the fetch job leaves it: item and outbox rows in one transaction.
    const database = await openDatabase(join(dir, "data", "civic-bot.sqlite"));
    const now = Date.now();
    await createPushStores(database.db).transaction(async (stores) => {
      for (let i = 0; i < SUBSCRIBERS; i++) await stores.subscriptions.subscribeAll(5000 + i, now);
      const item = (await stores.items.insert(
        {
          docId: "test:1", source: "Thành ủy Đông Hà", guid: "g1", url: "https://example.org/tin/1", contentHash: contentHash(TITLE, "Nội dung."),
          kind: "news", title: TITLE, body: "Nội dung.", date: "2024-05-22", time: "10:25", number: null, issuer: null, tags: [], pushed: true,
        },
        now,
      ));
      await stores.outbox.enqueue((await stores.subscriptions.active()).map((s) => ({ kind: "item", ref: String(item.id), chatId: s.chatId, payload: { itemId: item.id, lang: "vi" } })), now);
    });
    await database.close();

    child = startBot();
    const killAt = 40;
    await waitFor(() => pushes().length >= killAt, `${killAt} messages sent`, { timeoutMs: 30_000 });
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    const beforeCrash = pushes().length;
    expect(beforeCrash).toBeLessThan(SUBSCRIBERS);

    child = startBot();
    await waitFor(() => new Set(pushes().map((c) => c.payload.chat_id)).size === SUBSCRIBERS, `all ${SUBSCRIBERS} chats reached after the restart`, { timeoutMs: 60_000 });
    await sleep(500);
    child.kill("SIGTERM");
    await new Promise((r) => child!.once("exit", r));

    const perChat = new Map<number, number>();
    for (const c of pushes()) perChat.set(c.payload.chat_id, (perChat.get(c.payload.chat_id) ?? 0) + 1);
    const duplicates = [...perChat.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(perChat.size).toBe(SUBSCRIBERS);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
    const reopened = await openDatabase(join(dir, "data", "civic-bot.sqlite"));
    expect(await createPushStores(reopened.db).outbox.counts()).toMatchObject({ pending: 0, sent: SUBSCRIBERS });
    await reopened.close();
  }, 90_000);
});
