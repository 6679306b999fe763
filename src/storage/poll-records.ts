import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import { inTransaction, type Db } from "./database.js";
import type { NewPoll, Poll, PollStats, PollStatus } from "./polls-store.js";
import type { PollsTable } from "./schema.js";

/** A `polls` row as stored. */
export type PollRow = Selectable<PollsTable>;

/** The option labels of a poll, in position order. */
export async function pollOptions(db: Db, pollId: number): Promise<string[]> {
  const rows = await db.selectFrom("poll_options").select("label").where("poll_id", "=", pollId).orderBy("position").execute();
  return rows.map((o) => o.label);
}

/** The poll of a row, with its options. */
export async function toPoll(db: Db, row: PollRow): Promise<Poll> {
  return {
    id: row.id,
    question: row.question,
    options: await pollOptions(db, row.id),
    multiple: row.multiple === 1,
    anonymous: row.anonymous === 1,
    audience: row.audience,
    audienceChatId: row.audience_chat_id,
    status: row.status,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    openedAt: row.opened_at === null ? null : new Date(row.opened_at),
    closesAt: new Date(row.closes_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
  };
}

/** The `polls` row with this id. */
export function pollRow(db: Db, id: number): Promise<PollRow | undefined> {
  return db.selectFrom("polls").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The number of people who voted in a poll. */
export async function participantsOf(db: Db, pollId: number): Promise<number> {
  const r = await db
    .selectFrom("poll_ballots")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("poll_id", "=", pollId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The polls themselves: drafts, opening, closing, deadlines and figures. */
export function createPollRecordsStore(db: Db) {
  const changedOne = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows) === 1;
  const openRows = () => db.selectFrom("polls").selectAll().where("status", "=", "open").orderBy("opened_at").orderBy("id").execute();
  return {
    /** Saves a poll as a draft (not yet sent); the preview's send button opens it. */
    async createDraft(poll: NewPoll, now: Date): Promise<Poll> {
      if (poll.audience === "chat" && (poll.audienceChatId === undefined || poll.audienceChatId === null)) {
        throw new Error('polls-store: audience "chat" needs audienceChatId');
      }
      return inTransaction(db, async (tx) => {
        const { id } = await tx
          .insertInto("polls")
          .values({
            question: poll.question,
            multiple: poll.multiple ? 1 : 0,
            anonymous: poll.anonymous ? 1 : 0,
            audience: poll.audience,
            audience_chat_id: poll.audience === "chat" ? (poll.audienceChatId ?? null) : null,
            created_by: poll.createdBy,
            created_at: now.getTime(),
            closes_at: poll.closesAt.getTime(),
            salt: poll.anonymous ? randomBytes(32).toString("base64url") : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("poll_options")
          .values(poll.options.map((label, position) => ({ poll_id: id, position, label })))
          .execute();
        return toPoll(tx, (await pollRow(tx, id))!);
      });
    },

    /** The poll with this id, or undefined. */
    async getPoll(id: number): Promise<Poll | undefined> {
      const found = await pollRow(db, id);
      return found ? toPoll(db, found) : undefined;
    },

    /** The most recently opened poll (open or closed), for commands given without a poll number. */
    async latestPoll(): Promise<Poll | undefined> {
      const found = await db
        .selectFrom("polls")
        .selectAll()
        .where("status", "in", ["open", "closed"])
        .orderBy("opened_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return found ? toPoll(db, found) : undefined;
    },

    /** Opens a draft for votes; false when it was not a draft (sent twice, or cancelled). */
    async openPoll(id: number, now: Date): Promise<boolean> {
      return changedOne(
        await db.updateTable("polls").set({ status: "open", opened_at: now.getTime() }).where("id", "=", id).where("status", "=", "draft").executeTakeFirst(),
      );
    },

    /** Cancels a draft; false when it was not a draft. */
    async cancelDraft(id: number): Promise<boolean> {
      return changedOne(
        await db.updateTable("polls").set({ status: "cancelled", salt: null }).where("id", "=", id).where("status", "=", "draft").executeTakeFirst(),
      );
    },

    /** Closes an open poll; false when it was not open, so that only one closer reports the results. */
    async closePoll(id: number, now: Date): Promise<boolean> {
      return changedOne(
        await db
          .updateTable("polls")
          .set({ status: "closed", closed_at: now.getTime(), salt: null })
          .where("id", "=", id)
          .where("status", "=", "open")
          .executeTakeFirst(),
      );
    },

    /** Open polls whose deadline has passed at `now`. */
    async listDuePolls(now: Date): Promise<number[]> {
      const rows = await db
        .selectFrom("polls")
        .select("id")
        .where("status", "=", "open")
        .where("closes_at", "<=", now.getTime())
        .orderBy("closes_at")
        .orderBy("id")
        .execute();
      return rows.map((r) => r.id);
    },

    /** Poll figures for `/thongke`. */
    async stats(): Promise<PollStats> {
      const counted = await db
        .selectFrom("polls")
        .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
        .groupBy("status")
        .execute();
      const byStatus = new Map<PollStatus, number>(counted.map((r) => [r.status, Number(r.n)]));
      const openPolls = [];
      for (const r of await openRows()) {
        openPolls.push({ id: r.id, question: r.question, participants: await participantsOf(db, r.id), closesAt: new Date(r.closes_at) });
      }
      return { open: byStatus.get("open") ?? 0, closed: byStatus.get("closed") ?? 0, openPolls };
    },
  };
}
