import type { Db } from "./database.js";

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
  enqueue(rows: Iterable<NewOutboxRow>, now: number): number;
  /** Pending rows due at `now`, oldest first, at most `limit`. */
  due(now: number, limit: number): OutboxRow[];
  /** Epoch milliseconds of the next pending row's `notBefore`, or null when nothing is pending. */
  nextDueAt(): number | null;
  get(id: number): OutboxRow | undefined;
  markSent(id: number, now: number, messageId: number | null): void;
  /** Marks the row blocked, and every other pending row to the same chat with it. Returns the rows closed. */
  markBlocked(id: number, now: number, reason: string): number;
  markFailed(id: number, now: number, reason: string): void;
  /** Puts a row back to wait, keeping why it failed. */
  retryLater(id: number, notBefore: number, error: string, countAttempt: boolean, now: number): void;
  /** Withdraws the pending rows of a chat (it unsubscribed), optionally of one kind only; returns how many. */
  cancelPendingForChat(chatId: number, now: number, kind?: string): number;
  /** Row counts by status, over the whole outbox. */
  counts(): Record<OutboxStatus, number>;
  createCampaign(campaign: { kind: string; label: string; reportChatId?: number | null; createdBy?: number | null }, now: number): number;
  getCampaign(id: number): Campaign | undefined;
  setCampaignReportMessage(id: number, messageId: number): void;
  finishCampaign(id: number, now: number): void;
  /** Campaigns not yet finished. */
  openCampaigns(): Campaign[];
  campaignProgress(id: number): CampaignProgress;
}

interface RawRow {
  id: number;
  kind: string;
  ref: string;
  chat_id: number;
  payload: string;
  campaign_id: number | null;
  status: OutboxStatus;
  not_before: number;
  attempts: number;
  first_attempt_at: number | null;
  last_error: string | null;
  message_id: number | null;
  created_at: number;
}

interface RawCampaign {
  id: number;
  kind: string;
  label: string;
  report_chat_id: number | null;
  report_message_id: number | null;
  created_by: number | null;
  created_at: number;
  finished_at: number | null;
}

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

/**
 * Creates the outbox store over a migrated database.
 *
 * @example
 * const outbox = createOutboxStore(db);
 * outbox.enqueue([{ kind: "item", ref: "42", chatId: 1001, payload: { itemId: 42 } }], Date.now());
 */
export function createOutboxStore(db: Db): OutboxStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO push_outbox (kind, ref, chat_id, payload, campaign_id, not_before, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const dueStmt = db.prepare(
    "SELECT * FROM push_outbox WHERE status = 'pending' AND not_before <= ? ORDER BY not_before, id LIMIT ?",
  );
  const nextDue = db.prepare("SELECT MIN(not_before) AS t FROM push_outbox WHERE status = 'pending'");
  const getStmt = db.prepare("SELECT * FROM push_outbox WHERE id = ?");
  const sent = db.prepare(
    "UPDATE push_outbox SET status = 'sent', done_at = ?, message_id = ?, attempts = attempts + 1 WHERE id = ?",
  );
  const blockOne = db.prepare(
    "UPDATE push_outbox SET status = 'blocked', done_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?",
  );
  const blockChat = db.prepare(
    "UPDATE push_outbox SET status = 'blocked', done_at = ?, last_error = ? WHERE chat_id = ? AND status = 'pending'",
  );
  const failed = db.prepare(
    "UPDATE push_outbox SET status = 'failed', done_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?",
  );
  const retry = db.prepare(
    `UPDATE push_outbox SET not_before = ?, last_error = ?, attempts = attempts + ?,
       first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ?`,
  );
  const cancelChat = db.prepare(
    "UPDATE push_outbox SET status = 'cancelled', done_at = ? WHERE chat_id = ? AND status = 'pending'",
  );
  const cancelChatKind = db.prepare(
    "UPDATE push_outbox SET status = 'cancelled', done_at = ? WHERE chat_id = ? AND status = 'pending' AND kind = ?",
  );
  const countStmt = db.prepare("SELECT status, COUNT(*) AS n FROM push_outbox GROUP BY status");
  const newCampaign = db.prepare(
    "INSERT INTO push_campaigns (kind, label, report_chat_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const getCampaign = db.prepare("SELECT * FROM push_campaigns WHERE id = ?");
  const reportMessage = db.prepare("UPDATE push_campaigns SET report_message_id = ? WHERE id = ?");
  const finish = db.prepare("UPDATE push_campaigns SET finished_at = ? WHERE id = ? AND finished_at IS NULL");
  const open = db.prepare("SELECT * FROM push_campaigns WHERE finished_at IS NULL ORDER BY id");
  const progress = db.prepare("SELECT status, COUNT(*) AS n FROM push_outbox WHERE campaign_id = ? GROUP BY status");

  const enqueueMany = db.transaction((rows: Iterable<NewOutboxRow>, now: number) => {
    let added = 0;
    for (const row of rows) {
      added += insert.run(
        row.kind,
        row.ref,
        row.chatId,
        JSON.stringify(row.payload ?? null),
        row.campaignId ?? null,
        row.notBefore ?? 0,
        now,
      ).changes;
    }
    return added;
  });
  const blockMany = db.transaction((id: number, now: number, reason: string) => {
    const row = getStmt.get(id) as RawRow | undefined;
    if (!row) return 0;
    return blockOne.run(now, reason, id).changes + blockChat.run(now, reason, row.chat_id).changes;
  });

  return {
    enqueue: (rows, now) => enqueueMany(rows, now),
    due: (now, limit) => (dueStmt.all(now, limit) as RawRow[]).map(toRow),
    nextDueAt: () => (nextDue.get() as { t: number | null }).t,
    get: (id) => {
      const r = getStmt.get(id) as RawRow | undefined;
      return r ? toRow(r) : undefined;
    },
    markSent: (id, now, messageId) => void sent.run(now, messageId, id),
    markBlocked: (id, now, reason) => blockMany(id, now, reason),
    markFailed: (id, now, reason) => void failed.run(now, reason, id),
    retryLater: (id, notBefore, error, countAttempt, now) =>
      void retry.run(notBefore, error, countAttempt ? 1 : 0, now, id),
    cancelPendingForChat: (chatId, now, kind) =>
      (kind === undefined ? cancelChat.run(now, chatId) : cancelChatKind.run(now, chatId, kind)).changes,
    counts: () => {
      const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, blocked: 0, failed: 0, cancelled: 0 };
      for (const r of countStmt.all() as Array<{ status: OutboxStatus; n: number }>) counts[r.status] = r.n;
      return counts;
    },
    createCampaign: (c, now) =>
      Number(newCampaign.run(c.kind, c.label, c.reportChatId ?? null, c.createdBy ?? null, now).lastInsertRowid),
    getCampaign: (id) => {
      const r = getCampaign.get(id) as RawCampaign | undefined;
      return r ? toCampaign(r) : undefined;
    },
    setCampaignReportMessage: (id, messageId) => void reportMessage.run(messageId, id),
    finishCampaign: (id, now) => void finish.run(now, id),
    openCampaigns: () => (open.all() as RawCampaign[]).map(toCampaign),
    campaignProgress: (id) => {
      const p: CampaignProgress = { total: 0, pending: 0, sent: 0, blocked: 0, failed: 0, cancelled: 0 };
      for (const r of progress.all(id) as Array<{ status: OutboxStatus; n: number }>) {
        p[r.status] = r.n;
        p.total += r.n;
      }
      return p;
    },
  };
}
