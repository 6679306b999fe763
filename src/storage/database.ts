import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS, type Migration } from "./migrations/index.js";

/** The better-sqlite3 database handle, re-exported so that store modules need not import the driver. */
export type Db = Database.Database;

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Migrations to apply. Defaults to all of the project's. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for tests), in WAL mode,
 * and applies the migrations not yet applied, each in its own transaction.
 *
 * @example
 * const db = openDatabase("data/civic-bot.sqlite");
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // WAL with synchronous=NORMAL is durable across process crashes (not power loss), which is what a
  // kill -9 in the middle of a broadcast needs, at a fraction of FULL's cost.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

/** Applies the migrations whose version is not yet recorded in `schema_migrations`. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as Array<{ version: number }>).map((r) => r.version),
  );
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.up);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
}
