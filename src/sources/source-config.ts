import { readFileSync } from "node:fs";
import { z } from "zod";

const kind = z.enum(["news", "document"]);
const name = z.string().trim().min(1).max(64);

const rssSource = z.object({
  name,
  type: z.literal("rss"),
  url: z.url(),
  kind,
  /** Topics given to every item of this source, besides the feed's own categories. */
  topics: z.array(z.string()).default([]),
});

const selectors = z.object({
  /** Each entry of the listing (or directly its link). */
  item: z.string().min(1),
  /** The link inside an entry; the entry itself when it is an `<a>`. */
  link: z.string().optional(),
  title: z.string().optional(),
  date: z.string().optional(),
  /** The link to the document's file in an entry ("Tải về"); an entry whose only link is a PDF/DOCX/DOC needs none. */
  attachment: z.string().optional(),
  /** The official number column of an entry ("Số hiệu"). */
  number: z.string().optional(),
  /** On the article page: headline, time stamp and body. Without `articleBody`, a readability extractor is used. */
  articleTitle: z.string().optional(),
  articleDate: z.string().optional(),
  articleBody: z.string().optional(),
});

const htmlSource = z.object({
  name,
  type: z.literal("html"),
  url: z.url(),
  kind,
  topics: z.array(z.string()).default([]),
  select: selectors,
  /** New article pages fetched per run at most. */
  maxArticles: z.number().int().min(1).max(200).default(30),
});

const sourceSchema = z.discriminatedUnion("type", [rssSource, htmlSource]);

/** A feed (RSS 2.0 or Atom) to watch. */
export type RssSource = z.infer<typeof rssSource>;
/** A listing page without a feed, read through CSS selectors. */
export type HtmlSource = z.infer<typeof htmlSource>;
/** CSS selectors of an HTML source. */
export type HtmlSelectors = z.infer<typeof selectors>;
/** One configured source. */
export type SourceConfig = z.infer<typeof sourceSchema>;

/**
 * Validates the sources array, listing every problem with its index; names must be unique.
 *
 * @example
 * parseSources([{ name: "thanhuy", type: "rss", url: "https://example.org/rss", kind: "news" }]);
 */
export function parseSources(raw: unknown, origin = "sources"): SourceConfig[] {
  const result = z.array(sourceSchema).safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - [${i.path.join(".")}] ${i.message}`);
    throw new Error(`sources: ${origin} is invalid:\n${problems.join("\n")}`);
  }
  const seen = new Set<string>();
  for (const s of result.data) {
    if (seen.has(s.name) || s.name === "corpus") {
      throw new Error(`sources: ${origin}: the name "${s.name}" is used twice (or is reserved); give each source its own name`);
    }
    seen.add(s.name);
  }
  return result.data;
}

/** Reads and validates the sources file; a missing file means no sources. */
export function loadSources(path: string): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`sources: ${path} is not valid JSON (${(err as Error).message}); it must be an array of sources`);
  }
  return parseSources(raw, path);
}
