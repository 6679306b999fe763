import { statSync } from "node:fs";
import type { Clock } from "../clock.js";
import { listCorpusFiles } from "../corpus/load-corpus.js";
import type { CorpusDoc } from "../index/types.js";
import type { Logger } from "../logger.js";
import type { SourcesStore } from "../storage/sources-store.js";
import { extractArticle, parseListing } from "../sources/extract-article.js";
import type { OcrOptions } from "../corpus/ocr.js";
import { keepOriginal } from "../corpus/original-files.js";
import { parseDocumentFile } from "../corpus/parse-document-file.js";
import { fetchFile, fetchResource, type FetchResourceOptions } from "../sources/fetch-resource.js";
import { parseFeedItems } from "../sources/parse-feed.js";
import type { HtmlSource, RssSource } from "../sources/source-config.js";
import { findDocumentNumber, type SourceItem } from "../sources/source-item.js";
import type { ItemRecorder } from "./record-item.js";

/** Name under which files added to the corpus folder are recorded. */
export const CORPUS_SOURCE = "corpus";

/** How one source fared in one run. */
export interface SourceRunReport {
  name: string;
  outcome: "new-items" | "no-change" | "not-modified" | "baseline" | "failed" | "backing-off";
  newItems: number;
  error?: string;
}

/** What reading one source needs. */
export interface SourceReaderDeps {
  sourceStates: SourcesStore;
  recorder: ItemRecorder;
  logger: Logger;
  timeZone: string;
  now: Clock;
  fetchOptions: FetchResourceOptions;
  /** Article pages fetched at once for one HTML source. */
  articleConcurrency: number;
  /** Attached document files: where originals are kept, and OCR; without it attachments are not read. */
  documents?: { dataDir: string; ocr: OcrOptions | null };
  /** Limits of one attached file. */
  attachmentOptions: FetchResourceOptions;
}

/**
 * Fetches and reads an item's attached document file: its text becomes the body, the metadata read from it fills
 * what the feed or the listing row did not give (what they gave wins), and the original is kept in DATA_DIR.
 * Throws when it cannot.
 */
async function readAttachment(deps: SourceReaderDeps, raw: SourceItem): Promise<SourceItem> {
  const documents = deps.documents!;
  const file = await fetchFile(raw.attachment!, deps.attachmentOptions);
  const doc = await parseDocumentFile(
    file.bytes,
    file.name,
    { title: raw.title || null, number: raw.number, date: raw.date, issuer: raw.issuer },
    { ocr: documents.ocr, logger: deps.logger },
  );
  keepOriginal(documents.dataDir, doc.file!.sha256, file.bytes);
  return {
    ...raw,
    title: doc.title,
    body: doc.body,
    date: doc.date,
    number: doc.number,
    issuer: doc.issuer,
    url: raw.url ?? file.url,
    document: { kind: doc.kind ?? null, signer: doc.signer ?? null, file: doc.file ?? null },
  };
}

/** Reads the attachments of the items not yet recorded; an attachment that cannot be read drops its item (logged). */
async function withAttachments(deps: SourceReaderDeps, source: string, raws: SourceItem[]): Promise<SourceItem[]> {
  if (!deps.documents) return raws;
  const read = await mapLimit(raws, 2, async (raw) => {
    if (!raw.attachment || (await deps.recorder.knownUrls([raw.url ?? raw.attachment])).size > 0) return raw;
    try {
      return await readAttachment(deps, raw);
    } catch (err) {
      deps.logger.warn({ err, source, url: raw.attachment }, "fetch: attached document skipped");
      return null;
    }
  });
  return read.filter((r): r is SourceItem => r !== null);
}

type Outcome = Omit<SourceRunReport, "name">;

const outcomeOf = (baseline: boolean, added: number): Outcome => ({
  outcome: baseline ? "baseline" : added > 0 ? "new-items" : "no-change",
  newItems: added,
});

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Fetches a source's feed or listing page with its last ETag and Last-Modified; an unchanged one (304)
 * is recorded as a success and gives null.
 */
async function fetchChanged(deps: SourceReaderDeps, source: RssSource | HtmlSource) {
  const state = await deps.sourceStates.get(source.name);
  const res = await fetchResource(source.url, { ...deps.fetchOptions, etag: state?.etag, lastModified: state?.lastModified });
  if (res.status !== "not-modified") return res;
  await deps.sourceStates.recordSuccess(source.name, deps.now(), null, 0);
  return null;
}

/** Reads an RSS or Atom feed (conditionally: an unchanged feed costs a 304) and records its new items. */
export async function readRssSource(deps: SourceReaderDeps, source: RssSource, baseline: boolean): Promise<Outcome> {
  const res = await fetchChanged(deps, source);
  if (!res) return { outcome: "not-modified", newItems: 0 };
  const items = await withAttachments(deps, source.name, parseFeedItems(res.body, { timeZone: deps.timeZone, topics: source.topics, kind: source.kind }));
  // Feeds list newest first; record oldest first so that pushes follow publication order.
  const added = await deps.recorder.recordAll(source.name, source.kind, [...items].reverse(), baseline);
  await deps.sourceStates.recordSuccess(source.name, deps.now(), { etag: res.etag, lastModified: res.lastModified }, added);
  return outcomeOf(baseline, added);
}

/** Reads an HTML listing page, fetches the article pages not seen before (a few at once) and records them. */
export async function readHtmlSource(deps: SourceReaderDeps, source: HtmlSource, baseline: boolean): Promise<Outcome> {
  const res = await fetchChanged(deps, source);
  if (!res) return { outcome: "not-modified", newItems: 0 };
  const entries = parseListing(res.body, res.url, source.select);
  const known = await deps.recorder.knownUrls(entries.map((e) => e.url));
  const fresh = entries.filter((e) => !known.has(e.url)).reverse();
  const toFetch = fresh.slice(-source.maxArticles);
  const pages = await mapLimit(toFetch, deps.articleConcurrency, async (entry): Promise<SourceItem | null> => {
    if (entry.attachment && deps.documents) {
      // A listing row of "VĂN BẢN MỚI": the file is the document; the row's columns win over what it says.
      const row: SourceItem = {
        guid: null,
        url: entry.url,
        title: entry.title ?? "",
        body: "",
        date: entry.date,
        time: null,
        number: entry.number ?? (entry.title ? findDocumentNumber(entry.title) : null),
        issuer: null,
        tags: source.topics,
        attachment: entry.attachment,
      };
      try {
        return await readAttachment(deps, row);
      } catch (err) {
        deps.logger.warn({ err, source: source.name, url: entry.attachment }, "fetch: attached document skipped");
        return null;
      }
    }
    try {
      const page = await fetchResource(entry.url, deps.fetchOptions);
      if (page.status !== "ok") return null;
      const article = extractArticle(page.body, page.url, source.select);
      const title = article.title || entry.title || "";
      if (!title || !article.body) throw new Error("no title or body found on the page; check the source's selectors");
      return {
        guid: null,
        url: entry.url,
        title,
        body: article.body,
        date: article.date ?? entry.date,
        time: article.time,
        number: source.kind === "document" ? findDocumentNumber(title) : null,
        issuer: null,
        tags: source.topics,
      };
    } catch (err) {
      deps.logger.warn({ err, source: source.name, url: entry.url }, "fetch: article page skipped");
      return null;
    }
  });
  const items = pages.filter((p): p is SourceItem => p !== null);
  if (baseline) {
    // Entries past the per-run limit are still known at the baseline, so they are never pushed later.
    for (const entry of fresh.slice(0, fresh.length - toFetch.length)) {
      if (entry.title) items.unshift({ guid: null, url: entry.url, title: entry.title, body: entry.title, date: entry.date, time: null, number: null, issuer: null, tags: source.topics });
    }
  }
  const added = await deps.recorder.recordAll(source.name, source.kind, items, baseline);
  await deps.sourceStates.recordSuccess(source.name, deps.now(), { etag: res.etag, lastModified: res.lastModified }, added);
  return outcomeOf(baseline, added);
}

/**
 * Reads the files added to (or changed in) the corpus folder since the last scan and records their
 * documents. At the first scan the files are already in the index (loaded at start): only remembered.
 */
export async function scanCorpusFolder(
  deps: SourceReaderDeps & { loadCorpusFile: (path: string) => CorpusDoc[] | Promise<CorpusDoc[]> },
  dir: string,
  baseline: boolean,
): Promise<Outcome> {
  const seen = await deps.sourceStates.corpusFiles();
  let added = 0;
  for (const { file: path } of listCorpusFiles(dir)) {
    const st = statSync(path);
    const before = seen.get(path);
    if (before && before.size === st.size && before.mtimeMs === Math.floor(st.mtimeMs)) continue;
    if (!baseline) {
      let docs: CorpusDoc[] = [];
      try {
        docs = await deps.loadCorpusFile(path);
      } catch (err) {
        deps.logger.warn({ err, path }, "fetch: corpus file skipped");
      }
      for (const doc of docs) {
        const raw: SourceItem = {
          ...doc,
          guid: doc.id,
          time: doc.time ?? null,
          ...(doc.file ? { document: { kind: doc.kind ?? null, signer: doc.signer ?? null, file: doc.file } } : {}),
        };
        try {
          if (await deps.recorder.record(CORPUS_SOURCE, doc.type, raw, false, doc.id)) added += 1;
        } catch (err) {
          deps.logger.warn({ err, path, id: doc.id }, "fetch: corpus document skipped");
        }
      }
    }
    await deps.sourceStates.markCorpusFile(path, st.size, Math.floor(st.mtimeMs), deps.now());
  }
  await deps.sourceStates.recordSuccess(CORPUS_SOURCE, deps.now(), null, added);
  return outcomeOf(baseline, added);
}
