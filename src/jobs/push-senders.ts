import type { Logger } from "../logger.js";
import type { DocumentsStore } from "../storage/documents-store.js";
import type { ItemsStore } from "../storage/items-store.js";
import type { SubscriptionsStore } from "../storage/subscriptions-store.js";
import { leadOf } from "../sources/source-item.js";
import { type DeliveryWorker, GiveUpSendError } from "./deliver-outbox.js";
import type { Clock } from "../clock.js";
import { systemClock } from "../clock.js";
import { DEFAULT_LOCALE, type Translator } from "../translate.js";
import { renderItemMessage } from "./push-message.js";

/** Payload of an "item" outbox row. */
export interface ItemPayload {
  itemId: number;
  lang: string;
}

/** Payload of "digest" and "announcement" rows: the finished HTML text. */
export interface HtmlPayload {
  html: string;
}

/** Collaborators of {@link registerPushSenders}. */
export interface PushSendersDeps {
  items: ItemsStore;
  subscriptions: SubscriptionsStore;
  translator: Translator;
  logger: Logger;
  /** The kind, signer and original file of pushed documents. */
  documents?: DocumentsStore;
  /** Also told when a chat blocked the bot (the users table). */
  onChatBlocked?: (chatId: number) => void | Promise<void>;
  /** The language a user chose with /lang, if any; it wins over the one recorded at subscription. */
  languageOf?: (chatId: number) => Promise<string | null>;
  /** Defaults to the system clock. */
  now?: Clock;
}

/**
 * Registers the senders of new items, digests and staff announcements, and marks a subscriber
 * inactive when Telegram says the chat blocked the bot.
 */
export function registerPushSenders(worker: DeliveryWorker, deps: PushSendersDeps): void {
  const now = deps.now ?? systemClock;
  worker.registerSender("item", async (api, chatId, payload) => {
    const { itemId, lang } = payload as ItemPayload;
    const item = await deps.items.get(itemId);
    if (!item) throw new GiveUpSendError(`push: item ${itemId} is gone; not sent`);
    const message = renderItemMessage(
      item,
      leadOf(item.body),
      deps.translator((await deps.languageOf?.(chatId)) ?? (lang || DEFAULT_LOCALE)),
      item.kind === "document" ? await deps.documents?.itemDocument(item.docId) : undefined,
    );
    return api.sendMessage(chatId, message.text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
    });
  });
  const sendHtml = (api: Parameters<Parameters<DeliveryWorker["registerSender"]>[1]>[0], chatId: number, payload: unknown) =>
    api.sendMessage(chatId, (payload as HtmlPayload).html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  worker.registerSender("digest", sendHtml);
  worker.registerSender("announcement", sendHtml);
  worker.onBlocked(async (chatId, reason) => {
    await deps.subscriptions.markInactive(chatId, reason, now());
    await deps.onChatBlocked?.(chatId);
  });
}
