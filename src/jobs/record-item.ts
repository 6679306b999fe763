import { createHash } from "node:crypto";
import type { Clock } from "../clock.js";
import type { CorpusDoc, Engine } from "../index/types.js";
import type { Logger } from "../logger.js";
import type { ItemDocument } from "../storage/documents-store.js";
import type { ItemKind, ItemsStore, NewItem, StoredItem } from "../storage/items-store.js";
import type { OutboxStore } from "../storage/outbox-store.js";
import type { PushStores } from "../storage/push-stores.js";
import type { Subscription, SubscriptionsStore } from "../storage/subscriptions-store.js";
import type { SourceItem } from "../sources/source-item.js";
import { foldVietnamese, planDeliveries } from "./match-subscribers.js";
import type { QuietHours } from "./quiet-hours.js";

/** A content fingerprint that ignores case, marks, punctuation and spacing. */
export function contentHash(title: string, body: string): string {
  return createHash("sha1").update(`${foldVietnamese(title)}\n${foldVietnamese(body).slice(0, 4000)}`).digest("hex");
}

/** The search-engine document of a recorded item, with the fields read from its attached file when it had one. */
export function itemToDoc(item: StoredItem, document?: ItemDocument): CorpusDoc {
  return {
    id: item.docId,
    type: item.kind,
    title: item.title,
    body: item.body,
    date: item.date,
    time: item.time,
    url: item.url,
    number: item.number,
    issuer: item.issuer,
    source: item.source,
    tags: item.tags,
    ...(document ? { kind: document.kind, signer: document.signer, file: document.file } : {}),
  };
}

/** Collaborators of {@link createItemRecorder}. */
export interface ItemRecorderDeps {
  items: ItemsStore;
  subscriptions: SubscriptionsStore;
  outbox: OutboxStore;
  /** Runs `fn` in one database transaction, with stores bound to it. */
  transaction: PushStores["transaction"];
  engine: Pick<Engine, "add">;
  logger: Logger;
  timeZone: string;
  defaultQuietHours: QuietHours | null;
  /** Called when rows were added to the outbox (wakes the delivery worker). */
  onEnqueued?: () => void;
  now: Clock;
}

/** Records items from sources: deduplicated, stored, matched to subscribers and indexed. */
export interface ItemRecorder {
  /** Forgets the subscriptions read for the last run, so that the next run reads them again. */
  startRun(): void;
  /**
   * Records one item unless it is a duplicate (same guid at the source, else URL, else content);
   * fills the outbox for subscribers unless `baseline` (the source's first fetch). Returns it, or null.
   */
  record(source: string, kind: ItemKind, raw: SourceItem, baseline: boolean, docId?: string): Promise<StoredItem | null>;
  /** Records a batch in order, skipping (and logging) a bad item; returns how many were new. */
  recordAll(source: string, kind: ItemKind, raws: readonly SourceItem[], baseline: boolean): Promise<number>;
  /** The URLs among these that are already recorded. */
  knownUrls(urls: readonly string[]): Promise<Set<string>>;
}

/** Creates the recorder the fetch job hands every item to. */
export function createItemRecorder(deps: ItemRecorderDeps): ItemRecorder {
  // Read once per run: matching a thousand items must not read every subscription a thousand times.
  let runSubscriptions: Promise<Subscription[]> | null = null;
  const activeSubscriptions = () => (runSubscriptions ??= deps.subscriptions.active());
  // Sources are read in parallel but items recorded one at a time, so that the duplicate check and
  // the insert of one item are not interleaved with another's.
  let recording: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = recording.then(fn);
    recording = result.catch(() => undefined);
    return result;
  };

  function record(source: string, kind: ItemKind, raw: SourceItem, baseline: boolean, docId?: string): Promise<StoredItem | null> {
    return serially(() => recordNow(source, kind, raw, baseline, docId));
  }

  async function recordNow(source: string, kind: ItemKind, raw: SourceItem, baseline: boolean, docId?: string): Promise<StoredItem | null> {
    const hash = contentHash(raw.title, raw.body);
    if ((await deps.items.findDuplicate({ source, guid: raw.guid, url: raw.url, contentHash: hash }))) return null;
    const key = raw.guid ?? raw.url ?? hash;
    const item: NewItem = {
      docId: docId ?? `${source}:${createHash("sha1").update(key).digest("hex").slice(0, 16)}`,
      source,
      guid: raw.guid,
      url: raw.url,
      contentHash: hash,
      kind,
      title: raw.title,
      body: raw.body,
      date: raw.date,
      time: raw.time,
      number: raw.number,
      issuer: raw.issuer,
      tags: raw.tags,
      pushed: !baseline,
    };
    const t = deps.now();
    let enqueued = 0;
    // Read before the transaction: on SQLite the transaction holds the one connection until it ends.
    const subscribers = baseline ? [] : await activeSubscriptions();
    const stored = await deps.transaction(async (tx) => {
      const stored = await tx.items.insert(item, t);
      if (raw.document) await tx.documentsStore.saveItemDocument(stored.docId, raw.document);
      if (!baseline) {
        const plan = planDeliveries(subscribers, stored, { now: t, timeZone: deps.timeZone, defaultQuietHours: deps.defaultQuietHours });
        enqueued = await tx.outbox.enqueue(plan.outbox, t);
        await tx.subscriptions.addDigestEntries(plan.digest, t);
      }
      return stored;
    });
    try {
      deps.engine.add(itemToDoc(stored, raw.document));
    } catch (err) {
      deps.logger.error({ err, docId: stored.docId }, "fetch: could not add the item to the search index");
    }
    if (enqueued > 0) deps.onEnqueued?.();
    return stored;
  }

  return {
    startRun() {
      runSubscriptions = null;
    },
    record,
    knownUrls: (urls) => deps.items.knownUrls(urls),
    async recordAll(source, kind, raws, baseline) {
      let added = 0;
      for (const raw of raws) {
        try {
          if (await record(source, kind, raw, baseline)) added += 1;
        } catch (err) {
          deps.logger.warn({ err, source, url: raw.url }, "fetch: item skipped");
        }
      }
      return added;
    },
  };
}
