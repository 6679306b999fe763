import { createAnnouncementsStore, type AnnouncementsStore } from "./announcements-store.js";
import { inTransaction, type Db } from "./database.js";
import { createDocumentsStore, type DocumentsStore } from "./documents-store.js";
import { createItemsStore, type ItemsStore } from "./items-store.js";
import { createOutboxStore, type OutboxStore } from "./outbox-store.js";
import { createSourcesStore, type SourcesStore } from "./sources-store.js";
import { createSubscriptionsStore, type SubscriptionsStore } from "./subscriptions-store.js";

/** The stores of sources, items, subscriptions and delivery, over one database. */
export interface PushStores {
  items: ItemsStore;
  sourceStates: SourcesStore;
  subscriptions: SubscriptionsStore;
  outbox: OutboxStore;
  announcements: AnnouncementsStore;
  /** The document fields of pushed items and the Telegram file ids of their originals. */
  documentsStore: DocumentsStore;
  /**
   * Runs `fn` in one transaction with stores bound to it (inside one already, in that one). Every
   * read and write of `fn` must go through the stores it is given: on SQLite the one connection is
   * held by the transaction until it ends.
   */
  transaction: <T>(fn: (tx: PushStores) => Promise<T>) => Promise<T>;
  /**
   * A chat leaves: its subscription stops, its digest list empties, and its pending item and digest
   * sends are withdrawn, in one transaction. Returns whether it was subscribed.
   */
  unsubscribe(chatId: number, now: number): Promise<boolean>;
}

/** Creates every push store over a migrated database (or a transaction of it). */
export function createPushStores(db: Db): PushStores {
  const stores: PushStores = {
    items: createItemsStore(db),
    sourceStates: createSourcesStore(db),
    subscriptions: createSubscriptionsStore(db),
    outbox: createOutboxStore(db),
    announcements: createAnnouncementsStore(db),
    documentsStore: createDocumentsStore(db),
    transaction: (fn) => (db.isTransaction ? fn(stores) : inTransaction(db, (tx) => fn(createPushStores(tx)))),
    unsubscribe: (chatId, now) =>
      stores.transaction(async (tx) => {
        const was = await tx.subscriptions.unsubscribe(chatId, now);
        await tx.outbox.cancelPendingForChat(chatId, now, "item");
        await tx.outbox.cancelPendingForChat(chatId, now, "digest");
        return was;
      }),
  };
  return stores;
}
