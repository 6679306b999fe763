import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { createEngine } from "../src/index/engine.js";
import type { CorpusDoc } from "../src/index/types.js";
import { createDeliveryWorker } from "../src/jobs/deliver-outbox.js";
import { createFetchSources } from "../src/jobs/fetch-sources.js";
import { contentHash } from "../src/jobs/record-item.js";
import { registerPushSenders } from "../src/jobs/push-senders.js";
import { openDatabase } from "../src/storage/database.js";
import { createPushStores } from "../src/storage/push-stores.js";
import { parseSources } from "../src/sources/source-config.js";

// Push benchmarks:
// 1. one new item to N subscribers (default 10,000) through the real outbox worker and grammY's HTTP
//    client (with auto-retry, as in production) against a fake Bot API that allows 30 messages in any
//    second and answers 429 retry_after beyond: sustained rate, 429s met, lost, duplicates;
// 2. fetching and indexing 1,000 new items from a local RSS feed into the engine holding the corpus.
//   npm run bench -- --only push [--corpus path.jsonl.gz] [--subscribers 10000] [--items 1000]

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/data/bench/vntc-53k.jsonl.gz" },
    subscribers: { type: "string", default: "10000" },
    items: { type: "string", default: "1000" },
    "fetch-subscribers": { type: "string", default: "100" },
    only: { type: "string" },
  },
  allowPositionals: true,
});
const logger = pino({ level: "silent" });
const TOKEN = "123456:BENCH";

/** A Bot API that answers sendMessage, allowing `limit` messages in any one second (else 429). */
async function startLimitedApi(limit: number) {
  const window: number[] = [];
  const received = new Map<number, number>();
  let rejected = 0;
  let messageId = 1;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const payload = JSON.parse(body || "{}") as { chat_id: number; text: string };
      const now = Date.now();
      while (window.length > 0 && window[0]! <= now - 1000) window.shift();
      res.setHeader("content-type", "application/json");
      if (window.length >= limit) {
        rejected += 1;
        const retryAfter = Math.max(1, Math.ceil((window[0]! + 1000 - now) / 1000));
        res.end(JSON.stringify({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } }));
        return;
      }
      window.push(now);
      received.set(payload.chat_id, (received.get(payload.chat_id) ?? 0) + 1);
      res.end(JSON.stringify({ ok: true, result: { message_id: messageId++, date: Math.floor(now / 1000), chat: { id: payload.chat_id, type: "private" }, text: payload.text } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    received,
    rejected: () => rejected,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

async function benchBroadcast(subscribers: number, ratePerSecond = 25) {
  const dir = mkdtempSync(join(tmpdir(), "push-bench-"));
  const fake = await startLimitedApi(30);
  const stores = createPushStores((await openDatabase(join(dir, "bench.sqlite"))).db);
  const now = Date.now();
  await stores.transaction(async (tx) => {
    for (let i = 0; i < subscribers; i++) await tx.subscriptions.subscribeAll(10_000_000 + i, now);
  });
  const item = (await stores.items.insert(
    { docId: "bench:1", source: "Thành ủy Đông Hà", guid: "b1", url: "https://example.org/b1", contentHash: contentHash("x", "y"), kind: "news",
      title: "Đông Hà công bố quy hoạch phân khu tỷ lệ 1/2000", body: "Nội dung bài viết. Câu thứ hai.", date: "2024-05-22", time: null,
      number: null, issuer: null, tags: [], pushed: true },
    now,
  ));
  await stores.outbox.enqueue((await stores.subscriptions.active()).map((s) => ({ kind: "item", ref: String(item.id), chatId: s.chatId, payload: { itemId: item.id, lang: "vi" } })), now);
  const api = new Api(TOKEN, { apiRoot: fake.apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  const worker = createDeliveryWorker({ api, outbox: stores.outbox, logger }, { ratePerSecond });
  registerPushSenders(worker, { items: stores.items, subscriptions: stores.subscriptions, translator: () => (k) => k, logger });
  const started = performance.now();
  await worker.drain();
  const seconds = (performance.now() - started) / 1000;
  const delivered = [...fake.received.values()].length;
  const duplicates = [...fake.received.values()].reduce((s, n) => s + n - 1, 0);
  const counts = await stores.outbox.counts();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  return { subscribers, ratePerSecond, seconds, rate: delivered / seconds, rejected: fake.rejected(), lost: subscribers - delivered, duplicates, failed: counts.failed };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
function rss(docs: CorpusDoc[]): string {
  const items = docs
    .map((d, i) => `<item><title>${esc(d.title)}</title><link>https://bench.example/${encodeURIComponent(d.id)}</link><guid>${esc(d.id)}</guid><description>${esc(d.body)}</description><pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate></item>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title><link>https://bench.example/</link><description>b</description>${items}</channel></rss>`;
}

async function benchFetch(corpusPath: string, newItems: number, subscribers: number) {
  const t0 = performance.now();
  const docs = (await loadCorpus(corpusPath)).docs;
  const held = docs.slice(-newItems);
  const engine = createEngine(docs.slice(0, docs.length - newItems));
  const buildS = (performance.now() - t0) / 1000;
  let body = rss([]);
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(body));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss`;
  const dir = mkdtempSync(join(tmpdir(), "push-bench-"));
  const stores = createPushStores((await openDatabase(join(dir, "bench.sqlite"))).db);
  await stores.transaction(async (tx) => {
    for (let i = 0; i < subscribers; i++) await tx.subscriptions.subscribeAll(i + 1, 0);
    for (let i = 0; i < 200; i++) await tx.subscriptions.addKeyword(5000 + i, `từ khóa ${i}`, 0);
  });
  const fetchSources = createFetchSources(
    { sources: parseSources([{ name: "bench", type: "rss", url, kind: "news" }]), corpusDir: null, loadCorpusFile: () => [], ...stores, engine, logger, timeZone: "Asia/Ho_Chi_Minh", defaultQuietHours: null },
    { maxBytes: 64 * 1024 * 1024, timeoutMs: 60_000 },
  );
  await fetchSources(); // the source's first fetch (empty): from now on, items are new
  body = rss(held);
  const started = performance.now();
  const [report] = await fetchSources();
  const seconds = (performance.now() - started) / 1000;
  const found = engine.search(held[0]!.title).hits.some((h) => h.doc.id.startsWith("bench:"));
  const outbox = (await stores.outbox.counts()).pending;
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  return { subscribers, corpus: engine.size - (report?.newItems ?? 0), buildS, newItems: report?.newItems ?? 0, seconds, outbox, found, feedMB: Buffer.byteLength(body) / 1e6 };
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const subscribers = Number(values.subscribers);
// The default pace, then a worker told to go faster than Telegram allows: 429s met, waited out, nothing lost.
const runs = [await benchBroadcast(subscribers), await benchBroadcast(Math.min(subscribers, 2000), 40)];
process.stdout.write(
  [
    "### One item to subscribers (fake Bot API: 30 msg/s, 429 beyond)",
    "",
    "| subscribers | worker pace (msg/s) | time (s) | sustained rate (msg/s) | 429s met | lost | duplicates | failed |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...runs.map(
      (b) => `| ${b.subscribers} | ${b.ratePerSecond} | ${fmt(b.seconds)} | ${fmt(b.rate, 2)} | ${b.rejected} | ${b.lost} | ${b.duplicates} | ${b.failed} |`,
    ),
    "",
    "",
  ].join("\n"),
);
const f = await benchFetch(values.corpus, Number(values.items), Number(values["fetch-subscribers"]));
process.stdout.write(
  [
    "### Fetching and indexing new items",
    "",
    "| corpus docs | index build (s) | subscribers (+200 keyword-only) | feed (MB) | new items | fetch+dedupe+record+match+index (s) | outbox rows | searchable |",
    "|---:|---:|---:|---:|---:|---:|---:|---|",
    `| ${f.corpus} | ${fmt(f.buildS)} | ${f.subscribers} | ${fmt(f.feedMB)} | ${f.newItems} | ${fmt(f.seconds, 2)} | ${f.outbox} | ${f.found ? "yes" : "no"} |`,
    "",
  ].join("\n"),
);
