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
  createDraft(html: string, createdBy: number, now: number): Announcement;
  get(id: number): Announcement | undefined;
  /** Moves a draft to sent (with its campaign) or cancelled; false when it was no longer a draft. */
  close(id: number, status: "sent" | "cancelled", campaignId: number | null): boolean;
}

interface Raw {
  id: number;
  html: string;
  created_by: number;
  created_at: number;
  status: Announcement["status"];
  campaign_id: number | null;
}

/** Creates the announcements store over a migrated database. */
export function createAnnouncementsStore(db: Db): AnnouncementsStore {
  const insert = db.prepare("INSERT INTO push_announcements (html, created_by, created_at) VALUES (?, ?, ?)");
  const get = db.prepare("SELECT * FROM push_announcements WHERE id = ?");
  const close = db.prepare("UPDATE push_announcements SET status = ?, campaign_id = ? WHERE id = ? AND status = 'draft'");
  const read = (id: number): Announcement | undefined => {
    const r = get.get(id) as Raw | undefined;
    return r
      ? { id: r.id, html: r.html, createdBy: r.created_by, createdAt: r.created_at, status: r.status, campaignId: r.campaign_id }
      : undefined;
  };
  return {
    createDraft: (html, createdBy, now) => read(Number(insert.run(html, createdBy, now).lastInsertRowid))!,
    get: read,
    close: (id, status, campaignId) => close.run(status, campaignId, id).changes > 0,
  };
}
