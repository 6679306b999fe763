import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { listCorpusFiles } from "../corpus/load-corpus.js";
import type { Logger } from "../logger.js";
import type { CorpusDoc, Engine } from "../index/types.js";
import type { ItemsStore, NewItem, StoredItem } from "../storage/items-store.js";
import type { OutboxStore } from "../storage/outbox-store.js";
import type { PushStores } from "../storage/push-stores.js";
import type { SourcesStore } from "../storage/sources-store.js";
import type { Subscription, SubscriptionsStore } from "../storage/subscriptions-store.js";
import { extractArticle, parseListing } from "../sources/extract-article.js";
import { fetchResource, type FetchResourceOptions } from "../sources/fetch-resource.js";
import { parseFeedItems } from "../sources/parse-feed.js";
import type { HtmlSource, RssSource, SourceConfig } from "../sources/source-config.js";
import { findDocumentNumber, type SourceItem } from "../sources/source-item.js";
import { foldVietnamese, planDeliveries } from "./match-subscribers.js";
import type { QuietHours } from "./quiet-hours.js";

/** Name under which files added to the corpus folder are recorded. */
export const CORPUS_SOURCE = "corpus";

/** Options of {@link createFetchSources}. */
export interface FetchSourcesOptions {
  /** Per request. Defaults to 15 000 ms. */
  timeoutMs?: number;
  /** Per response body. Defaults to 5 MiB. */
  maxBytes?: number;
  /** Wait after a source's first failure, doubled on each further one. Defaults to 10 minutes. */
  backoffBaseMs?: number;
  /** Longest wait between attempts at a failing source. Defaults to 6 hours. */
  backoffMaxMs?: number;
  /** Article pages fetched at once for one HTML source. Defaults to 4. */
  articleConcurrency?: number;
}

/** Collaborators of {@link createFetchSources}. */
export interface FetchSourcesDeps {
  sources: readonly SourceConfig[];
  /** The corpus folder watched for added files; null to watch none. */
  corpusDir: string | null;
  /** Reads the documents of one corpus file (the corpus loader). */
  loadCorpusFile: (path: string) => CorpusDoc[];
  items: ItemsStore;
  sourceStates: SourcesStore;
  subscriptions: SubscriptionsStore;
  outbox: OutboxStore;
  /** Runs `fn` in one database transaction, with stores bound to it. */
  transaction: PushStores["transaction"];
  engine: Pick<Engine, "add">;
  logger: Logger;
  timeZone: string;
  defaultQuietHours: QuietHours | null;
  /** Called when rows were added to the outbox (wakes the delivery worker). */
  onEnqueued?: () => void;
  /** Defaults to `Date.now`. */
  now?: () => number;
}

/** How one source fared in one run. */
export interface SourceRunReport {
  name: string;
  outcome: "new-items" | "no-change" | "not-modified" | "baseline" | "failed" | "backing-off";
  newItems: number;
  error?: string;
}

/** A content fingerprint that ignores case, marks, punctuation and spacing. */
export function contentHash(title: string, body: string): string {
  return createHash("sha1").update(`${foldVietnamese(title)}\n${foldVietnamese(body).slice(0, 4000)}`).digest("hex");
}

/** The search-engine document of a recorded item. */
export function itemToDoc(item: StoredItem): CorpusDoc {
  return {
    id: item.docId,
    type: item.kind,
    title: item.title,
    body: item.body,
    date: item.date,
    time: item.time,
    url: item.url,
    number: item.number,
    issuer: item.issuer,
    source: item.source,
    tags: item.tags,
  };
}

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
 * Creates the fetch job: every source is read in parallel (one bad or slow source never holds up the
 * others), new items are deduplicated (guid, then URL, then content), recorded, matched to subscribers
 * in the same transaction that fills the outbox, and added to the search index. Items present at a
 * source's first successful fetch are recorded and indexed, not pushed.
 *
 * @example
 * const fetchSources = createFetchSources({ sources, corpusDir: "corpus", … });
 * scheduler.add("fetch", config.fetchCron, async () => void (await fetchSources()));
 */
export function createFetchSources(deps: FetchSourcesDeps, options: FetchSourcesOptions = {}): () => Promise<SourceRunReport[]> {
  const now = deps.now ?? Date.now;
  const fetchOptions: FetchResourceOptions = { timeoutMs: options.timeoutMs ?? 15_000, maxBytes: options.maxBytes ?? 5 * 1024 * 1024 };
  const backoffBaseMs = options.backoffBaseMs ?? 10 * 60_000;
  const backoffMaxMs = options.backoffMaxMs ?? 6 * 3_600_000;
  const articleConcurrency = options.articleConcurrency ?? 4;
  // Read once per run: matching a thousand items must not read every subscription a thousand times.
  let runSubscriptions: Promise<Subscription[]> | null = null;
  const activeSubscriptions = () => (runSubscriptions ??= deps.subscriptions.active());
  // Sources are read in parallel but items recorded one at a time, so that the duplicate check and
  // the insert of one item are not interleaved with another's.
  let recording: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = recording.then(fn);
    recording = result.catch(() => undefined);
    return result;
  };

  /** Records one item unless it is a duplicate; pushes it unless this is the source's baseline. */
  function record(source: string, kind: "news" | "document", raw: SourceItem, baseline: boolean, docId?: string): Promise<StoredItem | null> {
    return serially(() => recordNow(source, kind, raw, baseline, docId));
  }

  async function recordNow(source: string, kind: "news" | "document", raw: SourceItem, baseline: boolean, docId?: string): Promise<StoredItem | null> {
    const hash = contentHash(raw.title, raw.body);
    if (await deps.items.findDuplicate({ source, guid: raw.guid, url: raw.url, contentHash: hash })) return null;
    const key = raw.guid ?? raw.url ?? hash;
    const item: NewItem = {
      docId: docId ?? `${source}:${createHash("sha1").update(key).digest("hex").slice(0, 16)}`,
      source,
      guid: raw.guid,
      url: raw.url,
      contentHash: hash,
      kind,
      title: raw.title,
      body: raw.body,
      date: raw.date,
      time: raw.time,
      number: raw.number,
      issuer: raw.issuer,
      tags: raw.topics,
      pushed: !baseline,
    };
    const t = now();
    let enqueued = 0;
    const subscribers = baseline ? [] : await activeSubscriptions();
    const stored = await deps.transaction(async (tx) => {
      const stored = await tx.items.insert(item, t);
      if (!baseline) {
        const plan = planDeliveries(subscribers, stored, {
          now: t,
          timeZone: deps.timeZone,
          defaultQuietHours: deps.defaultQuietHours,
        });
        enqueued = await tx.outbox.enqueue(plan.outbox, t);
        await tx.subscriptions.addDigestEntries(plan.digest, t);
      }
      return stored;
    });
    try {
      deps.engine.add(itemToDoc(stored));
    } catch (err) {
      deps.logger.error({ err, docId: stored.docId }, "fetch: could not add the item to the search index");
    }
    if (enqueued > 0) deps.onEnqueued?.();
    return stored;
  }

  /** Records a batch oldest first, skipping (and logging) a bad item. */
  async function recordAll(source: string, kind: "news" | "document", raws: readonly SourceItem[], baseline: boolean): Promise<number> {
    let added = 0;
    for (const raw of raws) {
      try {
        if (await record(source, kind, raw, baseline)) added += 1;
      } catch (err) {
        deps.logger.warn({ err, source, url: raw.url }, "fetch: item skipped");
      }
    }
    return added;
  }

  async function runRss(source: RssSource, baseline: boolean): Promise<Omit<SourceRunReport, "name">> {
    const state = await deps.sourceStates.get(source.name);
    const res = await fetchResource(source.url, { ...fetchOptions, etag: state?.etag, lastModified: state?.lastModified });
    if (res.status === "not-modified") {
      await deps.sourceStates.recordSuccess(source.name, now(), null, 0);
      return { outcome: "not-modified", newItems: 0 };
    }
    const items = parseFeedItems(res.body, { timeZone: deps.timeZone, topics: source.topics, kind: source.kind });
    // Feeds list newest first; record oldest first so that pushes follow publication order.
    const added = await recordAll(source.name, source.kind, [...items].reverse(), baseline);
    await deps.sourceStates.recordSuccess(source.name, now(), { etag: res.etag, lastModified: res.lastModified }, added);
    return { outcome: baseline ? "baseline" : added > 0 ? "new-items" : "no-change", newItems: added };
  }

  async function runHtml(source: HtmlSource, baseline: boolean): Promise<Omit<SourceRunReport, "name">> {
    const state = await deps.sourceStates.get(source.name);
    const res = await fetchResource(source.url, { ...fetchOptions, etag: state?.etag, lastModified: state?.lastModified });
    if (res.status === "not-modified") {
      await deps.sourceStates.recordSuccess(source.name, now(), null, 0);
      return { outcome: "not-modified", newItems: 0 };
    }
    const entries = parseListing(res.body, res.url, source.select);
    const known = await deps.items.knownUrls(entries.map((e) => e.url));
    const fresh = entries.filter((e) => !known.has(e.url)).reverse();
    const toFetch = fresh.slice(-source.maxArticles);
    const pages = await mapLimit(toFetch, articleConcurrency, async (entry) => {
      try {
        const page = await fetchResource(entry.url, fetchOptions);
        if (page.status !== "ok") return null;
        const article = extractArticle(page.body, page.url, source.select);
        const title = article.title || entry.title || "";
        if (!title || !article.body) throw new Error("no title or body found on the page; check the source's selectors");
        const item: SourceItem = {
          guid: null,
          url: entry.url,
          title,
          body: article.body,
          date: article.date ?? entry.date,
          time: article.time,
          number: source.kind === "document" ? findDocumentNumber(title) : null,
          issuer: null,
          topics: source.topics,
        };
        return item;
      } catch (err) {
        deps.logger.warn({ err, source: source.name, url: entry.url }, "fetch: article page skipped");
        return null;
      }
    });
    const items = pages.filter((p): p is SourceItem => p !== null);
    if (baseline) {
      // Entries past the per-run limit are still known at the baseline, so they are never pushed later.
      for (const entry of fresh.slice(0, fresh.length - toFetch.length)) {
        if (entry.title) items.unshift({ guid: null, url: entry.url, title: entry.title, body: entry.title, date: entry.date, time: null, number: null, issuer: null, topics: source.topics });
      }
    }
    const added = await recordAll(source.name, source.kind, items, baseline);
    await deps.sourceStates.recordSuccess(source.name, now(), { etag: res.etag, lastModified: res.lastModified }, added);
    return { outcome: baseline ? "baseline" : added > 0 ? "new-items" : "no-change", newItems: added };
  }

  async function runCorpus(dir: string, baseline: boolean): Promise<Omit<SourceRunReport, "name">> {
    const seen = await deps.sourceStates.corpusFiles();
    let added = 0;
    for (const { file: path } of listCorpusFiles(dir)) {
      const st = statSync(path);
      const before = seen.get(path);
      if (before && before.size === st.size && before.mtimeMs === Math.floor(st.mtimeMs)) continue;
      // At the first scan the files are already in the index (loaded at start): only remember them.
      if (!baseline) {
        let docs: CorpusDoc[] = [];
        try {
          docs = deps.loadCorpusFile(path);
        } catch (err) {
          deps.logger.warn({ err, path }, "fetch: corpus file skipped");
        }
        for (const doc of docs) {
          const raw: SourceItem = {
            guid: doc.id,
            url: doc.url,
            title: doc.title,
            body: doc.body,
            date: doc.date,
            time: doc.time ?? null,
            number: doc.number,
            issuer: doc.issuer,
            topics: doc.tags,
          };
          try {
            if (await record(CORPUS_SOURCE, doc.type, raw, false, doc.id)) added += 1;
          } catch (err) {
            deps.logger.warn({ err, path, id: doc.id }, "fetch: corpus document skipped");
          }
        }
      }
      await deps.sourceStates.markCorpusFile(path, st.size, Math.floor(st.mtimeMs), now());
    }
    await deps.sourceStates.recordSuccess(CORPUS_SOURCE, now(), null, added);
    return { outcome: baseline ? "baseline" : added > 0 ? "new-items" : "no-change", newItems: added };
  }

  async function runOne(source: SourceConfig): Promise<SourceRunReport> {
    const state = await deps.sourceStates.get(source.name);
    if (state && state.nextAttemptAt > now()) return { name: source.name, outcome: "backing-off", newItems: 0 };
    const baseline = !state?.firstSuccessAt;
    try {
      const r = source.type === "rss" ? await runRss(source, baseline) : await runHtml(source, baseline);
      return { name: source.name, ...r };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failures = (state?.failures ?? 0) + 1;
      const wait = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (failures - 1));
      await deps.sourceStates.recordFailure(source.name, now(), message, now() + wait);
      deps.logger.warn({ source: source.name, failures, retryInMs: wait, error: message }, "fetch: source failed");
      return { name: source.name, outcome: "failed", newItems: 0, error: message };
    }
  }

  return async () => {
    runSubscriptions = null;
    const reports = await Promise.all(deps.sources.map(runOne));
    if (deps.corpusDir) {
      try {
        const baseline = !(await deps.sourceStates.get(CORPUS_SOURCE))?.firstSuccessAt;
        reports.push({ name: CORPUS_SOURCE, ...(await runCorpus(deps.corpusDir, baseline)) });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await deps.sourceStates.recordFailure(CORPUS_SOURCE, now(), message, 0);
        reports.push({ name: CORPUS_SOURCE, outcome: "failed", newItems: 0, error: message });
      }
    }
    deps.logger.info({ reports }, "fetch: run finished");
    return reports;
  };
}
