import type { Db } from "./database.js";

/** A citizen who wrote to the bot. */
export interface User {
  id: number;
  /** Language chosen with /lang, or null to follow Telegram's language. */
  language: string | null;
  firstSeen: string;
  lastSeen: string;
  /** False once Telegram said the bot may not write to this user (blocked, deactivated). */
  active: boolean;
}

/** Users of the bot: who they are, their language, whether the bot can still reach them. */
export interface UserStore {
  /** Records that the user was seen now (creating the row, and reactivating a user who wrote again). */
  touch(id: number, now?: Date): void;
  get(id: number): User | undefined;
  /** The user's chosen language, or null (also for unknown users). */
  language(id: number): string | null;
  setLanguage(id: number, language: string | null, now?: Date): void;
  /** Marks the user unreachable (403, or the bot was blocked); returns whether a row changed. */
  markInactive(id: number): boolean;
  /** Marks the user reachable again (unblocked the bot). */
  markActive(id: number, now?: Date): void;
  /** Number of users, and of those the bot can still reach. */
  count(): { total: number; active: number };
}

interface UserRow {
  id: number;
  language: string | null;
  first_seen: string;
  last_seen: string;
  active: number;
}

/**
 * Creates the user store over an open database (migrations applied).
 *
 * @example
 * const users = createUserStore(db);
 * users.touch(42);
 */
export function createUserStore(db: Db): UserStore {
  const upsert = db.prepare(
    `INSERT INTO users (id, first_seen, last_seen, active) VALUES (@id, @now, @now, 1)
     ON CONFLICT (id) DO UPDATE SET last_seen = @now, active = 1`,
  );
  const select = db.prepare("SELECT * FROM users WHERE id = ?");
  const selectLanguage = db.prepare("SELECT language FROM users WHERE id = ?").pluck();
  const upsertLanguage = db.prepare(
    `INSERT INTO users (id, language, first_seen, last_seen, active) VALUES (@id, @language, @now, @now, 1)
     ON CONFLICT (id) DO UPDATE SET language = @language, last_seen = @now`,
  );
  const deactivate = db.prepare("UPDATE users SET active = 0 WHERE id = ? AND active = 1");
  const activate = db.prepare(
    `INSERT INTO users (id, first_seen, last_seen, active) VALUES (@id, @now, @now, 1)
     ON CONFLICT (id) DO UPDATE SET active = 1`,
  );
  const counts = db.prepare("SELECT COUNT(*) AS total, COALESCE(SUM(active), 0) AS active FROM users");
  return {
    touch(id, now = new Date()) {
      upsert.run({ id, now: now.toISOString() });
    },
    get(id) {
      const row = select.get(id) as UserRow | undefined;
      if (!row) return undefined;
      return {
        id: row.id,
        language: row.language,
        firstSeen: row.first_seen,
        lastSeen: row.last_seen,
        active: row.active === 1,
      };
    },
    language(id) {
      return (selectLanguage.get(id) as string | null | undefined) ?? null;
    },
    setLanguage(id, language, now = new Date()) {
      upsertLanguage.run({ id, language, now: now.toISOString() });
    },
    markInactive(id) {
      return deactivate.run(id).changes > 0;
    },
    markActive(id, now = new Date()) {
      activate.run({ id, now: now.toISOString() });
    },
    count() {
      return counts.get() as { total: number; active: number };
    },
  };
}
