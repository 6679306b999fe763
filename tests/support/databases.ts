import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { CHAT_TURN_LOCK_CLASS, chatLockKey } from "../../src/storage/chat-turns.js";
import { type Database, type Db, type DialectName, openDatabase } from "../../src/storage/database.js";

/** Both database servers the stores run on; store tests run once for each. */
export const DIALECTS: readonly DialectName[] = ["sqlite", "postgres"];

/**
 * The PostgreSQL server the tests use: `TEST_DATABASE_URL`, else the local role `.ci/run` creates.
 * A test that needs it and cannot reach it fails (connection refused); it is never skipped.
 */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || "postgres://civic:civic@127.0.0.1:5432/civic_test";
}

/** A URL of the test server whose connections use `schema` (made with {@link createTestSchema}). */
export function schemaUrl(schema: string): string {
  const url = new URL(testDatabaseUrl());
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** Creates an empty schema on the test server, so that tests running at once never see each other's rows. */
export async function createTestSchema(): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is needed by this test and cannot be reached at ${testDatabaseUrl()} (start it: pg_ctlcluster 15 main start; or set TEST_DATABASE_URL): ${String(err)}`,
    );
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    schema,
    url: schemaUrl(schema),
    async drop() {
      const c = new pg.Client({ connectionString: testDatabaseUrl() });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** A fresh, migrated database of that dialect: SQLite in memory, or a new schema on the PostgreSQL test server. */
export async function openTestDatabase(dialect: DialectName): Promise<Database> {
  if (dialect === "sqlite") return openDatabase(":memory:");
  const created = await createTestSchema();
  const database = await openDatabase(created.url, { poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * Opens a fresh database of `dialect` before each test of the enclosing `describe` and closes it
 * after; the returned function gives the current one's query builder.
 */
export function useTestDatabase(dialect: DialectName): () => Db {
  let current: Database | undefined;
  beforeEach(async () => {
    current = await openTestDatabase(dialect);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("useTestDatabase: no database outside a test");
    return current.db;
  };
}

/** The chat turn locks of `chatId` on the test server as `client` sees them: held, waited for, and by which backend. */
export async function chatTurnLocks(client: pg.Client, chatId: number): Promise<{ granted: number; waiting: number; holder?: number }> {
  // A two-key advisory lock shows its keys as classid and objid (unsigned), with objsubid 2.
  const { rows } = await client.query<{ pid: number; granted: boolean }>(
    "SELECT pid, granted FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2",
    [CHAT_TURN_LOCK_CLASS, chatLockKey(chatId) >>> 0],
  );
  const holder = rows.find((r) => r.granted)?.pid;
  return { granted: rows.filter((r) => r.granted).length, waiting: rows.filter((r) => !r.granted).length, ...(holder ? { holder } : {}) };
}
