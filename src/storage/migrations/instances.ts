import type { Migration } from "./index.js";

/** Migrations of running several instances over one database (versions 500-599). Times are epoch milliseconds. */
export const INSTANCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 500,
    name: "instances: leases",
    // One row per piece of work that one instance at a time may do ("jobs": the scheduled jobs and the
    // outbox delivery). The holder keeps it by renewing `expires_at`; anyone may take it once it passed.
    up: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        acquired_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 501,
    name: "instances: when each scheduled job is next due",
    // Written by the instance running the jobs after each run; the instance taking over runs at once
    // a job whose time passed meanwhile (its tick fell while nobody held the lease, or the bot was down).
    up: `
      CREATE TABLE job_schedule (
        name TEXT PRIMARY KEY,
        next_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
];
