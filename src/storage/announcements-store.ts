import type { Db } from "./database.js";

/** A staff announcement: a draft until a staff member sends or cancels it. */
export interface Announcement {
  id: number;
  /** The text, already HTML-escaped. */
  html: string;
  createdBy: number;
  createdAt: number;
  status: "draft" | "sent" | "cancelled";
  campaignId: number | null;
}

/** Staff announcements. The only code that writes their SQL. */
export interface AnnouncementsStore {
  createDraft(html: string, createdBy: number, now: number): Promise<Announcement>;
  get(id: number): Promise<Announcement | undefined>;
  /** Moves a draft to sent (with its campaign) or cancelled; false when it was no longer a draft. */
  close(id: number, status: "sent" | "cancelled", campaignId: number | null): Promise<boolean>;
}

/** Creates the announcements store over a migrated database (or a transaction of it). */
export function createAnnouncementsStore(db: Db): AnnouncementsStore {
  const read = async (id: number): Promise<Announcement | undefined> => {
    const r = await db.selectFrom("push_announcements").selectAll().where("id", "=", id).executeTakeFirst();
    return r
      ? { id: r.id, html: r.html, createdBy: r.created_by, createdAt: r.created_at, status: r.status, campaignId: r.campaign_id }
      : undefined;
  };
  return {
    async createDraft(html, createdBy, now) {
      const { id } = await db
        .insertInto("push_announcements")
        .values({ html, created_by: createdBy, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      return (await read(id))!;
    },
    get: read,
    async close(id, status, campaignId) {
      const result = await db
        .updateTable("push_announcements")
        .set({ status, campaign_id: campaignId })
        .where("id", "=", id)
        .where("status", "=", "draft")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
