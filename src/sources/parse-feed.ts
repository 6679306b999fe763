import type { DocType } from "../index/types.js";
import { parseFeed } from "@rowanmanning/feed-parser";
import { webPageToText } from "./extract-article.js";
import { dateParts, findDocumentNumber, type SourceItem } from "./source-item.js";

/**
 * Reads an RSS 2.0 or Atom document into source items. Throws, saying so, when the text is not a feed.
 *
 * @example
 * parseFeedItems(xml, { timeZone: "Asia/Ho_Chi_Minh", topics: [] });
 */
export function parseFeedItems(xml: string, options: { timeZone: string; topics: string[]; kind: DocType }): SourceItem[] {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch (err) {
    throw new Error(`not an RSS or Atom feed (${(err as Error).message})`);
  }
  const items: SourceItem[] = [];
  for (const entry of feed.items) {
    const title = webPageToText(entry.title ?? "").replace(/\s+/g, " ").trim();
    if (!title) continue;
    const body = webPageToText(entry.content ?? entry.description ?? "");
    const { date, time } = dateParts(entry.published ?? entry.updated ?? null, options.timeZone);
    const topics = [
      ...options.topics,
      ...entry.categories.map((c) => (c.label ?? c.term ?? "").trim()).filter((c) => c.length > 0),
    ];
    items.push({
      guid: entry.id ?? null,
      url: entry.url ?? null,
      title,
      body,
      date,
      time,
      number: options.kind === "document" ? findDocumentNumber(title) : null,
      issuer: null,
      tags: [...new Set(topics)],
    });
  }
  return items;
}
