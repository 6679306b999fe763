import { type Clock, SECOND_MS, systemClock } from "../clock.js";
import type { Engine } from "../index/types.js";
import type { Logger } from "../logger.js";
import type { DocumentsStore, ItemDocument } from "../storage/documents-store.js";
import type { ItemsStore, StoredItem } from "../storage/items-store.js";
import { itemToDoc } from "./record-item.js";

// The search index is built from the corpus; the items recorded from sources live in the database.
// Every instance puts them into its own index: all of them before it answers, then, every
// `intervalMs`, those recorded since (by whichever instance fetched them), by id. Ids are given in
// insert order but may become visible out of it (two inserting transactions), so an id missing below
// the highest one seen is looked for again until `gapMs` passed (then it is a rolled-back insert).

/** Options of {@link createItemsFollower}. */
export interface ItemsFollowerOptions {
  /** How often the items table is read for new items, in milliseconds. Defaults to 2,000. */
  intervalMs?: number;
  /** How long a missing id below the highest seen is looked for, in milliseconds. Defaults to 60,000. */
  gapMs?: number;
  /** Items read per query. Defaults to 500. */
  pageSize?: number;
}

/** Collaborators of {@link createItemsFollower}. */
export interface ItemsFollowerDeps {
  items: ItemsStore;
  /** Attached document fields (kind, signer, file) of items. */
  documents?: DocumentsStore;
  engine: Pick<Engine, "add" | "get">;
  logger: Logger;
  /** Defaults to the system clock. */
  now?: Clock;
}

/** Keeps this instance's index up to date with the items table. */
export interface ItemsFollower {
  /** Indexes every item not indexed yet; returns how many were added. */
  catchUp(): Promise<number>;
  /** Catches up every `intervalMs` until `stop()`. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * Creates the follower of the items table.
 *
 * @example
 * const follower = createItemsFollower({ items: stores.items, documents: stores.documentsStore, engine, logger });
 * await follower.catchUp(); // before the bot answers
 * follower.start();
 */
export function createItemsFollower(deps: ItemsFollowerDeps, options: ItemsFollowerOptions = {}): ItemsFollower {
  const { items, engine, logger } = deps;
  const now = deps.now ?? systemClock;
  const intervalMs = options.intervalMs ?? 2 * SECOND_MS;
  const gapMs = options.gapMs ?? 60 * SECOND_MS;
  const pageSize = options.pageSize ?? 500;

  // Every id up to `floor` is indexed (or given up as never committed); above it, `seen` are.
  let floor = 0;
  const seen = new Set<number>();
  const missingSince = new Map<number, number>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function index(item: StoredItem, fields: Map<string, ItemDocument> | null): Promise<boolean> {
    // This instance's own fetch put it in already.
    if (engine.get(item.docId)) return false;
    try {
      const document = fields ? fields.get(item.docId) : await deps.documents?.itemDocument(item.docId);
      engine.add(itemToDoc(item, document));
      return true;
    } catch (err) {
      logger.warn({ err, docId: item.docId }, "items: stored item not indexed");
      return false;
    }
  }

  function advance(t: number): void {
    let top = floor;
    for (const id of seen) top = Math.max(top, id);
    for (let id = floor + 1; id < top; id++) if (!seen.has(id) && !missingSince.has(id)) missingSince.set(id, t);
    for (;;) {
      const next = floor + 1;
      if (seen.delete(next)) floor = next;
      else if (next <= top && t - (missingSince.get(next) ?? t) >= gapMs) floor = next;
      else break;
      missingSince.delete(next);
    }
  }

  async function catchUpNow(): Promise<number> {
    let added = 0;
    // The first time every item is read: their document fields at once rather than one query each.
    const fields = floor === 0 && seen.size === 0 ? ((await deps.documents?.itemDocuments()) ?? null) : null;
    for (let cursor = floor; ; ) {
      const page = await items.after(cursor, pageSize);
      for (const item of page) {
        if (seen.has(item.id)) continue;
        if (await index(item, fields)) added += 1;
        seen.add(item.id);
      }
      if (page.length < pageSize) break;
      cursor = page[page.length - 1]!.id;
    }
    advance(now());
    if (added > 0) logger.info({ added }, "items: indexed items recorded by another instance or before start");
    return added;
  }

  const catchUp = () => (running ??= catchUpNow().finally(() => (running = null)));

  return {
    catchUp,
    start() {
      timer ??= setInterval(() => {
        catchUp().catch((err: unknown) => logger.warn({ err }, "items: could not read new items; trying again"));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
