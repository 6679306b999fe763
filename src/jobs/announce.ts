import type { PushStores } from "../storage/push-stores.js";
import type { CampaignHook } from "./deliver-outbox.js";
import { isMessageNotModified } from "./send-errors.js";
import type { Translator } from "../translate.js";
import { DEFAULT_LOCALE } from "../translate.js";

/** What {@link sendAnnouncement} did. */
export type AnnouncementOutcome = { status: "queued"; campaignId: number; recipients: number } | { status: "not-a-draft" };

/**
 * Queues a draft announcement for every active subscriber, in one transaction that also closes the
 * draft, so pressing "send" twice sends once. Progress is reported by editing `reportMessageId` in the staff chat.
 */
export async function sendAnnouncement(
  stores: Pick<PushStores, "announcements" | "outbox" | "subscriptions" | "transaction">,
  announcementId: number,
  report: { chatId: number; messageId: number; createdBy: number },
  now: number,
): Promise<AnnouncementOutcome> {
  return stores.transaction(async (tx): Promise<AnnouncementOutcome> => {
    const draft = await tx.announcements.get(announcementId);
    if (!draft || draft.status !== "draft") return { status: "not-a-draft" };
    const campaignId = await tx.outbox.createCampaign(
      { kind: "announcement", label: `announcement ${announcementId}`, reportChatId: report.chatId, createdBy: report.createdBy },
      now,
    );
    await tx.outbox.setCampaignReportMessage(campaignId, report.messageId);
    await tx.announcements.close(announcementId, "sent", campaignId);
    const recipients = await tx.outbox.enqueue(
      (await tx.subscriptions.active()).map((s) => ({
        kind: "announcement",
        ref: String(announcementId),
        chatId: s.chatId,
        payload: { html: draft.html },
        campaignId,
      })),
      now,
    );
    return { status: "queued", campaignId, recipients };
  });
}

/** The progress reporter of announcements: edits the staff chat's preview into "sent x/y, blocked, failed". */
export function announcementProgressReporter(translator: Translator, locale = DEFAULT_LOCALE): CampaignHook {
  const t = translator(locale);
  return async (api, campaign, progress, finished) => {
    if (campaign.reportChatId === null || campaign.reportMessageId === null) return;
    const key = finished ? "announce-done" : "announce-progress";
    const text = t(key, {
      sent: progress.sent,
      total: progress.total,
      blocked: progress.blocked,
      failed: progress.failed + progress.cancelled,
    });
    try {
      await api.editMessageText(campaign.reportChatId, campaign.reportMessageId, text, { parse_mode: "HTML" });
    } catch (err) {
      // Editing to the same counts is harmless; anything else is for the caller's log.
      if (!isMessageNotModified(err)) throw err;
    }
  };
}
