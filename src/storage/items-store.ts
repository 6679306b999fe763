import type { Selectable } from "kysely";
import type { DocType } from "../index/types.js";
import type { SourceItem } from "../sources/source-item.js";
import type { Db } from "./database.js";
import type { PushItemsTable } from "./schema.js";

/** Kind of an item: a news article or an official document (the corpus's {@link DocType}). */
export type ItemKind = DocType;

/**
 * An article or document recorded from a source: the {@link SourceItem} (itself the fields of the
 * corpus's document shape a source can know) with what recording adds.
 */
export type StoredItem = SourceItem & {
  id: number;
  /** The id the item has in the search engine. */
  docId: string;
  source: string;
  contentHash: string;
  kind: ItemKind;
  /** Whether it was news to subscribers (false: present at the source's first fetch). */
  pushed: boolean;
  createdAt: number;
};

/** An item to record. */
export type NewItem = Omit<StoredItem, "id" | "createdAt">;

/** The items recorded from sources. The only code that writes their SQL. */
export interface ItemsStore {
  /** The recorded item that is the same as this one: same guid at the source, else same URL, else same content. */
  findDuplicate(probe: {
    source: string;
    guid: string | null;
    url: string | null;
    contentHash: string;
  }): Promise<StoredItem | undefined>;
  insert(item: NewItem, now: number): Promise<StoredItem>;
  get(id: number): Promise<StoredItem | undefined>;
  /** The URLs among these that are already recorded. */
  knownUrls(urls: readonly string[]): Promise<Set<string>>;
  /** Items with an id above `afterId`, oldest first, at most `limit` (to put them into an instance's index, at start and as they come). */
  after(afterId: number, limit: number): Promise<StoredItem[]>;
  /** The most frequent topics of recent items, for the settings menu. */
  topTopics(limit: number): Promise<string[]>;
  countBySource(): Promise<Map<string, number>>;
}

type Raw = Selectable<PushItemsTable>;

const toItem = (r: Raw): StoredItem => ({
  id: r.id,
  docId: r.doc_id,
  source: r.source,
  guid: r.guid,
  url: r.url,
  contentHash: r.content_hash,
  kind: r.kind,
  title: r.title,
  body: r.body,
  date: r.date,
  time: r.time,
  number: r.number,
  issuer: r.issuer,
  tags: JSON.parse(r.tags) as string[],
  pushed: r.pushed === 1,
  createdAt: r.created_at,
});

/** Creates the items store over a migrated database. */
export function createItemsStore(db: Db): ItemsStore {
  const items = () => db.selectFrom("push_items").selectAll();
  const byUrl = (url: string) => items().where("url", "=", url).limit(1).executeTakeFirst();
  return {
    async findDuplicate({ source, guid, url, contentHash }) {
      const r =
        (guid ? await items().where("source", "=", source).where("guid", "=", guid).executeTakeFirst() : undefined) ??
        (url ? await byUrl(url) : undefined) ??
        (await items().where("content_hash", "=", contentHash).limit(1).executeTakeFirst());
      return r ? toItem(r) : undefined;
    },
    async insert(item, now) {
      const { id } = await db
        .insertInto("push_items")
        .values({
          doc_id: item.docId,
          source: item.source,
          guid: item.guid,
          url: item.url,
          content_hash: item.contentHash,
          kind: item.kind,
          title: item.title,
          body: item.body,
          date: item.date,
          time: item.time,
          number: item.number,
          issuer: item.issuer,
          tags: JSON.stringify(item.tags),
          pushed: item.pushed ? 1 : 0,
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { ...item, id, createdAt: now };
    },
    async get(id) {
      const r = await items().where("id", "=", id).executeTakeFirst();
      return r ? toItem(r) : undefined;
    },
    async knownUrls(urls) {
      const known = new Set<string>();
      for (const url of urls) if (await byUrl(url)) known.add(url);
      return known;
    },
    after: async (afterId, limit) => (await items().where("id", ">", afterId).orderBy("id").limit(limit).execute()).map(toItem),
    async topTopics(limit) {
      const counts = new Map<string, number>();
      for (const r of await db.selectFrom("push_items").select("tags").orderBy("id", "desc").limit(500).execute()) {
        for (const tag of JSON.parse(r.tags) as string[]) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, limit)
        .map(([t]) => t);
    },
    countBySource: async () =>
      new Map(
        (
          await db
            .selectFrom("push_items")
            .select((eb) => ["source", eb.fn.countAll<number>().as("n")])
            .groupBy("source")
            .execute()
        ).map((r) => [r.source, Number(r.n)]),
      ),
  };
}
