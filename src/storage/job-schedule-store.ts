import type { Db } from "./database.js";

/** When each scheduled job is next due, as the instance running the jobs last worked it out. */
export interface JobScheduleStore {
  /** Records when `name` is next due (epoch milliseconds). */
  setNext(name: string, nextAt: number, now: number): Promise<void>;
  /** Every job's recorded next time. */
  all(): Promise<Map<string, number>>;
}

/**
 * Creates the job schedule store over a migrated database.
 *
 * @example
 * const schedule = createJobScheduleStore(database.db);
 * await schedule.setNext("digest", Date.parse("2026-12-02T11:00:00Z"), Date.now());
 */
export function createJobScheduleStore(db: Db): JobScheduleStore {
  return {
    async setNext(name, nextAt, now) {
      await db
        .insertInto("job_schedule")
        .values({ name, next_at: nextAt, updated_at: now })
        .onConflict((oc) => oc.column("name").doUpdateSet({ next_at: nextAt, updated_at: now }))
        .execute();
    },
    all: async () => new Map((await db.selectFrom("job_schedule").select(["name", "next_at"]).execute()).map((r) => [r.name, r.next_at])),
  };
}
