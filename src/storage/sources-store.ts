import { sql, type Selectable } from "kysely";
import type { Db } from "./database.js";
import type { PushSourcesTable } from "./schema.js";

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
  get(name: string): Promise<SourceState | undefined>;
  all(): Promise<SourceState[]>;
  recordSuccess(
    name: string,
    now: number,
    validators: { etag: string | null; lastModified: string | null } | null,
    newItems: number,
  ): Promise<void>;
  recordFailure(name: string, now: number, error: string, nextAttemptAt: number): Promise<void>;
  /** Corpus files already seen, by path, with the size and mtime they had. */
  corpusFiles(): Promise<Map<string, { size: number; mtimeMs: number }>>;
  markCorpusFile(path: string, size: number, mtimeMs: number, now: number): Promise<void>;
}

type Raw = Selectable<PushSourcesTable>;

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
  const ensure = (name: string) =>
    db
      .insertInto("push_sources")
      .values({ name })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
  return {
    async get(name) {
      const r = await db.selectFrom("push_sources").selectAll().where("name", "=", name).executeTakeFirst();
      return r ? toState(r) : undefined;
    },
    all: async () => (await db.selectFrom("push_sources").selectAll().orderBy("name").execute()).map(toState),
    async recordSuccess(name, now, validators, newItems) {
      await ensure(name);
      await db
        .updateTable("push_sources")
        .set((eb) => ({
          first_success_at: eb.fn.coalesce("first_success_at", eb.val(now)),
          last_success_at: now,
          failures: 0,
          next_attempt_at: 0,
          items: eb("items", "+", newItems),
          // A 304 carries no validators: the stored ones stay.
          ...(validators ? { etag: validators.etag, last_modified: validators.lastModified } : {}),
        }))
        .where("name", "=", name)
        .execute();
    },
    async recordFailure(name, now, error, nextAttemptAt) {
      await ensure(name);
      await db
        .updateTable("push_sources")
        .set({ last_error: error, last_error_at: now, failures: sql`failures + 1`, next_attempt_at: nextAttemptAt })
        .where("name", "=", name)
        .execute();
    },
    corpusFiles: async () =>
      new Map(
        (await db.selectFrom("push_corpus_files").select(["path", "size", "mtime_ms"]).execute()).map((r) => [
          r.path,
          { size: r.size, mtimeMs: r.mtime_ms },
        ]),
      ),
    async markCorpusFile(path, size, mtimeMs, now) {
      await db
        .insertInto("push_corpus_files")
        .values({ path, size, mtime_ms: mtimeMs, seen_at: now })
        .onConflict((oc) => oc.column("path").doUpdateSet({ size, mtime_ms: mtimeMs }))
        .execute();
    },
  };
}
