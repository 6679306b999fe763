import type { InlineKeyboardMarkup } from "grammy/types";
import { escapeHtml } from "../html.js";
import type { StoredItem } from "../storage/items-store.js";
import { MESSAGE_MAX_CHARS, truncate } from "../text-limits.js";
import { formatDate, formatDateTime } from "../time-zone.js";
import type { Translate } from "../translate.js";

/** A message ready for `sendMessage`, HTML-formatted. */
export interface RenderedMessage {
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

/** Longest title in a push or a digest line, in characters: the message must stay under Telegram's limit. */
export const TITLE_MAX_CHARS = 500;

const isHttpUrl = (url: string | null): url is string => !!url && /^https?:\/\//i.test(url);

/**
 * The push message of one item: the full title in bold, the date, a one- or two-sentence lead and the
 * source; for a document its number, issuer and date; a button to the article.
 */
export function renderItemMessage(item: StoredItem, lead: string, t: Translate): RenderedMessage {
  // Plain parts are cut before escaping, so the message stays under the limit and no tag is ever cut.
  const lines = [`<b>${escapeHtml(truncate(item.title, TITLE_MAX_CHARS))}</b>`];
  if (item.kind === "document") {
    const facts = [
      item.number ? t("push-doc-number", { number: escapeHtml(item.number) }) : null,
      item.issuer ? t("push-doc-issuer", { issuer: escapeHtml(item.issuer) }) : null,
      item.date ? t("push-doc-date", { date: formatDate(item.date) }) : null,
    ].filter((x): x is string => x !== null);
    if (facts.length) lines.push(facts.join("\n"));
  } else if (item.date) {
    lines.push(`<i>${formatDateTime(item.date, item.time)}</i>`);
  }
  if (lead) lines.push(escapeHtml(truncate(lead, MESSAGE_MAX_CHARS / 4)));
  lines.push(t("push-source", { source: escapeHtml(item.source) }));
  const text = lines.join("\n\n");
  const replyMarkup = isHttpUrl(item.url)
    ? { inline_keyboard: [[{ text: t("push-read-button"), url: item.url }]] }
    : undefined;
  return { text, replyMarkup };
}

/** The day's digest: one line per item (title linked when it has a URL), split into messages under 4,096 characters. */
export function renderDigest(items: readonly StoredItem[], day: string, t: Translate): string[] {
  const header = t("push-digest-header", { date: formatDate(day), count: items.length });
  const lines = items.map((item, i) => {
    // Titles are cut before escaping so that a long one never splits an entity or a tag.
    const title = escapeHtml(truncate(item.title, TITLE_MAX_CHARS));
    const linked = isHttpUrl(item.url) ? `<a href="${escapeHtml(item.url)}">${title}</a>` : title;
    const tag = item.kind === "document" ? t("push-digest-document") : "";
    return `${i + 1}. ${tag ? `${tag} ` : ""}${linked}`;
  });
  const messages: string[] = [];
  let current = header;
  for (const line of lines) {
    if (current.length + 2 + line.length > MESSAGE_MAX_CHARS) {
      messages.push(current);
      current = line;
    } else {
      current = `${current}\n\n${line}`;
    }
  }
  messages.push(current);
  return messages;
}
