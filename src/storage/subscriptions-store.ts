import type { Selectable, Updateable } from "kysely";
import { inTransaction, type Db } from "./database.js";
import type { PushSubscriptionsTable } from "./schema.js";

/** Instant pushes, or one digest a day. */
export type DeliveryMode = "instant" | "digest";

/** A chat's subscription and its settings. */
export interface Subscription {
  chatId: number;
  active: boolean;
  /** New news articles. */
  news: boolean;
  /** New official documents. */
  documents: boolean;
  /** Only items with one of these topics; empty means every topic. */
  topics: string[];
  /** Keyword alerts: items matching any of these arrive even when news and documents are off. */
  keywords: string[];
  mode: DeliveryMode;
  /** null: the configured default; "": off; otherwise "start-end" such as "22-6". */
  quietHours: string | null;
  /** Opinion polls sent to subscribers (read by the polls feature). */
  polls: boolean;
  language: string;
  createdAt: number;
  updatedAt: number;
  inactiveReason: string | null;
}

/** Settings a chat may change. */
export type SubscriptionPatch = Partial<Pick<Subscription, "news" | "documents" | "topics" | "keywords" | "mode" | "quietHours" | "polls" | "language">>;

/** Counts for staff reports. */
export interface SubscriptionCounts {
  active: number;
  inactive: number;
  digest: number;
}

/** Subscriptions and the digest waiting list. The only code that writes their SQL. */
export interface SubscriptionsStore {
  get(chatId: number): Promise<Subscription | undefined>;
  /** Subscribes a chat to all new articles and documents (re-activating it if it had left). */
  subscribeAll(chatId: number, now: number, language?: string): Promise<Subscription>;
  /** Adds a keyword alert; a chat without a subscription gets one with only that alert. */
  addKeyword(chatId: number, keyword: string, now: number, language?: string): Promise<Subscription>;
  update(chatId: number, patch: SubscriptionPatch, now: number): Promise<Subscription | undefined>;
  /** Stops everything for the chat and empties its digest list; returns whether it was subscribed. */
  unsubscribe(chatId: number, now: number): Promise<boolean>;
  /** Marks the chat inactive (it blocked the bot), keeping why. */
  markInactive(chatId: number, reason: string, now: number): Promise<void>;
  /** Every active subscription. */
  active(): Promise<Subscription[]>;
  counts(): Promise<SubscriptionCounts>;
  addDigestEntries(entries: Iterable<{ chatId: number; itemId: number }>, now: number): Promise<void>;
  /** Chats with items waiting for their digest. */
  digestChats(): Promise<number[]>;
  /** The item ids waiting for a chat's digest, oldest first. */
  digestItems(chatId: number): Promise<number[]>;
  clearDigest(chatId: number, itemIds: readonly number[]): Promise<void>;
}

type Raw = Selectable<PushSubscriptionsTable>;

const toSub = (r: Raw): Subscription => ({
  chatId: r.chat_id,
  active: r.active === 1,
  news: r.news === 1,
  documents: r.documents === 1,
  topics: JSON.parse(r.topics) as string[],
  keywords: JSON.parse(r.keywords) as string[],
  mode: r.mode,
  quietHours: r.quiet_hours,
  polls: r.polls === 1,
  language: r.language,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  inactiveReason: r.inactive_reason,
});

const bool = (b: boolean) => (b ? 1 : 0);

/** Rows written per statement when many are added at once (well under both servers' parameter limits). */
const CHUNK_ROWS = 200;

/** Creates the subscriptions store over a migrated database (or a transaction of it). */
export function createSubscriptionsStore(db: Db): SubscriptionsStore {
  const read = async (chatId: number) => {
    const r = await db.selectFrom("push_subscriptions").selectAll().where("chat_id", "=", chatId).executeTakeFirst();
    return r ? toSub(r) : undefined;
  };
  const deactivate = (chatId: number, reason: string, now: number) =>
    db
      .updateTable("push_subscriptions")
      .set({ active: 0, inactive_reason: reason, updated_at: now })
      .where("chat_id", "=", chatId)
      .where("active", "=", 1)
      .executeTakeFirst();

  return {
    get: read,
    async subscribeAll(chatId, now, language = "vi") {
      await db
        .insertInto("push_subscriptions")
        .values({ chat_id: chatId, active: 1, news: 1, documents: 1, language, created_at: now, updated_at: now })
        .onConflict((oc) =>
          oc.column("chat_id").doUpdateSet({ active: 1, news: 1, documents: 1, inactive_reason: null, updated_at: now }),
        )
        .execute();
      return (await read(chatId))!;
    },
    addKeyword: (chatId, keyword, now, language = "vi") =>
      inTransaction(db, async (tx) => {
        await tx
          .insertInto("push_subscriptions")
          .values({ chat_id: chatId, active: 1, news: 0, documents: 0, language, created_at: now, updated_at: now })
          .onConflict((oc) => oc.column("chat_id").doNothing())
          .execute();
        const store = createSubscriptionsStore(tx);
        const sub = (await store.get(chatId))!;
        const k = keyword.trim().replace(/\s+/g, " ");
        const keywords = sub.keywords.some((x) => x.toLowerCase() === k.toLowerCase()) ? sub.keywords : [...sub.keywords, k];
        await tx
          .updateTable("push_subscriptions")
          .set({ keywords: JSON.stringify(keywords), active: 1, inactive_reason: null, updated_at: now })
          .where("chat_id", "=", chatId)
          .execute();
        return (await store.get(chatId))!;
      }),
    async update(chatId, patch, now) {
      const set: Updateable<PushSubscriptionsTable> = { updated_at: now };
      if (patch.news !== undefined) set.news = bool(patch.news);
      if (patch.documents !== undefined) set.documents = bool(patch.documents);
      if (patch.topics) set.topics = JSON.stringify(patch.topics);
      if (patch.keywords) set.keywords = JSON.stringify(patch.keywords);
      if (patch.mode) set.mode = patch.mode;
      if (patch.polls !== undefined) set.polls = bool(patch.polls);
      if (patch.language) set.language = patch.language;
      if ("quietHours" in patch) set.quiet_hours = patch.quietHours ?? null;
      await db.updateTable("push_subscriptions").set(set).where("chat_id", "=", chatId).execute();
      return read(chatId);
    },
    unsubscribe: (chatId, now) =>
      inTransaction(db, async (tx) => {
        await tx.deleteFrom("push_digest_entries").where("chat_id", "=", chatId).execute();
        const result = await tx
          .updateTable("push_subscriptions")
          .set({ active: 0, inactive_reason: "unsubscribed", updated_at: now })
          .where("chat_id", "=", chatId)
          .where("active", "=", 1)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      }),
    async markInactive(chatId, reason, now) {
      await deactivate(chatId, reason, now);
    },
    active: async () =>
      (await db.selectFrom("push_subscriptions").selectAll().where("active", "=", 1).orderBy("chat_id").execute()).map(toSub),
    async counts() {
      const r = await db
        .selectFrom("push_subscriptions")
        .select((eb) => [
          eb.fn.countAll<number>().filterWhere("active", "=", 1).as("active"),
          eb.fn.countAll<number>().filterWhere("active", "=", 0).as("inactive"),
          eb.fn
            .countAll<number>()
            .filterWhere((w) => w.and([w("active", "=", 1), w("mode", "=", "digest")]))
            .as("digest"),
        ])
        .executeTakeFirstOrThrow();
      return { active: Number(r.active), inactive: Number(r.inactive), digest: Number(r.digest) };
    },
    async addDigestEntries(entries, now) {
      const rows = [...entries].map((e) => ({ chat_id: e.chatId, item_id: e.itemId, created_at: now }));
      if (rows.length === 0) return;
      await inTransaction(db, async (tx) => {
        for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
          await tx
            .insertInto("push_digest_entries")
            .values(rows.slice(i, i + CHUNK_ROWS))
            .onConflict((oc) => oc.columns(["chat_id", "item_id"]).doNothing())
            .execute();
        }
      });
    },
    digestChats: async () =>
      (await db.selectFrom("push_digest_entries").select("chat_id").distinct().orderBy("chat_id").execute()).map((r) => r.chat_id),
    digestItems: async (chatId) =>
      (
        await db.selectFrom("push_digest_entries").select("item_id").where("chat_id", "=", chatId).orderBy("item_id").execute()
      ).map((r) => r.item_id),
    async clearDigest(chatId, ids) {
      if (ids.length === 0) return;
      await db
        .deleteFrom("push_digest_entries")
        .where("chat_id", "=", chatId)
        .where("item_id", "in", [...ids])
        .execute();
    },
  };
}
