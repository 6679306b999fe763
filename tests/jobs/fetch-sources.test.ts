import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/index/engine.js";
import type { CorpusDoc } from "../../src/index/types.js";
import { createFetchSources, type FetchSourcesDeps } from "../../src/jobs/fetch-sources.js";
import { openDatabase } from "../../src/storage/database.js";
import { createPushStores } from "../../src/storage/push-stores.js";
import { parseSources, type SourceConfig } from "../../src/sources/source-config.js";
import { articlePageOf, atomOf, fixtureItems, listingOf, rssOf, seedPageText, startFeedServer, type FeedServer } from "../support/feed-server.js";

const logger = pino({ level: "silent" });
const items = fixtureItems();

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

async function setup(sources: SourceConfig[], extra: Partial<FetchSourcesDeps> = {}) {
  const stores = createPushStores((await openDatabase(":memory:")).db);
  const engine = createEngine([]);
  let clock = Date.parse("2024-05-22T03:00:00Z"); // 10:00 in Đông Hà
  const fetchSources = createFetchSources(
    {
      sources,
      corpusDir: null,
      loadCorpusFile: () => [],
      ...stores,
      engine,
      logger,
      timeZone: "Asia/Ho_Chi_Minh",
      defaultQuietHours: [22, 6],
      now: () => clock,
      ...extra,
    },
    { timeoutMs: 500, backoffBaseMs: 60_000 },
  );
  return { ...stores, engine, fetchSources, advance: (ms: number) => (clock += ms), setClock: (t: number) => (clock = t) };
}

const rss = (name: string, path: string, kind: "news" | "document" = "news") =>
  parseSources([{ name, type: "rss", url: server.url(path), kind }])[0]!;

describe("fetching sources", () => {
  it("records and indexes the items at a source's first fetch without pushing them", async () => {
    server.set("/rss", { body: rssOf((items.slice(2, 6))) });
    const s = await setup([rss("tin", "/rss")]);
    await s.subscriptions.subscribeAll(1, 0);
    const [report] = await s.fetchSources();
    expect(report).toMatchObject({ name: "tin", outcome: "baseline", newItems: 4 });
    expect(s.engine.size).toBe(4);
    expect((await s.outbox.counts()).pending).toBe(0);
  });

  it("pushes only the items that appear later, and never an old one again", async () => {
    server.set("/rss", { body: rssOf((items.slice(2, 6))) });
    const s = await setup([rss("tin", "/rss")]);
    await s.subscriptions.subscribeAll(1, 0);
    await s.fetchSources();
    server.set("/rss", { body: rssOf((items.slice(0, 6))) });
    const [report] = await s.fetchSources();
    expect(report).toMatchObject({ outcome: "new-items", newItems: 2 });
    const rows = await s.outbox.due(Date.now(), 10);
    expect((await Promise.all(rows.map(async (r) => (await s.items.get((r.payload as { itemId: number }).itemId))!.title)))).toEqual([items[1]!.title, items[0]!.title]);
    await s.fetchSources();
    expect((await s.outbox.due(Date.now(), 10))).toHaveLength(2);
    expect(s.engine.latest({ limit: 10 }).total).toBe(6);
  });

  it("reads Atom feeds", async () => {
    server.set("/atom", { body: atomOf((items.slice(0, 3))), contentType: "application/atom+xml" });
    const s = await setup([rss("vb", "/atom", "document")]);
    const [report] = await s.fetchSources();
    expect(report).toMatchObject({ outcome: "baseline", newItems: 3 });
    expect(s.engine.latest({ type: "document" }).total).toBe(3);
  });

  it("honours a 304 with ETag and Last-Modified", async () => {
    server.set("/rss", { body: rssOf((items.slice(0, 3))), etag: '"v1"', lastModified: "Wed, 20 Oct 2021 08:00:00 GMT" });
    const s = await setup([rss("tin", "/rss")]);
    await s.fetchSources();
    const [report] = await s.fetchSources();
    expect(report!.outcome).toBe("not-modified");
    const last = server.requests.at(-1)!;
    expect(last.headers["if-none-match"]).toBe('"v1"');
    expect(last.headers["if-modified-since"]).toBe("Wed, 20 Oct 2021 08:00:00 GMT");
    expect(last.status).toBe(304);
    expect((await s.sourceStates.get("tin"))!.lastSuccessAt).not.toBeNull();
  });

  it("isolates a broken feed and a slow feed from a good one, and backs off the failing ones", async () => {
    server.set("/good", { body: rssOf((items.slice(2, 4))) });
    server.set("/broken", { body: "<html>Đang bảo trì</html>", contentType: "text/html" });
    server.set("/slow", { body: rssOf((items.slice(0, 2))), delayMs: 2000 });
    const s = await setup([rss("good", "/good"), rss("broken", "/broken"), rss("slow", "/slow")]);
    await s.subscriptions.subscribeAll(1, 0);
    await s.fetchSources();
    server.set("/good", { body: rssOf((items.slice(1, 4))) });
    const reports = await s.fetchSources();
    expect(reports.find((r) => r.name === "good")).toMatchObject({ outcome: "new-items", newItems: 1 });
    expect(reports.find((r) => r.name === "broken")).toMatchObject({ outcome: "backing-off" });
    const broken = (await s.sourceStates.get("broken"))!;
    expect(broken.lastError).toMatch(/not an RSS or Atom feed/);
    expect((await s.sourceStates.get("slow"))!.lastError).toMatch(/no answer within 500 ms/);
    s.advance(61_000);
    const third = await s.fetchSources();
    expect(third.find((r) => r.name === "broken")).toMatchObject({ outcome: "failed" });
    expect((await s.sourceStates.get("broken"))!.failures).toBe(2);
    expect((await s.sourceStates.get("broken"))!.nextAttemptAt - Date.parse("2024-05-22T03:01:01Z")).toBe(120_000);
  });

  it("rejects a body over the size limit", async () => {
    server.set("/big", { body: rssOf(items).repeat(50) });
    const s = await setup([rss("big", "/big")]);
    const stores = createPushStores((await openDatabase(":memory:")).db);
    const small = createFetchSources({ sources: [rss("big", "/big")], corpusDir: null, loadCorpusFile: () => [], ...stores, engine: s.engine, logger, timeZone: "UTC", defaultQuietHours: null }, { maxBytes: 10_000 });
    const [report] = await small();
    expect(report!.error).toMatch(/over the 10000-byte limit/);
  });

  it("deduplicates by guid, then URL, then content", async () => {
    const [a, b] = items;
    server.set("/one", { body: rssOf([]) });
    server.set("/two", { body: rssOf([]) });
    const s = await setup([rss("one", "/one"), rss("two", "/two")]);
    await s.fetchSources();
    await s.subscriptions.subscribeAll(1, 0);
    // The same article in both feeds under other guids; then a copy of another at a new URL.
    server.set("/one", { body: rssOf([a!]) });
    server.set("/two", { body: rssOf([{ ...a!, id: "other-guid" }, { ...b!, id: "copy", url: "https://mirror.example/x" }]) });
    await s.fetchSources();
    server.set("/one", { body: rssOf([b!, a!]) });
    await s.fetchSources();
    expect((await s.items.after(0, 1000)).map((i) => i.title).sort()).toEqual([a!.title, b!.title].sort());
    expect((await s.outbox.counts()).pending).toBe(2);
  });

  it("reads a listing page and its article pages like the Đông Hà site", async () => {
    const seed = seedPageText();
    server.set("/tin-tuc", { body: listingOf([{ href: "/tin/1", title: "Tin cũ" }]), contentType: "text/html; charset=utf-8" });
    server.set("/tin/1", { body: articlePageOf(seed.replace("Phát huy truyền thống", "Tin cũ:")), contentType: "text/html; charset=utf-8" });
    server.set("/tin/2", { body: articlePageOf(seed), contentType: "text/html; charset=utf-8" });
    const source = parseSources([
      { name: "thanhuy", type: "html", url: server.url("/tin-tuc"), kind: "news", select: { item: "li.news-item", link: "a.title" } },
    ])[0]!;
    const s = await setup([source]);
    await s.subscriptions.subscribeAll(1, 0);
    expect((await s.fetchSources())[0]).toMatchObject({ outcome: "baseline", newItems: 1 });
    server.set("/tin-tuc", {
      body: listingOf([{ href: "/tin/2", title: "Phát huy truyền thống…" }, { href: "/tin/1", title: "Tin cũ" }]),
      contentType: "text/html; charset=utf-8",
    });
    expect((await s.fetchSources())[0]).toMatchObject({ outcome: "new-items", newItems: 1 });
    const item = (await s.items.after(0, 1000)).at(-1)!;
    expect(item.title).toBe("Phát huy truyền thống đoàn kết, thống nhất; tích cực tạo sự chuyển biến trong công tác xây dựng Đảng");
    expect(item).toMatchObject({ date: "2024-05-22", time: "10:25", url: server.url("/tin/2") });
    expect(item.body).toContain("tổng số đảng viên 7.210 đồng chí");
    expect(item.body).toContain("Bí thư Thành ủy Đông Hà");
    expect(item.body).not.toMatch(/Các tin khác|VĂN BẢN MỚI|THĂM DÒ Ý KIẾN|bình chọn/);
    expect((await s.outbox.counts()).pending).toBe(1);
  });

  it("uses the source's selectors for the article page when given", async () => {
    server.set("/list", { body: listingOf([]), contentType: "text/html" });
    server.set("/a", { body: articlePageOf(seedPageText()), contentType: "text/html" });
    const source = parseSources([
      {
        name: "s",
        type: "html",
        url: server.url("/list"),
        kind: "news",
        select: { item: "li.news-item a", articleTitle: "h1.title", articleDate: ".time", articleBody: ".content p" },
      },
    ])[0]!;
    const s = await setup([source]);
    await s.fetchSources();
    server.set("/list", { body: listingOf([{ href: "/a", title: "x" }]), contentType: "text/html" });
    await s.fetchSources();
    const item = (await s.items.after(0, 1000))[0]!;
    expect(item.date).toBe("2024-05-22");
    expect(item.body.startsWith("Năm 2023 là năm giữa nhiệm kỳ")).toBe(true);
  });

  it("picks up a file added to the corpus folder as a new document", async () => {
    const dir = mkdtempSync(join(tmpdir(), "corpus-"));
    writeFileSync(join(dir, "old.jsonl"), '{"id":"old-1","type":"news","title":"Cũ","body":"Bài cũ."}\n');
    const loadCorpusFile = (path: string): CorpusDoc[] =>
      path.endsWith("new.md")
        ? [{ id: "vb-123", type: "document", title: "Quyết định 123/QĐ-UBND về quy hoạch", body: "Phê duyệt quy hoạch chi tiết.", date: "2024-06-01", url: null, number: "123/QĐ-UBND", issuer: "UBND thành phố Đông Hà", source: null, tags: [] }]
        : [];
    const s = await setup([], { corpusDir: dir, loadCorpusFile });
    await s.subscriptions.subscribeAll(1, 0);
    expect((await s.fetchSources())[0]).toMatchObject({ name: "corpus", outcome: "baseline", newItems: 0 });
    writeFileSync(join(dir, "new.md"), "---\ntitle: x\n---\n");
    expect((await s.fetchSources())[0]).toMatchObject({ name: "corpus", outcome: "new-items", newItems: 1 });
    expect(s.engine.get("vb-123")?.number).toBe("123/QĐ-UBND");
    expect((await s.outbox.counts()).pending).toBe(1);
    expect((await s.fetchSources())[0]).toMatchObject({ newItems: 0 });
  });
});

describe("matching new items to subscribers", () => {
  async function withNewItems(configure: (s: Awaited<ReturnType<typeof setup>>) => Promise<void>) {
    server.set("/rss", { body: rssOf((items.slice(6, 8))) });
    server.set("/vb", { body: atomOf([]), contentType: "application/atom+xml" });
    const s = await setup([rss("tin", "/rss"), rss("vb", "/vb", "document")]);
    await s.fetchSources();
    await configure(s);
    server.set("/rss", { body: rssOf((items.slice(0, 8))) });
    await s.fetchSources();
    return s;
  }
  const chatsOf = async (s: Awaited<ReturnType<typeof setup>>) =>
    [...new Set((await s.outbox.due(Number.MAX_SAFE_INTEGER, 100)).map((r) => r.chatId))].sort();

  it("sends keyword alerts only for matching items, with or without diacritics", async () => {
    const s = await withNewItems(async (s) => {
      await s.subscriptions.addKeyword(10, "quy hoach", 0);
      await s.subscriptions.addKeyword(11, "Quảng Trị", 0);
      await s.subscriptions.addKeyword(12, "Hà Giang", 0);
    });
    const titles = async (chat: number) =>
      Promise.all(
        (await s.outbox.due(Number.MAX_SAFE_INTEGER, 100))
          .filter((r) => r.chatId === chat)
          .map(async (r) => (await s.items.get((r.payload as { itemId: number }).itemId))!.title),
      );
    expect(await titles(10)).toHaveLength(3);
    expect((await titles(10)).every((t) => /quy hoạch/i.test(t))).toBe(true);
    expect((await titles(11)).length).toBeGreaterThanOrEqual(2);
    expect(await titles(12)).toEqual([]);
  });

  it("respects news / documents switches and topics", async () => {
    const s = await withNewItems(async (s) => {
      await s.subscriptions.subscribeAll(20, 0);
      await s.subscriptions.update(20, { news: false }, 0);
      await s.subscriptions.subscribeAll(21, 0);
      await s.subscriptions.update(21, { topics: ["Bất động sản"] }, 0);
    });
    expect(await chatsOf(s)).toEqual([21]);
    const topicRows = (await s.outbox.due(Number.MAX_SAFE_INTEGER, 100)).filter((r) => r.chatId === 21);
    expect(topicRows.length).toBeGreaterThan(0);
    expect(topicRows.length).toBeLessThan(6);
  });

  it("puts digest subscribers' items on their waiting list instead of the outbox", async () => {
    const s = await withNewItems(async (s) => {
      await s.subscriptions.subscribeAll(30, 0);
      await s.subscriptions.update(30, { mode: "digest" }, 0);
    });
    expect(await chatsOf(s)).toEqual([]);
    expect((await s.subscriptions.digestItems(30))).toHaveLength(6);
  });

  it("holds pushes found during quiet hours until they end", async () => {
    server.set("/rss", { body: rssOf([]) });
    const s = await setup([rss("tin", "/rss")]);
    await s.fetchSources();
    await s.subscriptions.subscribeAll(40, 0);
    await s.subscriptions.subscribeAll(41, 0);
    await s.subscriptions.update(41, { quietHours: "" }, 0);
    s.setClock(Date.parse("2024-05-22T16:30:00Z")); // 23:30 in Đông Hà
    server.set("/rss", { body: rssOf((items.slice(0, 1))) });
    await s.fetchSources();
    const rows = await s.outbox.due(Number.MAX_SAFE_INTEGER, 10);
    expect(rows.find((r) => r.chatId === 40)!.notBefore).toBe(Date.parse("2024-05-22T23:00:00Z"));
    expect(rows.find((r) => r.chatId === 41)!.notBefore).toBe(0);
  });
});
