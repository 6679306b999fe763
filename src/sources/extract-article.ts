import { Readability } from "@mozilla/readability";
import { load } from "cheerio";
import { parseHTML } from "linkedom";
import type { HtmlSelectors } from "./source-config.js";
import { parseVietnameseDate, squeeze } from "./source-item.js";

/** What was read from an article page. */
export interface ExtractedArticle {
  title: string;
  body: string;
  date: string | null;
  time: string | null;
}

// Side boxes of Vietnamese government pages: where the article ends (see the seed page).
const CHROME_MARKERS = /^(Các tin khác|Tin liên quan|VĂN BẢN MỚI|THĂM DÒ Ý KIẾN|\d+ người đã tham gia bình chọn)\b/imu;

/** Plain text of an HTML fragment, paragraphs kept as lines. */
export function webPageToText(html: string): string {
  if (!html.includes("<")) return squeeze(html.replace(/&nbsp;/g, " "));
  const $ = load(html);
  $("script, style, noscript").remove();
  $("br").replaceWith("\n");
  $("p, div, li, h1, h2, h3, h4, h5, h6, tr, figcaption, blockquote").each((_, el) => {
    $(el).append("\n");
  });
  return squeeze($.root().text());
}

function cutChrome(text: string): string {
  const lines = text.split("\n");
  const end = lines.findIndex((line) => CHROME_MARKERS.test(line.trim()));
  return (end >= 0 ? lines.slice(0, end) : lines).join("\n").trim();
}

/**
 * Reads title, time stamp and body of an article page: with the source's selectors when it gives
 * them, otherwise with a readability extractor. The time stamp is looked for near the headline
 * (`10:25, Thứ Tư, 22-5-2024`). Page chrome after the body ("Các tin khác", "VĂN BẢN MỚI") is cut.
 */
export function extractArticle(html: string, url: string, select: Partial<HtmlSelectors> = {}): ExtractedArticle {
  const $ = load(html);
  const pick = (selector: string | undefined) => (selector ? $(selector).first().text().replace(/\s+/g, " ").trim() : "");
  let title = pick(select.articleTitle) || $("h1").first().text().replace(/\s+/g, " ").trim();
  let body = "";
  if (select.articleBody) {
    const parts = $(select.articleBody)
      .map((_, el) => webPageToText($.html(el) ?? ""))
      .get();
    body = parts.join("\n");
  } else {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (article) {
      title ||= (article.title ?? "").trim();
      body = webPageToText(article.content ?? "");
    }
    if (!body) body = webPageToText($("body").html() ?? "");
  }
  title ||= $("title").text().replace(/\s+/g, " ").trim();
  body = cutChrome(body);
  if (title && body.startsWith(title)) body = body.slice(title.length).trim();
  let stamp = parseVietnameseDate(pick(select.articleDate));
  if (!stamp.date) {
    // Look for a time stamp line near the top of the page text, as on the seed page.
    const head = webPageToText($("body").html() ?? "").split("\n").slice(0, 30);
    for (const line of head) {
      if (line.length > 60) continue;
      const parsed = parseVietnameseDate(line);
      if (parsed.date) {
        stamp = parsed;
        break;
      }
    }
  }
  // The time stamp line itself is not body text.
  body = body
    .split("\n")
    .filter((line, i) => !(i < 3 && line.length < 60 && parseVietnameseDate(line).date))
    .join("\n");
  return { title, body, date: stamp.date, time: stamp.time };
}

/** One entry of a listing page. */
export interface ListingEntry {
  url: string;
  title: string | null;
  date: string | null;
}

/** Reads the entries of a listing page through the source's selectors; links are made absolute. */
export function parseListing(html: string, baseUrl: string, select: HtmlSelectors): ListingEntry[] {
  const $ = load(html);
  const entries: ListingEntry[] = [];
  const seen = new Set<string>();
  $(select.item).each((_, el) => {
    const node = $(el);
    const link = select.link ? node.find(select.link).first() : node.is("a") ? node : node.find("a").first();
    const href = link.attr("href");
    if (!href) return;
    let url: string;
    try {
      url = new URL(href, baseUrl).toString();
    } catch {
      return;
    }
    if (seen.has(url)) return;
    seen.add(url);
    const title = (select.title ? node.find(select.title).first().text() : link.text()).replace(/\s+/g, " ").trim();
    const date = select.date ? parseVietnameseDate(node.find(select.date).first().text()).date : null;
    entries.push({ url, title: title || null, date });
  });
  return entries;
}
