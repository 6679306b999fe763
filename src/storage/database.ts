import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { type ChatTurns, createPostgresChatTurns, inProcessChatTurns } from "./chat-turns.js";
import { MIGRATIONS, postgresDdl, type Migration } from "./migrations/index.js";
import type { Schema } from "./schema.js";

/** A typed query builder over the database, or over one transaction of it: what every store is made from. */
export type Db = Kysely<Schema>;

/** Which database server is behind a {@link Database}. */
export type DialectName = "sqlite" | "postgres";

/** An open database: the query builder, which server it is, the chat turns over it, and its closing. */
export interface Database {
  db: Db;
  dialect: DialectName;
  /** One chat's updates one at a time across every instance on this database (a pass-through on SQLite). */
  chatTurns: ChatTurns;
  /** Whether a trivial query answers (for `GET /healthz`). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Migrations to apply. Defaults to all of the project's. */
  migrations?: readonly Migration[];
  /** PostgreSQL connections kept open at most for the stores. Defaults to 10. */
  poolSize?: number;
  /** PostgreSQL connections kept for chat turns, besides the stores'. Defaults to `CHAT_TURN_POOL_SIZE` (10). */
  chatTurnPoolSize?: number;
}

/** Whether a `DATABASE_URL`-style target names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Key of the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK_KEY = 7_210_001;

// PostgreSQL's BIGINT and NUMERIC arrive as strings (they may exceed 2^53); every one here is an
// id, a count or epoch milliseconds, all far below that, so they are read as numbers.
const PG_NUMBER_TYPES = new Set([20, 1700]);
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    PG_NUMBER_TYPES.has(oid) ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens the database and applies the migrations not yet applied, each in its own transaction:
 * PostgreSQL when `target` is a `postgres://` URL (`DATABASE_URL`), else the SQLite file at `target`
 * (`:memory:` for tests), in WAL mode.
 *
 * @example
 * const database = await openDatabase(process.env.DATABASE_URL ?? "data/civic-bot.sqlite");
 * const users = createUserStore(database.db);
 */
export async function openDatabase(target: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrations = options.migrations ?? MIGRATIONS;
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({ connectionString: target, max: options.poolSize ?? 10, types: pgTypes, allowExitOnIdle: true });
    try {
      await migratePostgres(pool, migrations);
    } catch (err) {
      await pool.end();
      throw err;
    }
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const turns = createPostgresChatTurns(target, options.chatTurnPoolSize ? { poolSize: options.chatTurnPoolSize } : {});
    return database(db, "postgres", turns);
  }
  if (target !== ":memory:") mkdirSync(dirname(target), { recursive: true });
  const file = new BetterSqlite3(target);
  file.pragma("journal_mode = WAL");
  // WAL with synchronous=NORMAL is durable across process crashes (not power loss), which is what a
  // kill -9 in the middle of a broadcast needs, at a fraction of FULL's cost.
  file.pragma("synchronous = NORMAL");
  file.pragma("foreign_keys = ON");
  file.pragma("busy_timeout = 5000");
  migrateSqlite(file, migrations);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: file }) });
  return database(db, "sqlite", inProcessChatTurns);
}

function database(db: Db, dialect: DialectName, chatTurns: ChatTurns): Database {
  let open = true;
  return {
    db,
    dialect,
    chatTurns,
    async ping() {
      if (!open) return false;
      try {
        await sql`SELECT 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (!open) return;
      open = false;
      await chatTurns.close();
      await db.destroy();
    },
  };
}

/**
 * Runs `fn` in one transaction of `db`; when `db` is already a transaction, in that one, so that a
 * store method that needs a transaction can be called inside a larger one.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

const CREATE_MIGRATIONS_TABLE =
  "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

function pending(applied: Iterable<number>, migrations: readonly Migration[]): Migration[] {
  const done = new Set(applied);
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
}

// Migrations are scripts of several statements, which only better-sqlite3's exec runs, hence the raw handle.
function migrateSqlite(file: BetterSqlite3.Database, migrations: readonly Migration[]): void {
  file.exec(CREATE_MIGRATIONS_TABLE);
  const applied = (file.prepare("SELECT version FROM schema_migrations").all() as Array<{ version: number }>).map((r) => r.version);
  const record = file.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of pending(applied, migrations)) {
    file.transaction(() => {
      file.exec(migration.up);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
}

async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  try {
    // Instances started together wait for the first one's migrations instead of running them twice.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(postgresDdl(CREATE_MIGRATIONS_TABLE));
    const applied = (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) =>
      Number(r.version),
    );
    for (const migration of pending(applied, migrations)) {
      await client.query("BEGIN");
      try {
        await client.query(postgresDdl(migration.up));
        await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
