import { backoffMs, type Clock, HOUR_MS, MINUTE_MS, systemClock } from "../clock.js";
import type { CorpusDoc } from "../index/types.js";
import type { OcrOptions } from "../corpus/ocr.js";
import type { SourcesStore } from "../storage/sources-store.js";
import type { SourceConfig } from "../sources/source-config.js";
import { createItemRecorder, type ItemRecorderDeps } from "./record-item.js";
import { CORPUS_SOURCE, readHtmlSource, readRssSource, scanCorpusFolder, type SourceReaderDeps, type SourceRunReport } from "./read-sources.js";

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
  /** Per attached document file (PDF, DOCX, DOC). Defaults to 30 MiB. */
  attachmentMaxBytes?: number;
  /** Per attached document file, ms. Defaults to 60 000 ms. */
  attachmentTimeoutMs?: number;
}

/** What reading attached document files needs; without it attachments are not read. */
export interface FetchDocumentsDeps {
  /** `DATA_DIR`: originals are kept in its `files/` folder, under their SHA-256. */
  dataDir: string;
  ocr: OcrOptions | null;
}

/** Collaborators of {@link createFetchSources}. */
export interface FetchSourcesDeps extends Omit<ItemRecorderDeps, "now"> {
  sources: readonly SourceConfig[];
  /** The corpus folder watched for added files; null to watch none. */
  corpusDir: string | null;
  /** Reads the documents of one corpus file (the corpus loader). */
  loadCorpusFile: (path: string) => CorpusDoc[] | Promise<CorpusDoc[]>;
  sourceStates: SourcesStore;
  /** Attached document files: where originals are kept, and OCR (their fields are kept by the recorder). */
  documents?: FetchDocumentsDeps;
  /** Defaults to the system clock. */
  now?: Clock;
}

/**
 * Creates the fetch job: every source is read in parallel (one bad or slow source never holds up the
 * others), new items are deduplicated (guid, then URL, then content), recorded, matched to subscribers
 * in the same transaction that fills the outbox, and added to the search index. Items present at a
 * source's first successful fetch are recorded and indexed, not pushed. A failing source is tried
 * again after a backoff (10 minutes doubling to 6 hours).
 *
 * @example
 * const fetchSources = createFetchSources({ sources, corpusDir: "corpus", … });
 * scheduler.add("fetch", config.fetchCron, async () => void (await fetchSources()));
 */
export function createFetchSources(deps: FetchSourcesDeps, options: FetchSourcesOptions = {}): () => Promise<SourceRunReport[]> {
  const now = deps.now ?? systemClock;
  const backoffBaseMs = options.backoffBaseMs ?? 10 * MINUTE_MS;
  const backoffMaxMs = options.backoffMaxMs ?? 6 * HOUR_MS;
  const { documents, ...recorderDeps } = deps;
  const recorder = createItemRecorder({ ...recorderDeps, now });
  const readers: SourceReaderDeps = {
    sourceStates: deps.sourceStates,
    recorder,
    logger: deps.logger,
    timeZone: deps.timeZone,
    now,
    fetchOptions: { timeoutMs: options.timeoutMs ?? 15_000, maxBytes: options.maxBytes ?? 5 * 1024 * 1024 },
    articleConcurrency: options.articleConcurrency ?? 4,
    attachmentOptions: { timeoutMs: options.attachmentTimeoutMs ?? 60_000, maxBytes: options.attachmentMaxBytes ?? 30 * 1024 * 1024 },
    ...(documents ? { documents: { dataDir: documents.dataDir, ocr: documents.ocr } } : {}),
  };

  async function runOne(source: SourceConfig): Promise<SourceRunReport> {
    const state = await deps.sourceStates.get(source.name);
    if (state && state.nextAttemptAt > now()) return { name: source.name, outcome: "backing-off", newItems: 0 };
    const baseline = !state?.firstSuccessAt;
    try {
      const r = source.type === "rss" ? await readRssSource(readers, source, baseline) : await readHtmlSource(readers, source, baseline);
      return { name: source.name, ...r };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failures = (state?.failures ?? 0) + 1;
      const wait = backoffMs(failures, backoffBaseMs, backoffMaxMs);
      await deps.sourceStates.recordFailure(source.name, now(), message, now() + wait);
      deps.logger.warn({ err, source: source.name, failures, retryInMs: wait }, "fetch: source failed");
      return { name: source.name, outcome: "failed", newItems: 0, error: message };
    }
  }

  return async () => {
    recorder.startRun();
    const reports = await Promise.all(deps.sources.map(runOne));
    if (deps.corpusDir) {
      try {
        const baseline = !(await deps.sourceStates.get(CORPUS_SOURCE))?.firstSuccessAt;
        reports.push({ name: CORPUS_SOURCE, ...(await scanCorpusFolder({ ...readers, loadCorpusFile: deps.loadCorpusFile }, deps.corpusDir, baseline)) });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await deps.sourceStates.recordFailure(CORPUS_SOURCE, now(), message, 0);
        deps.logger.warn({ err }, "fetch: corpus folder could not be read");
        reports.push({ name: CORPUS_SOURCE, outcome: "failed", newItems: 0, error: message });
      }
    }
    deps.logger.info({ reports }, "fetch: run finished");
    return reports;
  };
}
