import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Translator } from "../translate.js";
import { buildClosedPollMessage, buildPollMessage } from "../polls/poll-message.js";
import type { OutboxStore } from "../storage/outbox-store.js";
import type { Poll, PollAudience, PollsStore } from "../storage/polls-store.js";
import { type DeliveryWorker, GiveUpSendError, type OutboxApi } from "./deliver-outbox.js";
import { isMessageNotModified } from "./send-errors.js";
import { quietUntil, type QuietHours } from "./quiet-hours.js";

/** Outbox kind of a poll sent to one chat. */
export const POLL_KIND = "poll";
/** Outbox kind of the edit that closes one copy of a poll (final results, buttons removed). */
export const POLL_CLOSE_KIND = "poll-close";

/** One chat a poll goes to, in its language. */
export interface PollRecipient {
  chatId: number;
  locale: string;
}

/** Who is in an audience; implemented over the subscriptions and users stores. */
export interface PollRecipients {
  /** Private chats of the audience that have not turned polls off. */
  listPollRecipients(audience: Exclude<PollAudience, "chat">): Promise<PollRecipient[]>;
}

/** Collaborators of the poll delivery functions. */
export interface PollDeliveryDeps {
  polls: PollsStore;
  outbox: OutboxStore;
  recipients: PollRecipients;
  translator: Translator;
  logger: Logger;
  /** Time zone deadlines are shown in. */
  timeZone: string;
  /** Where campaign progress is reported; undefined reports nowhere. */
  staffChatId: number | undefined;
  /** Language of the staff chat. */
  staffLocale: string;
  /** Quiet hours for private chats: a poll created at night reaches people in the morning. Null: none. */
  quietHours: QuietHours | null;
  now: Clock;
  /** Wakes the delivery worker when rows were added. */
  wake?: () => void;
}

interface PollPayload {
  pollId: number;
  locale: string;
}

interface PollClosePayload extends PollPayload {
  messageId: number;
}

/** The recipients a poll would reach now (for the preview's count, and for sending). */
export async function pollRecipients(deps: Pick<PollDeliveryDeps, "recipients">, poll: Poll): Promise<PollRecipient[]> {
  if (poll.audience === "chat") return poll.audienceChatId === null ? [] : [{ chatId: poll.audienceChatId, locale: "vi" }];
  return deps.recipients.listPollRecipients(poll.audience);
}

/**
 * Opens a draft poll and queues one outbox row per recipient, as one campaign whose progress is
 * reported to the staff chat. Returns the number of recipients, or null when the poll was not a
 * draft (the preview's send button pressed twice).
 */
export async function sendPoll(deps: PollDeliveryDeps, pollId: number, staffUserId: number): Promise<number | null> {
  const poll = await deps.polls.getPoll(pollId);
  if (!poll || !(await deps.polls.openPoll(pollId, new Date(deps.now())))) return null;
  const recipients = await pollRecipients(deps, poll);
  const now = deps.now();
  const campaignId = (await deps.outbox.createCampaign(
    { kind: POLL_KIND, label: String(pollId), reportChatId: deps.staffChatId ?? null, createdBy: staffUserId },
    now,
  ));
  const notBefore = (chatId: number) => (chatId > 0 ? (quietUntil(now, deps.quietHours, deps.timeZone) ?? 0) : 0);
  await deps.outbox.enqueue(
    recipients.map((r) => ({
      kind: POLL_KIND,
      ref: String(pollId),
      chatId: r.chatId,
      payload: { pollId, locale: r.locale } satisfies PollPayload,
      campaignId,
      notBefore: notBefore(r.chatId),
    })),
    now,
  );
  deps.wake?.();
  deps.logger.info({ pollId, recipients: recipients.length }, "polls: poll queued for delivery");
  return recipients.length;
}

/** Queues the closing edit of every copy of a poll not yet closed; returns how many. */
export async function queueCopyClosing(deps: PollDeliveryDeps, pollId: number): Promise<number> {
  const copies = await deps.polls.listCopies(pollId, true);
  await deps.outbox.enqueue(
    copies.map((copy) => ({
      kind: POLL_CLOSE_KIND,
      ref: `${pollId}:${copy.messageId}`,
      chatId: copy.chatId,
      payload: { pollId, locale: copy.locale, messageId: copy.messageId } satisfies PollClosePayload,
    })),
    deps.now(),
  );
  deps.wake?.();
  return copies.length;
}

/**
 * Registers the poll kinds with the delivery worker: sending a copy (and recording which message
 * carries it), closing a copy (final results, no buttons), and the campaign progress report.
 */
export function registerPollDelivery(worker: DeliveryWorker, deps: PollDeliveryDeps): void {
  worker.registerSender(POLL_KIND, async (api, chatId, payload) => {
    const { pollId, locale } = payload as PollPayload;
    const poll = await deps.polls.getPoll(pollId);
    if (!poll || poll.status !== "open") throw new GiveUpSendError(`poll-delivery: poll ${pollId} is no longer open; copy not sent`);
    const message = buildPollMessage(poll, deps.translator(locale), deps.timeZone);
    return api.sendMessage(chatId, message.text, {
      parse_mode: "HTML",
      reply_markup: message.replyMarkup,
      link_preview_options: { is_disabled: true },
    });
  });
  worker.onSent(POLL_KIND, async (row, result) => {
    const { pollId, locale } = row.payload as PollPayload;
    const messageId = (result as { message_id: number }).message_id;
    await deps.polls.recordCopy(pollId, row.chatId, messageId, new Date(deps.now()), locale);
    // Sent while the poll was being closed: close this copy too.
    if ((await deps.polls.getPoll(pollId))?.status === "closed") await queueCopyClosing(deps, pollId);
  });

  worker.registerSender(POLL_CLOSE_KIND, async (api, chatId, payload) => {
    const { pollId, locale, messageId } = payload as PollClosePayload;
    const results = await deps.polls.results(pollId);
    if (!results) throw new GiveUpSendError(`poll-delivery: poll ${pollId} is gone; copy not closed`);
    const text = buildClosedPollMessage(
      { ...results, question: results.poll.question, options: results.poll.options },
      deps.translator(locale),
      locale,
    );
    try {
      // No reply_markup: the edit removes the buttons.
      return await api.editMessageText(chatId, messageId, text, { parse_mode: "HTML" });
    } catch (err) {
      if (isMessageNotModified(err)) return true;
      throw err;
    }
  });
  worker.onSent(POLL_CLOSE_KIND, async (row) => {
    const { pollId, messageId } = row.payload as PollClosePayload;
    await deps.polls.markCopyClosed({ pollId, chatId: row.chatId, messageId }, new Date(deps.now()));
  });

  worker.onCampaignProgress(POLL_KIND, async (api, campaign, progress, finished) => {
    if (campaign.reportChatId === null) return;
    const t = deps.translator(deps.staffLocale);
    const text = t(finished ? "polls-progress-done" : "polls-progress", {
      id: Number(campaign.label),
      sent: progress.sent,
      total: progress.total,
      blocked: progress.blocked,
      failed: progress.failed,
    });
    await reportProgress(api, deps.outbox, campaign.id, campaign.reportChatId, campaign.reportMessageId, text);
  });
}

async function reportProgress(
  api: OutboxApi,
  outbox: OutboxStore,
  campaignId: number,
  chatId: number,
  messageId: number | null,
  text: string,
): Promise<void> {
  if (messageId === null) {
    const sent = await api.sendMessage(chatId, text, { parse_mode: "HTML" });
    await outbox.setCampaignReportMessage(campaignId, sent.message_id);
    return;
  }
  try {
    await api.editMessageText(chatId, messageId, text, { parse_mode: "HTML" });
  } catch (err) {
    if (!isMessageNotModified(err)) throw err;
  }
}
