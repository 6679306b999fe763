import type { Db } from "./database.js";

/** How a source has been doing, for backoff and for `/nguon`. */
export interface SourceState {
  name: string;
  etag: string | null;
  lastModified: string | null;
  firstSuccessAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  /** Failures in a row since the last success. */
  failures: number;
  /** Epoch milliseconds before which the source is not fetched again (backoff). */
  nextAttemptAt: number;
  /** Items recorded from it. */
  items: number;
}

/** State of the sources and of the corpus files already seen. The only code that writes their SQL. */
export interface SourcesStore {
  get(name: string): SourceState | undefined;
  all(): SourceState[];
  recordSuccess(name: string, now: number, validators: { etag: string | null; lastModified: string | null } | null, newItems: number): void;
  recordFailure(name: string, now: number, error: string, nextAttemptAt: number): void;
  /** Corpus files already seen, by path, with the size and mtime they had. */
  corpusFiles(): Map<string, { size: number; mtimeMs: number }>;
  markCorpusFile(path: string, size: number, mtimeMs: number, now: number): void;
}

interface Raw {
  name: string;
  etag: string | null;
  last_modified: string | null;
  first_success_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  failures: number;
  next_attempt_at: number;
  items: number;
}

const toState = (r: Raw): SourceState => ({
  name: r.name,
  etag: r.etag,
  lastModified: r.last_modified,
  firstSuccessAt: r.first_success_at,
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  failures: r.failures,
  nextAttemptAt: r.next_attempt_at,
  items: r.items,
});

/** Creates the sources store over a migrated database. */
export function createSourcesStore(db: Db): SourcesStore {
  const ensure = db.prepare("INSERT OR IGNORE INTO push_sources (name) VALUES (?)");
  const get = db.prepare("SELECT * FROM push_sources WHERE name = ?");
  const all = db.prepare("SELECT * FROM push_sources ORDER BY name");
  const success = db.prepare(
    `UPDATE push_sources SET first_success_at = COALESCE(first_success_at, @now), last_success_at = @now,
       failures = 0, next_attempt_at = 0, items = items + @newItems,
       etag = CASE WHEN @keep THEN etag ELSE @etag END,
       last_modified = CASE WHEN @keep THEN last_modified ELSE @lastModified END
     WHERE name = @name`,
  );
  const failure = db.prepare(
    `UPDATE push_sources SET last_error = ?, last_error_at = ?, failures = failures + 1, next_attempt_at = ? WHERE name = ?`,
  );
  const files = db.prepare("SELECT path, size, mtime_ms FROM push_corpus_files");
  const markFile = db.prepare(
    "INSERT INTO push_corpus_files (path, size, mtime_ms, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms",
  );
  return {
    get(name) {
      const r = get.get(name) as Raw | undefined;
      return r ? toState(r) : undefined;
    },
    all: () => (all.all() as Raw[]).map(toState),
    recordSuccess(name, now, validators, newItems) {
      ensure.run(name);
      success.run({
        name,
        now,
        newItems,
        keep: validators ? 0 : 1,
        etag: validators?.etag ?? null,
        lastModified: validators?.lastModified ?? null,
      });
    },
    recordFailure(name, now, error, nextAttemptAt) {
      ensure.run(name);
      failure.run(error, now, nextAttemptAt, name);
    },
    corpusFiles: () =>
      new Map(
        (files.all() as Array<{ path: string; size: number; mtime_ms: number }>).map((r) => [r.path, { size: r.size, mtimeMs: r.mtime_ms }]),
      ),
    markCorpusFile: (path, size, mtimeMs, now) => void markFile.run(path, size, mtimeMs, now),
  };
}
