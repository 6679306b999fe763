import type { Logger } from "../logger.js";
import type { ItemsStore, StoredItem } from "../storage/items-store.js";
import type { OutboxStore } from "../storage/outbox-store.js";
import type { PushStores } from "../storage/push-stores.js";
import type { SubscriptionsStore } from "../storage/subscriptions-store.js";
import { quietHoursOf } from "./match-subscribers.js";
import { type Clock, systemClock } from "../clock.js";
import { localDay } from "../time-zone.js";
import { DEFAULT_LOCALE, type Translator } from "../translate.js";
import { renderDigest } from "./push-message.js";
import { quietUntil, type QuietHours } from "./quiet-hours.js";

/** Collaborators of {@link createSendDigest}. */
export interface SendDigestDeps {
  items: ItemsStore;
  subscriptions: SubscriptionsStore;
  outbox: OutboxStore;
  transaction: PushStores["transaction"];
  translator: Translator;
  logger: Logger;
  timeZone: string;
  defaultQuietHours: QuietHours | null;
  onEnqueued?: () => void;
  /** Defaults to the system clock. */
  now?: Clock;
}

/**
 * Creates the digest job: each digest subscriber's waiting items become one message (split under
 * 4,096 characters) in the outbox, in the same transaction that empties the waiting list.
 * Returns how many chats got a digest.
 */
export function createSendDigest(deps: SendDigestDeps): () => Promise<number> {
  const now = deps.now ?? systemClock;
  return async () => {
    const t = now();
    const day = localDay(t, deps.timeZone);
    let chats = 0;
    for (const chatId of (await deps.subscriptions.digestChats())) {
      try {
        const sub = await deps.subscriptions.get(chatId);
        const ids = await deps.subscriptions.digestItems(chatId);
        const items = (await Promise.all(ids.map((id) => deps.items.get(id)))).filter((i): i is StoredItem => i !== undefined);
        await deps.transaction(async (tx) => {
          if (sub?.active && items.length > 0) {
            const parts = renderDigest(items, day, deps.translator(sub.language || DEFAULT_LOCALE));
            const held = quietUntil(t, quietHoursOf(sub, deps.defaultQuietHours), deps.timeZone) ?? 0;
            // The ref names the items, so a second digest the same day is a new row, and a rerun is not.
            const ref = `${day}:${ids[0]}-${ids.at(-1)}`;
            await tx.outbox.enqueue(
              parts.map((html, i) => ({ kind: "digest", ref: `${ref}#${i + 1}`, chatId, payload: { html }, notBefore: held })),
              t,
            );
            chats += 1;
          }
          await tx.subscriptions.clearDigest(chatId, ids);
        });
      } catch (err) {
        deps.logger.error({ err, chatId }, "digest: chat skipped");
      }
    }
    if (chats > 0) deps.onEnqueued?.();
    deps.logger.info({ chats }, "digest: queued");
    return chats;
  };
}
