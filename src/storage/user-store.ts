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
  touch(id: number, now?: Date): Promise<void>;
  get(id: number): Promise<User | undefined>;
  /** The user's chosen language, or null (also for unknown users). */
  language(id: number): Promise<string | null>;
  setLanguage(id: number, language: string | null, now?: Date): Promise<void>;
  /** Marks the user unreachable (403, or the bot was blocked); returns whether a row changed. */
  markInactive(id: number): Promise<boolean>;
  /** Marks the user reachable again (unblocked the bot). */
  markActive(id: number, now?: Date): Promise<void>;
  /** Number of users, and of those the bot can still reach. */
  count(): Promise<{ total: number; active: number }>;
}

/**
 * Creates the user store over an open database (migrations applied).
 *
 * @example
 * const users = createUserStore(database.db);
 * await users.touch(42);
 */
export function createUserStore(db: Db): UserStore {
  const upsert = (id: number, now: string, set: { last_seen?: string; active?: number; language?: string | null }, language: string | null = null) =>
    db
      .insertInto("users")
      .values({ id, language, first_seen: now, last_seen: now, active: 1 })
      .onConflict((oc) => oc.column("id").doUpdateSet(set))
      .execute();
  return {
    async touch(id, now = new Date()) {
      const at = now.toISOString();
      await upsert(id, at, { last_seen: at, active: 1 });
    },
    async get(id) {
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        language: row.language,
        firstSeen: row.first_seen,
        lastSeen: row.last_seen,
        active: row.active === 1,
      };
    },
    async language(id) {
      const row = await db.selectFrom("users").select("language").where("id", "=", id).executeTakeFirst();
      return row?.language ?? null;
    },
    async setLanguage(id, language, now = new Date()) {
      const at = now.toISOString();
      await upsert(id, at, { language, last_seen: at }, language);
    },
    async markInactive(id) {
      const result = await db.updateTable("users").set({ active: 0 }).where("id", "=", id).where("active", "=", 1).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async markActive(id, now = new Date()) {
      await upsert(id, now.toISOString(), { active: 1 });
    },
    async count() {
      const row = await db
        .selectFrom("users")
        .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.countAll<number>().filterWhere("active", "=", 1).as("active")])
        .executeTakeFirstOrThrow();
      return { total: Number(row.total), active: Number(row.active) };
    },
  };
}
