import { sql, type Selectable } from "kysely";
import { inTransaction, type Db } from "./database.js";
import type { PushCampaignsTable, PushOutboxTable } from "./schema.js";

/** Where an outbox row stands: waiting, delivered, refused by a chat that blocked the bot, given up, or withdrawn. */
export type OutboxStatus = "pending" | "sent" | "blocked" | "failed" | "cancelled";

/** One send to one chat, as stored. */
export interface OutboxRow {
  id: number;
  /** Which registered sender delivers it: "item", "digest", "announcement", "poll", … */
  kind: string;
  /** What is sent (item id, digest day, campaign id…); (kind, ref, chatId) is unique. */
  ref: string;
  chatId: number;
  /** The sender's input, parsed from JSON. */
  payload: unknown;
  campaignId: number | null;
  status: OutboxStatus;
  /** Epoch milliseconds before which the row is not sent (quiet hours, backoff, 429). */
  notBefore: number;
  attempts: number;
  firstAttemptAt: number | null;
  lastError: string | null;
  messageId: number | null;
  createdAt: number;
}

/** A row to add to the outbox. */
export interface NewOutboxRow {
  kind: string;
  ref: string;
  chatId: number;
  payload: unknown;
  campaignId?: number | null;
  /** Epoch milliseconds. Defaults to 0 (due at once). */
  notBefore?: number;
}

/** A broadcast whose progress is reported (an announcement, a poll sent to subscribers). */
export interface Campaign {
  id: number;
  kind: string;
  label: string;
  reportChatId: number | null;
  reportMessageId: number | null;
  createdBy: number | null;
  createdAt: number;
  finishedAt: number | null;
}

/** Counts of a campaign's rows by status. */
export interface CampaignProgress {
  total: number;
  pending: number;
  sent: number;
  blocked: number;
  failed: number;
  cancelled: number;
}

/** The persistent outbox and its campaigns. The only code that writes their SQL. */
export interface OutboxStore {
  /** Adds rows, ignoring any whose (kind, ref, chatId) is already there; returns how many were added. */
  enqueue(rows: Iterable<NewOutboxRow>, now: number): Promise<number>;
  /** Pending rows due at `now`, oldest first, at most `limit`. */
  due(now: number, limit: number): Promise<OutboxRow[]>;
  /** Epoch milliseconds of the next pending row's `notBefore`, or null when nothing is pending. */
  nextDueAt(): Promise<number | null>;
  get(id: number): Promise<OutboxRow | undefined>;
  markSent(id: number, now: number, messageId: number | null): Promise<void>;
  /** Marks the row blocked, and every other pending row to the same chat with it. Returns the rows closed. */
  markBlocked(id: number, now: number, reason: string): Promise<number>;
  markFailed(id: number, now: number, reason: string): Promise<void>;
  /** Puts a row back to wait, keeping why it failed. */
  retryLater(id: number, notBefore: number, error: string, countAttempt: boolean, now: number): Promise<void>;
  /** Withdraws the pending rows of a chat (it unsubscribed), optionally of one kind only; returns how many. */
  cancelPendingForChat(chatId: number, now: number, kind?: string): Promise<number>;
  /** Row counts by status, over the whole outbox. */
  counts(): Promise<Record<OutboxStatus, number>>;
  createCampaign(campaign: { kind: string; label: string; reportChatId?: number | null; createdBy?: number | null }, now: number): Promise<number>;
  getCampaign(id: number): Promise<Campaign | undefined>;
  setCampaignReportMessage(id: number, messageId: number): Promise<void>;
  finishCampaign(id: number, now: number): Promise<void>;
  /** Campaigns not yet finished. */
  openCampaigns(): Promise<Campaign[]>;
  campaignProgress(id: number): Promise<CampaignProgress>;
}

type RawRow = Selectable<PushOutboxTable>;
type RawCampaign = Selectable<PushCampaignsTable>;

const toRow = (r: RawRow): OutboxRow => ({
  id: r.id,
  kind: r.kind,
  ref: r.ref,
  chatId: r.chat_id,
  payload: JSON.parse(r.payload),
  campaignId: r.campaign_id,
  status: r.status,
  notBefore: r.not_before,
  attempts: r.attempts,
  firstAttemptAt: r.first_attempt_at,
  lastError: r.last_error,
  messageId: r.message_id,
  createdAt: r.created_at,
});

const toCampaign = (r: RawCampaign): Campaign => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  reportChatId: r.report_chat_id,
  reportMessageId: r.report_message_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** Rows written per statement when many are added at once (well under both servers' parameter limits). */
const CHUNK_ROWS = 200;

/**
 * Creates the outbox store over a migrated database (or a transaction of it).
 *
 * @example
 * const outbox = createOutboxStore(database.db);
 * await outbox.enqueue([{ kind: "item", ref: "42", chatId: 1001, payload: { itemId: 42 } }], Date.now());
 */
export function createOutboxStore(db: Db): OutboxStore {
  const rows = () => db.selectFrom("push_outbox").selectAll();
  const byStatus = async (query: Promise<Array<{ status: OutboxStatus; n: number }>>) => {
    const counts: CampaignProgress = { total: 0, pending: 0, sent: 0, blocked: 0, failed: 0, cancelled: 0 };
    for (const r of await query) {
      counts[r.status] = Number(r.n);
      counts.total += Number(r.n);
    }
    return counts;
  };
  const statusCounts = () => db.selectFrom("push_outbox").select((eb) => ["status", eb.fn.countAll<number>().as("n")]).groupBy("status");
  const close = (id: number, status: "sent" | "blocked" | "failed", now: number, extra: { last_error?: string; message_id?: number | null }) =>
    db
      .updateTable("push_outbox")
      .set({ status, done_at: now, attempts: sql`attempts + 1`, ...extra })
      .where("id", "=", id)
      .execute();

  return {
    async enqueue(newRows, now) {
      const values = [...newRows].map((row) => ({
        kind: row.kind,
        ref: row.ref,
        chat_id: row.chatId,
        payload: JSON.stringify(row.payload ?? null),
        campaign_id: row.campaignId ?? null,
        not_before: row.notBefore ?? 0,
        created_at: now,
      }));
      if (values.length === 0) return 0;
      return inTransaction(db, async (tx) => {
        let added = 0;
        for (let i = 0; i < values.length; i += CHUNK_ROWS) {
          const inserted = await tx
            .insertInto("push_outbox")
            .values(values.slice(i, i + CHUNK_ROWS))
            .onConflict((oc) => oc.columns(["kind", "ref", "chat_id"]).doNothing())
            .returning("id")
            .execute();
          added += inserted.length;
        }
        return added;
      });
    },
    due: async (now, limit) =>
      (
        await rows()
          .where("status", "=", "pending")
          .where("not_before", "<=", now)
          .orderBy("not_before")
          .orderBy("id")
          .limit(limit)
          .execute()
      ).map(toRow),
    async nextDueAt() {
      const r = await db
        .selectFrom("push_outbox")
        .select((eb) => eb.fn.min("not_before").as("t"))
        .where("status", "=", "pending")
        .executeTakeFirst();
      return r?.t === null || r?.t === undefined ? null : Number(r.t);
    },
    async get(id) {
      const r = await rows().where("id", "=", id).executeTakeFirst();
      return r ? toRow(r) : undefined;
    },
    async markSent(id, now, messageId) {
      await close(id, "sent", now, { message_id: messageId });
    },
    markBlocked: (id, now, reason) =>
      inTransaction(db, async (tx) => {
        const row = await tx.selectFrom("push_outbox").select("chat_id").where("id", "=", id).executeTakeFirst();
        if (!row) return 0;
        const one = await tx
          .updateTable("push_outbox")
          .set({ status: "blocked", done_at: now, last_error: reason, attempts: sql`attempts + 1` })
          .where("id", "=", id)
          .executeTakeFirst();
        const others = await tx
          .updateTable("push_outbox")
          .set({ status: "blocked", done_at: now, last_error: reason })
          .where("chat_id", "=", row.chat_id)
          .where("status", "=", "pending")
          .executeTakeFirst();
        return Number(one.numUpdatedRows) + Number(others.numUpdatedRows);
      }),
    async markFailed(id, now, reason) {
      await close(id, "failed", now, { last_error: reason });
    },
    async retryLater(id, notBefore, error, countAttempt, now) {
      await db
        .updateTable("push_outbox")
        .set((eb) => ({
          not_before: notBefore,
          last_error: error,
          attempts: eb("attempts", "+", countAttempt ? 1 : 0),
          first_attempt_at: eb.fn.coalesce("first_attempt_at", eb.val(now)),
        }))
        .where("id", "=", id)
        .execute();
    },
    async cancelPendingForChat(chatId, now, kind) {
      let query = db
        .updateTable("push_outbox")
        .set({ status: "cancelled", done_at: now })
        .where("chat_id", "=", chatId)
        .where("status", "=", "pending");
      if (kind !== undefined) query = query.where("kind", "=", kind);
      return Number((await query.executeTakeFirst()).numUpdatedRows);
    },
    async counts() {
      const { total: _total, ...counts } = await byStatus(statusCounts().execute());
      return counts;
    },
    async createCampaign(c, now) {
      const { id } = await db
        .insertInto("push_campaigns")
        .values({ kind: c.kind, label: c.label, report_chat_id: c.reportChatId ?? null, created_by: c.createdBy ?? null, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      return id;
    },
    async getCampaign(id) {
      const r = await db.selectFrom("push_campaigns").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toCampaign(r) : undefined;
    },
    async setCampaignReportMessage(id, messageId) {
      await db.updateTable("push_campaigns").set({ report_message_id: messageId }).where("id", "=", id).execute();
    },
    async finishCampaign(id, now) {
      await db.updateTable("push_campaigns").set({ finished_at: now }).where("id", "=", id).where("finished_at", "is", null).execute();
    },
    openCampaigns: async () =>
      (await db.selectFrom("push_campaigns").selectAll().where("finished_at", "is", null).orderBy("id").execute()).map(toCampaign),
    campaignProgress: (id) => byStatus(statusCounts().where("campaign_id", "=", id).execute()),
  };
}
