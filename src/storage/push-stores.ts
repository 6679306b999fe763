import { createAnnouncementsStore, type AnnouncementsStore } from "./announcements-store.js";
import type { Db } from "./database.js";
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
  /** Runs `fn` in one transaction (a savepoint when already inside one). */
  transaction: <T>(fn: () => T) => T;
}

/** Creates every push store over a migrated database. */
export function createPushStores(db: Db): PushStores {
  return {
    items: createItemsStore(db),
    sourceStates: createSourcesStore(db),
    subscriptions: createSubscriptionsStore(db),
    outbox: createOutboxStore(db),
    announcements: createAnnouncementsStore(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
