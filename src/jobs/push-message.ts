import type { InlineKeyboardMarkup } from "grammy/types";
import type { StoredItem } from "../storage/items-store.js";

/** Looks up a user-facing sentence in the locale files: `t("vi", "push-read", { … })`. */
export type Translate = (locale: string, key: string, vars?: Record<string, string | number>) => string;

/** A message ready for `sendMessage`, HTML-formatted. */
export interface RenderedMessage {
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

/** Telegram's limit on one text message, in characters. */
export const MESSAGE_MAX_CHARS = 4096;

/** Escapes `<`, `>`, `&` (and quotes, for attributes) so that text is never read as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `2024-05-22` as Vietnamese readers write it: `22/05/2024`. */
export function formatDate(date: string | null): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

const isHttpUrl = (url: string | null): url is string => !!url && /^https?:\/\//i.test(url);

/**
 * The push message of one item: the full title in bold, the date, a one- or two-sentence lead and the
 * source; for a document its number, issuer and date; a button to the article.
 */
export function renderItemMessage(item: StoredItem, lead: string, t: Translate, locale: string): RenderedMessage {
  const lines = [`<b>${escapeHtml(item.title)}</b>`];
  if (item.kind === "document") {
    const facts = [
      item.number ? t(locale, "push-doc-number", { number: escapeHtml(item.number) }) : null,
      item.issuer ? t(locale, "push-doc-issuer", { issuer: escapeHtml(item.issuer) }) : null,
      item.date ? t(locale, "push-doc-date", { date: formatDate(item.date) }) : null,
    ].filter((x): x is string => x !== null);
    if (facts.length) lines.push(facts.join("\n"));
  } else if (item.date) {
    lines.push(`<i>${formatDate(item.date)}${item.time ? ` ${item.time}` : ""}</i>`);
  }
  if (lead) lines.push(escapeHtml(lead));
  lines.push(t(locale, "push-source", { source: escapeHtml(item.source) }));
  let text = lines.join("\n\n");
  if (text.length > MESSAGE_MAX_CHARS) text = `${text.slice(0, MESSAGE_MAX_CHARS - 1)}…`;
  const replyMarkup = isHttpUrl(item.url)
    ? { inline_keyboard: [[{ text: t(locale, "push-read-button"), url: item.url }]] }
    : undefined;
  return { text, replyMarkup };
}

/** The day's digest: one line per item (title linked when it has a URL), split into messages under 4,096 characters. */
export function renderDigest(items: readonly StoredItem[], day: string, t: Translate, locale: string): string[] {
  const header = t(locale, "push-digest-header", { date: formatDate(day), count: items.length });
  const lines = items.map((item, i) => {
    // Titles are cut before escaping so that a long one never splits an entity or a tag.
    const title = escapeHtml(item.title.length > 500 ? `${item.title.slice(0, 499)}…` : item.title);
    const linked = isHttpUrl(item.url) ? `<a href="${escapeHtml(item.url)}">${title}</a>` : title;
    const tag = item.kind === "document" ? t(locale, "push-digest-document") : "";
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
