import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/index/engine.js";
import { createItemsFollower } from "../../src/jobs/follow-items.js";
import { contentHash, itemToDoc } from "../../src/jobs/record-item.js";
import type { Db } from "../../src/storage/database.js";
import { createDocumentsStore } from "../../src/storage/documents-store.js";
import { createItemsStore, type NewItem } from "../../src/storage/items-store.js";
import { DIALECTS, useTestDatabase } from "../support/databases.js";

const logger = pino({ level: "silent" });

const item = (n: number, title: string): NewItem => ({
  docId: `src:${n}`,
  source: "Thành ủy Đông Hà",
  guid: `g${n}`,
  url: `https://dongha.example/tin/${n}`,
  contentHash: contentHash(title, `${title}. Nội dung chi tiết.`),
  kind: "news",
  title,
  body: `${title}. Nội dung chi tiết.`,
  date: "2026-11-30",
  time: null,
  number: null,
  issuer: null,
  tags: [],
  pushed: true,
});

const follower = (db: Db, now = () => Date.now()) => {
  const engine = createEngine([]);
  return { engine, follower: createItemsFollower({ items: createItemsStore(db), documents: createDocumentsStore(db), engine, logger, now }, { pageSize: 2 }) };
};

describe.each(DIALECTS)("items follower on %s", (dialect) => {
  const db = useTestDatabase(dialect);

  it("indexes every stored item before answering, then those recorded since by another instance", async () => {
    const items = createItemsStore(db());
    await items.insert(item(1, "Khánh thành cầu Sông Hiếu mới"), 1);
    await items.insert(item(2, "Đông Hà ra quân tổng vệ sinh môi trường"), 2);
    await items.insert(item(3, "Hội nghị tiếp xúc cử tri phường Đông Lương"), 3);
    const { engine, follower: f } = follower(db());
    expect(await f.catchUp()).toBe(3);
    expect(engine.size).toBe(3);
    await items.insert(item(4, "Lễ hội Thống nhất non sông tại Quảng Trị"), 4);
    expect(await f.catchUp()).toBe(1);
    expect(engine.get("src:4")?.title).toBe("Lễ hội Thống nhất non sông tại Quảng Trị");
    expect(engine.search("le hoi thong nhat").hits[0]?.doc.id).toBe("src:4");
    expect(await f.catchUp()).toBe(0);
  });

  it("skips an item this instance indexed itself", async () => {
    const items = createItemsStore(db());
    const { engine, follower: f } = follower(db());
    const stored = await items.insert(item(1, "Khánh thành cầu Sông Hiếu mới"), 1);
    engine.add(itemToDoc(stored));
    expect(await f.catchUp()).toBe(0);
    expect(engine.size).toBe(1);
  });
});

describe("items follower on postgres, with inserts that commit out of id order", () => {
  const db = useTestDatabase("postgres");

  it("finds an item whose insert committed after a later one's", async () => {
    let t = 0;
    const { engine, follower: f } = follower(db(), () => t);
    let commit!: () => void;
    let inserted!: () => void;
    const insertedFirst = new Promise<void>((r) => (inserted = r));
    const slow = db()
      .transaction()
      .execute(async (tx) => {
        await createItemsStore(tx).insert(item(1, "Khánh thành cầu Sông Hiếu mới"), 1);
        inserted();
        await new Promise<void>((r) => (commit = r));
      });
    await insertedFirst;
    await createItemsStore(db()).insert(item(2, "Đông Hà ra quân tổng vệ sinh môi trường"), 2);
    expect(await f.catchUp()).toBe(1);
    expect(engine.get("src:2")).toBeDefined();
    commit();
    await slow;
    t += 1000;
    expect(await f.catchUp()).toBe(1);
    expect(engine.get("src:1")).toBeDefined();
  });

  it("stops looking for an id that never commits once the gap time passed", async () => {
    let t = 0;
    const { follower: f } = follower(db(), () => t);
    await db()
      .transaction()
      .execute(async (tx) => {
        await createItemsStore(tx).insert(item(1, "Khánh thành cầu Sông Hiếu mới"), 1);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    const items = createItemsStore(db());
    await items.insert(item(2, "Đông Hà ra quân tổng vệ sinh môi trường"), 2);
    await items.insert(item(3, "Hội nghị tiếp xúc cử tri phường Đông Lương"), 3);
    expect(await f.catchUp()).toBe(2);
    t += 61_000;
    expect(await f.catchUp()).toBe(0);
    await items.insert(item(4, "Lễ hội Thống nhất non sông tại Quảng Trị"), 4);
    expect(await f.catchUp()).toBe(1);
  });
});
