import type { Db } from "./database.js";

/** Who holds a lease and until when (epoch milliseconds). */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
  acquiredAt: number;
}

/** Leases on work one instance at a time may do. The only code that writes their SQL. */
export interface LeaseStore {
  /**
   * Takes the lease for `holder` until `now + ttlMs`, or renews it when `holder` has it already.
   * It is taken only when nobody holds it, its holder let it pass `now`, or its holder is `orFrom`
   * (a holder known to be dead). Returns whether `holder` has it now. One statement: two instances
   * asking at once cannot both get it.
   */
  acquire(name: string, holder: string, now: number, ttlMs: number, orFrom?: string): Promise<boolean>;
  /** Gives the lease back, if `holder` has it, so that another instance can take it at once. */
  release(name: string, holder: string): Promise<void>;
  /** The lease as stored, expired or not. */
  get(name: string): Promise<Lease | undefined>;
}

/**
 * Creates the lease store over a migrated database.
 *
 * @example
 * const leases = createLeaseStore(database.db);
 * if (await leases.acquire("jobs", "bot1", Date.now(), 6_000)) runJobs();
 */
export function createLeaseStore(db: Db): LeaseStore {
  return {
    async acquire(name, holder, now, ttlMs, orFrom) {
      const expiresAt = now + ttlMs;
      const row = await db
        .insertInto("leases")
        .values({ name, holder, expires_at: expiresAt, acquired_at: now })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet((eb) => ({
              holder,
              expires_at: expiresAt,
              // Renewing keeps the time it was first taken; taking it over starts afresh.
              acquired_at: eb.case().when("leases.holder", "=", holder).then(eb.ref("leases.acquired_at")).else(now).end(),
            }))
            .where((eb) =>
              eb.or([
                eb("leases.holder", "=", holder),
                eb("leases.expires_at", "<=", now),
                ...(orFrom !== undefined ? [eb("leases.holder", "=", orFrom)] : []),
              ]),
            ),
        )
        .returning("holder")
        .executeTakeFirst();
      return row?.holder === holder;
    },
    async release(name, holder) {
      await db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
    },
    async get(name) {
      const r = await db.selectFrom("leases").selectAll().where("name", "=", name).executeTakeFirst();
      return r ? { name: r.name, holder: r.holder, expiresAt: r.expires_at, acquiredAt: r.acquired_at } : undefined;
    },
  };
}
