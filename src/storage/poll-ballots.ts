import { createHmac } from "node:crypto";
import { sql } from "kysely";
import { inTransaction, type Db } from "./database.js";
import { participantsOf, pollOptions, pollRow, toPoll, type PollRow } from "./poll-records.js";
import type { NamedVote, PollResults, VoteOutcome, Voter } from "./polls-store.js";

// Anonymous polls key a ballot by an HMAC of the user id under the poll's own salt: enough to
// find the person's ballot again while the poll is open, and meaningless once the salt is dropped.
function voterKey(poll: PollRow, userId: number): string | null {
  if (poll.anonymous === 0) return `u:${userId}`;
  if (poll.salt === null) return null;
  return `h:${createHmac("sha256", poll.salt).update(String(userId)).digest("base64url")}`;
}

async function currentChoices(db: Db, pollId: number, key: string): Promise<number[]> {
  const rows = await db
    .selectFrom("poll_choices")
    .select("position")
    .where("poll_id", "=", pollId)
    .where("voter_key", "=", key)
    .orderBy("position")
    .execute();
  return rows.map((c) => c.position);
}

/** Ballots and totals: one ballot per person per poll, whichever copy they voted from. */
export function createBallotsStore(db: Db) {
  const writeChoices = async (tx: Db, poll: PollRow, key: string, voter: Voter, choices: readonly number[], now: Date): Promise<VoteOutcome> => {
    await tx.deleteFrom("poll_choices").where("poll_id", "=", poll.id).where("voter_key", "=", key).execute();
    if (choices.length === 0) {
      await tx.deleteFrom("poll_ballots").where("poll_id", "=", poll.id).where("voter_key", "=", key).execute();
      return { status: "withdrawn", choices: [] };
    }
    const named = poll.anonymous === 0;
    const voterName = named ? (voter.name ?? null) : null;
    await tx
      .insertInto("poll_ballots")
      .values({ poll_id: poll.id, voter_key: key, user_id: named ? voter.userId : null, voter_name: voterName, updated_at: now.getTime() })
      .onConflict((oc) => oc.columns(["poll_id", "voter_key"]).doUpdateSet({ voter_name: voterName, updated_at: now.getTime() }))
      .execute();
    await tx
      .insertInto("poll_choices")
      .values(choices.map((position) => ({ poll_id: poll.id, voter_key: key, position })))
      .execute();
    return { status: "recorded", choices: [...choices] };
  };

  // One vote is one transaction that starts by writing to its poll's row: that takes SQLite's write
  // lock at once (waiting for another process's vote rather than failing on a stale read) and
  // PostgreSQL's row lock, so two votes of one person never interleave.
  const vote = (
    pollId: number,
    voter: Voter,
    now: Date,
    decide: (tx: Db, poll: PollRow, key: string, optionCount: number) => Promise<number[] | VoteOutcome>,
  ): Promise<VoteOutcome> =>
    inTransaction(db, async (tx) => {
      await tx.updateTable("polls").set({ status: sql`status` }).where("id", "=", pollId).execute();
      const poll = await pollRow(tx, pollId);
      if (!poll || poll.status === "draft" || poll.status === "cancelled") return { status: "not-found" };
      if (poll.status !== "open" || poll.closes_at <= now.getTime()) return { status: "closed" };
      const key = voterKey(poll, voter.userId);
      if (key === null) return { status: "closed" };
      const optionCount = (await pollOptions(tx, poll.id)).length;
      const next = await decide(tx, poll, key, optionCount);
      if (!Array.isArray(next)) return next;
      return writeChoices(tx, poll, key, voter, next, now);
    });

  return {
    /**
     * A button press: adds the option to the person's choices, or takes it away when it was chosen
     * (so pressing one's choice again withdraws the vote); in a single-choice poll another option replaces it.
     */
    toggleChoice(pollId: number, voter: Voter, position: number, now: Date): Promise<VoteOutcome> {
      return vote(pollId, voter, now, async (tx, poll, key, optionCount) => {
        if (!Number.isInteger(position) || position < 0 || position >= optionCount) return { status: "invalid-option" };
        const current = await currentChoices(tx, poll.id, key);
        if (current.includes(position)) return current.filter((p) => p !== position);
        return poll.multiple === 1 ? [...current, position].sort((a, b) => a - b) : [position];
      });
    },

    /** Replaces the person's choices with `positions` (empty withdraws the vote). */
    setChoices(pollId: number, voter: Voter, positions: readonly number[], now: Date): Promise<VoteOutcome> {
      return vote(pollId, voter, now, async (_tx, poll, _key, optionCount) => {
        const unique = [...new Set(positions)].sort((a, b) => a - b);
        if (unique.some((p) => !Number.isInteger(p) || p < 0 || p >= optionCount)) return { status: "invalid-option" };
        if (poll.multiple === 0 && unique.length > 1) return { status: "invalid-option" };
        return unique;
      });
    },

    /** The person's current choices (empty when they have not voted, or the poll is closed and anonymous). */
    async choicesOf(pollId: number, userId: number): Promise<number[]> {
      const poll = await pollRow(db, pollId);
      const key = poll ? voterKey(poll, userId) : null;
      if (!poll || key === null) return [];
      return currentChoices(db, pollId, key);
    },

    /** Totals per option and the number of people who voted. */
    async results(pollId: number): Promise<PollResults | undefined> {
      const found = await pollRow(db, pollId);
      if (!found) return undefined;
      const poll = await toPoll(db, found);
      const counts = poll.options.map(() => 0);
      const rows = await db
        .selectFrom("poll_choices")
        .select((eb) => ["position", eb.fn.countAll<number>().as("n")])
        .where("poll_id", "=", pollId)
        .groupBy("position")
        .execute();
      for (const r of rows) counts[r.position] = Number(r.n);
      return { poll, counts, participants: await participantsOf(db, pollId) };
    },

    /** Who chose what, for named polls; always empty for anonymous polls, which store no identities. */
    async namedVotes(pollId: number): Promise<NamedVote[]> {
      const poll = await pollRow(db, pollId);
      if (!poll || poll.anonymous === 1) return [];
      const rows = await db
        .selectFrom("poll_ballots as b")
        .innerJoin("poll_choices as c", (j) => j.onRef("c.poll_id", "=", "b.poll_id").onRef("c.voter_key", "=", "b.voter_key"))
        .innerJoin("poll_options as o", (j) => j.onRef("o.poll_id", "=", "c.poll_id").onRef("o.position", "=", "c.position"))
        .select(["b.user_id", "b.voter_name", "c.position", "o.label", "b.updated_at"])
        .where("b.poll_id", "=", pollId)
        .where("b.user_id", "is not", null)
        .orderBy("b.updated_at")
        .orderBy("b.user_id")
        .orderBy("c.position")
        .execute();
      return rows.map((r) => ({
        userId: r.user_id!,
        name: r.voter_name,
        position: r.position,
        label: r.label,
        votedAt: new Date(r.updated_at),
      }));
    },
  };
}
