import { sql } from "kysely";
import type { Db } from "./database.js";

/** The latest press of each button, shared by every instance over one database, to recognise a double tap. */
export interface ButtonPressStore {
  /**
   * Records a press of `key` at `now`; true when the press before it came less than `windowMs`
   * earlier (a repeat), on whichever instance it was handled.
   */
  press(key: string, now: number, windowMs: number): Promise<boolean>;
  /** Deletes the presses that are `windowMs` or more older than `now`; returns how many. */
  deleteEnded(now: number, windowMs: number): Promise<number>;
}

/**
 * Creates the button-press store over an open database. A press is one upsert that works out, against
 * the latest row under its lock, whether it repeats the one before, so two instances given the two
 * taps at once agree that exactly one of them is the repeat.
 *
 * @example
 * const presses = createButtonPressStore(database.db);
 * if (await presses.press(`${userId}|${messageKey}|${data}`, Date.now(), 5_000)) return;
 */
export function createButtonPressStore(db: Db): ButtonPressStore {
  return {
    async press(key, now, windowMs) {
      const row = await db
        .insertInto("button_presses")
        .values({ press_key: key, pressed_at: now, repeated: 0 })
        .onConflict((oc) =>
          oc.column("press_key").doUpdateSet({
            // Both servers evaluate every SET expression against the row before the update.
            repeated: sql`CASE WHEN button_presses.pressed_at > excluded.pressed_at - ${windowMs} THEN 1 ELSE 0 END`,
            pressed_at: sql`excluded.pressed_at`,
          }),
        )
        .returning("repeated")
        .executeTakeFirstOrThrow();
      return row.repeated === 1;
    },

    async deleteEnded(now, windowMs) {
      const result = await db.deleteFrom("button_presses").where("pressed_at", "<=", now - windowMs).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
