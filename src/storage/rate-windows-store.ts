import { sql } from "kysely";
import type { Db } from "./database.js";

/** A user's current rate-limit window as the database holds it after counting one more message. */
export interface RateWindow {
  /** Epoch milliseconds at which the window began. */
  start: number;
  /** Messages counted in the window, this one included. */
  messages: number;
}

/** The per-user fixed windows of the rate limit, shared by every instance over one database. */
export interface RateWindowStore {
  /**
   * Counts one message of `userId` at `now` and returns the window it fell in: the current one, or
   * a new one when the current began `windowMs` or more before `now`.
   */
  count(userId: number, now: number, windowMs: number): Promise<RateWindow>;
  /** Claims the one "slow down" notice of the window that began at `start`; true for exactly one caller. */
  claimNotice(userId: number, start: number): Promise<boolean>;
  /** Deletes the windows that ended by `now`; returns how many. */
  deleteEnded(now: number, windowMs: number): Promise<number>;
}

/**
 * Creates the rate-window store over an open database. Counting is one upsert that returns the
 * count, so two instances counting the same user at once never lose a message: PostgreSQL and
 * SQLite both evaluate the update against the latest row, under its lock.
 *
 * @example
 * const windows = createRateWindowStore(database.db);
 * const { messages } = await windows.count(userId, Date.now(), 10_000);
 */
export function createRateWindowStore(db: Db): RateWindowStore {
  return {
    async count(userId, now, windowMs) {
      const ended = sql<boolean>`rate_windows.window_start <= excluded.window_start - ${windowMs}`;
      const row = await db
        .insertInto("rate_windows")
        .values({ user_id: userId, window_start: now, messages: 1, noticed: 0 })
        .onConflict((oc) =>
          oc.column("user_id").doUpdateSet({
            window_start: sql`CASE WHEN ${ended} THEN excluded.window_start ELSE rate_windows.window_start END`,
            messages: sql`CASE WHEN ${ended} THEN 1 ELSE rate_windows.messages + 1 END`,
            noticed: sql`CASE WHEN ${ended} THEN 0 ELSE rate_windows.noticed END`,
          }),
        )
        .returning(["window_start", "messages"])
        .executeTakeFirstOrThrow();
      return { start: row.window_start, messages: row.messages };
    },

    async claimNotice(userId, start) {
      const result = await db
        .updateTable("rate_windows")
        .set({ noticed: 1 })
        .where("user_id", "=", userId)
        .where("window_start", "=", start)
        .where("noticed", "=", 0)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteEnded(now, windowMs) {
      const result = await db.deleteFrom("rate_windows").where("window_start", "<=", now - windowMs).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
