import type { DocType } from "../index/types.js";
import type { SourceItem } from "../sources/source-item.js";
import type { Db } from "./database.js";

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
  findDuplicate(probe: { source: string; guid: string | null; url: string | null; contentHash: string }): StoredItem | undefined;
  insert(item: NewItem, now: number): StoredItem;
  get(id: number): StoredItem | undefined;
  /** The URLs among these that are already recorded. */
  knownUrls(urls: readonly string[]): Set<string>;
  /** Every item, oldest first (to put them back in the search index at start). */
  all(): StoredItem[];
  /** The most frequent topics of recent items, for the settings menu. */
  topTopics(limit: number): string[];
  countBySource(): Map<string, number>;
}

/** `docId` → `doc_id`: the column name of a field. */
type Column<K extends string> = K extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${Column<Tail>}`
  : K;

/** A row of `items`, derived from {@link StoredItem}: tags are JSON text, `pushed` is 0 or 1. */
type Raw = { [K in keyof StoredItem as Column<K & string>]: K extends "tags" ? string : K extends "pushed" ? number : StoredItem[K] };

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
  const byGuid = db.prepare("SELECT * FROM push_items WHERE source = ? AND guid = ?");
  const byUrl = db.prepare("SELECT * FROM push_items WHERE url = ? LIMIT 1");
  const byHash = db.prepare("SELECT * FROM push_items WHERE content_hash = ? LIMIT 1");
  const insert = db.prepare(
    `INSERT INTO push_items (doc_id, source, guid, url, content_hash, kind, title, body, date, time, number, issuer, tags, pushed, created_at)
     VALUES (@docId, @source, @guid, @url, @contentHash, @kind, @title, @body, @date, @time, @number, @issuer, @tags, @pushed, @createdAt)`,
  );
  const get = db.prepare("SELECT * FROM push_items WHERE id = ?");
  const all = db.prepare("SELECT * FROM push_items ORDER BY id");
  const recentTags = db.prepare("SELECT tags FROM push_items ORDER BY id DESC LIMIT 500");
  const perSource = db.prepare("SELECT source, COUNT(*) AS n FROM push_items GROUP BY source");
  return {
    findDuplicate({ source, guid, url, contentHash }) {
      const r =
        (guid ? (byGuid.get(source, guid) as Raw | undefined) : undefined) ??
        (url ? (byUrl.get(url) as Raw | undefined) : undefined) ??
        (byHash.get(contentHash) as Raw | undefined);
      return r ? toItem(r) : undefined;
    },
    insert(item, now) {
      const id = Number(
        insert.run({ ...item, tags: JSON.stringify(item.tags), pushed: item.pushed ? 1 : 0, createdAt: now }).lastInsertRowid,
      );
      return { ...item, id, createdAt: now };
    },
    get(id) {
      const r = get.get(id) as Raw | undefined;
      return r ? toItem(r) : undefined;
    },
    knownUrls(urls) {
      const known = new Set<string>();
      for (const url of urls) if (byUrl.get(url)) known.add(url);
      return known;
    },
    all: () => (all.all() as Raw[]).map(toItem),
    topTopics(limit) {
      const counts = new Map<string, number>();
      for (const r of recentTags.all() as Array<{ tags: string }>) {
        for (const tag of JSON.parse(r.tags) as string[]) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([t]) => t);
    },
    countBySource: () =>
      new Map((perSource.all() as Array<{ source: string; n: number }>).map((r) => [r.source, r.n])),
  };
}
