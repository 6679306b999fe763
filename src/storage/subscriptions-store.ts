import type { Db } from "./database.js";

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
  get(chatId: number): Subscription | undefined;
  /** Subscribes a chat to all new articles and documents (re-activating it if it had left). */
  subscribeAll(chatId: number, now: number, language?: string): Subscription;
  /** Adds a keyword alert; a chat without a subscription gets one with only that alert. */
  addKeyword(chatId: number, keyword: string, now: number, language?: string): Subscription;
  update(chatId: number, patch: SubscriptionPatch, now: number): Subscription | undefined;
  /** Stops everything for the chat; returns whether it was subscribed. */
  unsubscribe(chatId: number, now: number): boolean;
  /** Marks the chat inactive (it blocked the bot), keeping why. */
  markInactive(chatId: number, reason: string, now: number): void;
  /** Every active subscription. */
  active(): Subscription[];
  counts(): SubscriptionCounts;
  addDigestEntries(entries: Iterable<{ chatId: number; itemId: number }>, now: number): void;
  /** Chats with items waiting for their digest. */
  digestChats(): number[];
  /** The item ids waiting for a chat's digest, oldest first. */
  digestItems(chatId: number): number[];
  clearDigest(chatId: number, itemIds: readonly number[]): void;
}

interface Raw {
  chat_id: number;
  active: number;
  news: number;
  documents: number;
  topics: string;
  keywords: string;
  mode: DeliveryMode;
  quiet_hours: string | null;
  polls: number;
  language: string;
  created_at: number;
  updated_at: number;
  inactive_reason: string | null;
}

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

const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);

/** Creates the subscriptions store over a migrated database. */
export function createSubscriptionsStore(db: Db): SubscriptionsStore {
  const get = db.prepare("SELECT * FROM push_subscriptions WHERE chat_id = ?");
  const upsertAll = db.prepare(
    `INSERT INTO push_subscriptions (chat_id, active, news, documents, language, created_at, updated_at)
     VALUES (?, 1, 1, 1, ?, ?, ?)
     ON CONFLICT (chat_id) DO UPDATE SET active = 1, news = 1, documents = 1, inactive_reason = NULL,
       updated_at = excluded.updated_at`,
  );
  const insertKeywordOnly = db.prepare(
    `INSERT OR IGNORE INTO push_subscriptions (chat_id, active, news, documents, language, created_at, updated_at)
     VALUES (?, 1, 0, 0, ?, ?, ?)`,
  );
  const setKeywords = db.prepare(
    "UPDATE push_subscriptions SET keywords = ?, active = 1, inactive_reason = NULL, updated_at = ? WHERE chat_id = ?",
  );
  const update = db.prepare(
    `UPDATE push_subscriptions SET
       news = COALESCE(@news, news), documents = COALESCE(@documents, documents),
       topics = COALESCE(@topics, topics), keywords = COALESCE(@keywords, keywords),
       mode = COALESCE(@mode, mode), polls = COALESCE(@polls, polls), language = COALESCE(@language, language),
       quiet_hours = CASE WHEN @setQuiet THEN @quietHours ELSE quiet_hours END,
       updated_at = @now
     WHERE chat_id = @chatId`,
  );
  const deactivate = db.prepare(
    "UPDATE push_subscriptions SET active = 0, inactive_reason = ?, updated_at = ? WHERE chat_id = ? AND active = 1",
  );
  const active = db.prepare("SELECT * FROM push_subscriptions WHERE active = 1 ORDER BY chat_id");
  const counts = db.prepare(
    "SELECT SUM(active = 1) AS active, SUM(active = 0) AS inactive, SUM(active = 1 AND mode = 'digest') AS digest FROM push_subscriptions",
  );
  const addEntry = db.prepare("INSERT OR IGNORE INTO push_digest_entries (chat_id, item_id, created_at) VALUES (?, ?, ?)");
  const digestChats = db.prepare("SELECT DISTINCT chat_id FROM push_digest_entries ORDER BY chat_id");
  const digestItems = db.prepare("SELECT item_id FROM push_digest_entries WHERE chat_id = ? ORDER BY item_id");
  const clearEntry = db.prepare("DELETE FROM push_digest_entries WHERE chat_id = ? AND item_id = ?");
  const dropDigest = db.prepare("DELETE FROM push_digest_entries WHERE chat_id = ?");

  const read = (chatId: number) => {
    const r = get.get(chatId) as Raw | undefined;
    return r ? toSub(r) : undefined;
  };
  const addKeyword = db.transaction((chatId: number, keyword: string, now: number, language: string) => {
    insertKeywordOnly.run(chatId, language, now, now);
    const sub = read(chatId)!;
    const k = keyword.trim().replace(/\s+/g, " ");
    const keywords = sub.keywords.some((x) => x.toLowerCase() === k.toLowerCase()) ? sub.keywords : [...sub.keywords, k];
    setKeywords.run(JSON.stringify(keywords), now, chatId);
    return read(chatId)!;
  });
  const unsubscribe = db.transaction((chatId: number, now: number) => {
    dropDigest.run(chatId);
    return deactivate.run("unsubscribed", now, chatId).changes > 0;
  });
  const addEntries = db.transaction((entries: Iterable<{ chatId: number; itemId: number }>, now: number) => {
    for (const e of entries) addEntry.run(e.chatId, e.itemId, now);
  });
  const clear = db.transaction((chatId: number, ids: readonly number[]) => {
    for (const id of ids) clearEntry.run(chatId, id);
  });

  return {
    get: read,
    subscribeAll(chatId, now, language = "vi") {
      upsertAll.run(chatId, language, now, now);
      return read(chatId)!;
    },
    addKeyword: (chatId, keyword, now, language = "vi") => addKeyword(chatId, keyword, now, language),
    update(chatId, patch, now) {
      update.run({
        chatId,
        now,
        news: bool(patch.news) ?? null,
        documents: bool(patch.documents) ?? null,
        topics: patch.topics ? JSON.stringify(patch.topics) : null,
        keywords: patch.keywords ? JSON.stringify(patch.keywords) : null,
        mode: patch.mode ?? null,
        polls: bool(patch.polls) ?? null,
        language: patch.language ?? null,
        setQuiet: "quietHours" in patch ? 1 : 0,
        quietHours: patch.quietHours ?? null,
      });
      return read(chatId);
    },
    unsubscribe: (chatId, now) => unsubscribe(chatId, now),
    markInactive: (chatId, reason, now) => void deactivate.run(reason, now, chatId),
    active: () => (active.all() as Raw[]).map(toSub),
    counts() {
      const r = counts.get() as { active: number | null; inactive: number | null; digest: number | null };
      return { active: r.active ?? 0, inactive: r.inactive ?? 0, digest: r.digest ?? 0 };
    },
    addDigestEntries: (entries, now) => addEntries(entries, now),
    digestChats: () => (digestChats.all() as Array<{ chat_id: number }>).map((r) => r.chat_id),
    digestItems: (chatId) => (digestItems.all(chatId) as Array<{ item_id: number }>).map((r) => r.item_id),
    clearDigest: (chatId, ids) => clear(chatId, ids),
  };
}
