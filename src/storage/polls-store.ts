import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "./database.js";

/** Who receives a poll: every active user of the bot, the active news subscribers (both minus those who turned polls off), or one group chat. */
export type PollAudience = "users" | "subscribers" | "chat";

/** A poll's life: a draft awaiting the preview's send button, open for votes, closed, or cancelled. */
export type PollStatus = "draft" | "open" | "closed" | "cancelled";

/** A poll as staff created it. Option positions count from 0. */
export interface Poll {
  id: number;
  question: string;
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  audience: PollAudience;
  audienceChatId: number | null;
  status: PollStatus;
  createdBy: number;
  createdAt: Date;
  openedAt: Date | null;
  closesAt: Date;
  closedAt: Date | null;
}

/** What staff decide when creating a poll. */
export interface NewPoll {
  question: string;
  options: readonly string[];
  multiple: boolean;
  anonymous: boolean;
  audience: PollAudience;
  audienceChatId?: number | null;
  createdBy: number;
  closesAt: Date;
}

/** A person voting; `name` is kept for named polls only. */
export interface Voter {
  userId: number;
  name?: string;
}

/** The result of a vote: the person's choices now, or why nothing was counted. */
export type VoteOutcome =
  | { status: "recorded"; choices: number[] }
  | { status: "withdrawn"; choices: [] }
  | { status: "closed" }
  | { status: "not-found" }
  | { status: "invalid-option" };

/** Totals of one poll: `counts[i]` people chose option i; `participants` people voted at all. */
export interface PollResults {
  poll: Poll;
  counts: number[];
  participants: number;
}

/** One person's choice in a named poll, for the CSV export. */
export interface NamedVote {
  userId: number;
  name: string | null;
  position: number;
  label: string;
  votedAt: Date;
}

/** A message carrying a poll. */
export interface PollCopy {
  pollId: number;
  chatId: number;
  messageId: number;
  /** The recipient's language when the copy was sent. */
  locale: string;
  closed: boolean;
}

/** Where a staff member is in the guided creation flow. */
export interface DraftState {
  userId: number;
  chatId: number;
  step: string;
  data: Record<string, unknown>;
}

/** Poll figures for the staff statistics. */
export interface PollStats {
  open: number;
  closed: number;
  openPolls: Array<{ id: number; question: string; participants: number; closesAt: Date }>;
}

interface PollRow {
  id: number;
  question: string;
  multiple: number;
  anonymous: number;
  audience: PollAudience;
  audience_chat_id: number | null;
  status: PollStatus;
  created_by: number;
  created_at: number;
  opened_at: number | null;
  closes_at: number;
  closed_at: number | null;
  salt: string | null;
}

/**
 * The polls store: the only code that reads or writes the poll tables. Every vote is one
 * IMMEDIATE transaction, so totals stay exact when many people vote at once, from one process or several.
 *
 * @example
 * const polls = createPollsStore(db);
 * const poll = polls.createDraft({ question: "…", options: ["A", "B"], … });
 * polls.openPoll(poll.id, new Date());
 * polls.toggleChoice(poll.id, { userId: 42 }, 1, new Date());
 */
export function createPollsStore(db: Db) {
  const st = {
    insertPoll: db.prepare(
      `INSERT INTO polls (question, multiple, anonymous, audience, audience_chat_id, created_by, created_at, closes_at, salt)
       VALUES (@question, @multiple, @anonymous, @audience, @audienceChatId, @createdBy, @createdAt, @closesAt, @salt)`,
    ),
    insertOption: db.prepare("INSERT INTO poll_options (poll_id, position, label) VALUES (?, ?, ?)"),
    poll: db.prepare("SELECT * FROM polls WHERE id = ?"),
    options: db.prepare("SELECT label FROM poll_options WHERE poll_id = ? ORDER BY position"),
    latest: db.prepare("SELECT * FROM polls WHERE status IN ('open', 'closed') ORDER BY opened_at DESC, id DESC LIMIT 1"),
    open: db.prepare("UPDATE polls SET status = 'open', opened_at = ? WHERE id = ? AND status = 'draft'"),
    cancel: db.prepare("UPDATE polls SET status = 'cancelled', salt = NULL WHERE id = ? AND status = 'draft'"),
    close: db.prepare("UPDATE polls SET status = 'closed', closed_at = ?, salt = NULL WHERE id = ? AND status = 'open'"),
    due: db.prepare("SELECT id FROM polls WHERE status = 'open' AND closes_at <= ? ORDER BY closes_at, id"),
    listOpen: db.prepare("SELECT * FROM polls WHERE status = 'open' ORDER BY opened_at, id"),
    countByStatus: db.prepare("SELECT status, COUNT(*) AS n FROM polls GROUP BY status"),
    insertCopy: db.prepare(
      "INSERT OR IGNORE INTO poll_copies (poll_id, chat_id, message_id, locale, sent_at) VALUES (?, ?, ?, ?, ?)",
    ),
    copies: db.prepare("SELECT * FROM poll_copies WHERE poll_id = ? ORDER BY sent_at, chat_id"),
    openCopies: db.prepare("SELECT * FROM poll_copies WHERE poll_id = ? AND closed_at IS NULL ORDER BY sent_at, chat_id"),
    closeCopy: db.prepare(
      "UPDATE poll_copies SET closed_at = ? WHERE poll_id = ? AND chat_id = ? AND message_id = ? AND closed_at IS NULL",
    ),
    choices: db.prepare("SELECT position FROM poll_choices WHERE poll_id = ? AND voter_key = ? ORDER BY position"),
    upsertBallot: db.prepare(
      `INSERT INTO poll_ballots (poll_id, voter_key, user_id, voter_name, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (poll_id, voter_key) DO UPDATE SET voter_name = excluded.voter_name, updated_at = excluded.updated_at`,
    ),
    deleteBallot: db.prepare("DELETE FROM poll_ballots WHERE poll_id = ? AND voter_key = ?"),
    deleteChoices: db.prepare("DELETE FROM poll_choices WHERE poll_id = ? AND voter_key = ?"),
    insertChoice: db.prepare("INSERT INTO poll_choices (poll_id, voter_key, position) VALUES (?, ?, ?)"),
    counts: db.prepare("SELECT position, COUNT(*) AS n FROM poll_choices WHERE poll_id = ? GROUP BY position"),
    participants: db.prepare("SELECT COUNT(*) AS n FROM poll_ballots WHERE poll_id = ?"),
    namedVotes: db.prepare(
      `SELECT b.user_id, b.voter_name, c.position, o.label, b.updated_at
       FROM poll_ballots b
       JOIN poll_choices c ON c.poll_id = b.poll_id AND c.voter_key = b.voter_key
       JOIN poll_options o ON o.poll_id = c.poll_id AND o.position = c.position
       WHERE b.poll_id = ? AND b.user_id IS NOT NULL
       ORDER BY b.updated_at, b.user_id, c.position`,
    ),
    saveDraft: db.prepare(
      `INSERT INTO poll_drafts (user_id, chat_id, step, data, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id, step = excluded.step, data = excluded.data,
       updated_at = excluded.updated_at`,
    ),
    draft: db.prepare("SELECT * FROM poll_drafts WHERE user_id = ?"),
    clearDraft: db.prepare("DELETE FROM poll_drafts WHERE user_id = ?"),
  };

  const toPoll = (row: PollRow): Poll => ({
    id: row.id,
    question: row.question,
    options: (st.options.all(row.id) as Array<{ label: string }>).map((o) => o.label),
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
  });
  const row = (id: number) => st.poll.get(id) as PollRow | undefined;

  // Anonymous polls key a ballot by an HMAC of the user id under the poll's own salt: enough to
  // find the person's ballot again while the poll is open, and meaningless once the salt is dropped.
  const voterKey = (poll: PollRow, userId: number): string | null => {
    if (poll.anonymous === 0) return `u:${userId}`;
    if (poll.salt === null) return null;
    return `h:${createHmac("sha256", poll.salt).update(String(userId)).digest("base64url")}`;
  };

  const writeChoices = (
    poll: PollRow,
    key: string,
    voter: Voter,
    choices: readonly number[],
    now: Date,
  ): VoteOutcome => {
    st.deleteChoices.run(poll.id, key);
    if (choices.length === 0) {
      st.deleteBallot.run(poll.id, key);
      return { status: "withdrawn", choices: [] };
    }
    const named = poll.anonymous === 0;
    st.upsertBallot.run(poll.id, key, named ? voter.userId : null, named ? (voter.name ?? null) : null, now.getTime());
    for (const position of choices) st.insertChoice.run(poll.id, key, position);
    return { status: "recorded", choices: [...choices] };
  };

  // Checks shared by both ways of voting; returns the poll and key, or why the vote is not counted.
  const votable = (pollId: number, voter: Voter, now: Date): { poll: PollRow; key: string } | VoteOutcome => {
    const poll = row(pollId);
    if (!poll || poll.status === "draft" || poll.status === "cancelled") return { status: "not-found" };
    if (poll.status !== "open" || poll.closes_at <= now.getTime()) return { status: "closed" };
    const key = voterKey(poll, voter.userId);
    if (key === null) return { status: "closed" };
    return { poll, key };
  };

  const toggle = db.transaction((pollId: number, voter: Voter, position: number, now: Date): VoteOutcome => {
    const found = votable(pollId, voter, now);
    if ("status" in found) return found;
    const { poll, key } = found;
    const optionCount = (st.options.all(poll.id) as unknown[]).length;
    if (!Number.isInteger(position) || position < 0 || position >= optionCount) return { status: "invalid-option" };
    const current = (st.choices.all(poll.id, key) as Array<{ position: number }>).map((c) => c.position);
    let next: number[];
    if (current.includes(position)) next = current.filter((p) => p !== position);
    else next = poll.multiple === 1 ? [...current, position].sort((a, b) => a - b) : [position];
    return writeChoices(poll, key, voter, next, now);
  });

  const replace = db.transaction((pollId: number, voter: Voter, positions: readonly number[], now: Date): VoteOutcome => {
    const found = votable(pollId, voter, now);
    if ("status" in found) return found;
    const { poll, key } = found;
    const optionCount = (st.options.all(poll.id) as unknown[]).length;
    const unique = [...new Set(positions)].sort((a, b) => a - b);
    if (unique.some((p) => !Number.isInteger(p) || p < 0 || p >= optionCount)) return { status: "invalid-option" };
    if (poll.multiple === 0 && unique.length > 1) return { status: "invalid-option" };
    return writeChoices(poll, key, voter, unique, now);
  });

  const createDraftTx = db.transaction((poll: NewPoll, now: Date): number => {
    const info = st.insertPoll.run({
      question: poll.question,
      multiple: poll.multiple ? 1 : 0,
      anonymous: poll.anonymous ? 1 : 0,
      audience: poll.audience,
      audienceChatId: poll.audience === "chat" ? (poll.audienceChatId ?? null) : null,
      createdBy: poll.createdBy,
      createdAt: now.getTime(),
      closesAt: poll.closesAt.getTime(),
      salt: poll.anonymous ? randomBytes(32).toString("base64url") : null,
    });
    const id = Number(info.lastInsertRowid);
    poll.options.forEach((label, position) => st.insertOption.run(id, position, label));
    return id;
  });

  return {
    /** Saves a poll as a draft (not yet sent); the preview's send button opens it. */
    createDraft(poll: NewPoll, now: Date): Poll {
      if (poll.audience === "chat" && (poll.audienceChatId === undefined || poll.audienceChatId === null)) {
        throw new Error('polls-store: audience "chat" needs audienceChatId');
      }
      return toPoll(row(createDraftTx(poll, now)) as PollRow);
    },

    /** The poll with this id, or undefined. */
    getPoll(id: number): Poll | undefined {
      const found = row(id);
      return found ? toPoll(found) : undefined;
    },

    /** The most recently opened poll (open or closed), for commands given without a poll number. */
    latestPoll(): Poll | undefined {
      const found = st.latest.get() as PollRow | undefined;
      return found ? toPoll(found) : undefined;
    },

    /** Opens a draft for votes; false when it was not a draft (sent twice, or cancelled). */
    openPoll(id: number, now: Date): boolean {
      return st.open.run(now.getTime(), id).changes === 1;
    },

    /** Cancels a draft; false when it was not a draft. */
    cancelDraft(id: number): boolean {
      return st.cancel.run(id).changes === 1;
    },

    /** Closes an open poll; false when it was not open, so that only one closer reports the results. */
    closePoll(id: number, now: Date): boolean {
      return st.close.run(now.getTime(), id).changes === 1;
    },

    /** Open polls whose deadline has passed at `now`. */
    listDuePolls(now: Date): number[] {
      return (st.due.all(now.getTime()) as Array<{ id: number }>).map((r) => r.id);
    },

    /** Records a message that carries the poll (idempotent). */
    recordCopy(pollId: number, chatId: number, messageId: number, now: Date, locale = "vi"): void {
      st.insertCopy.run(pollId, chatId, messageId, locale, now.getTime());
    },

    /** Messages carrying the poll; `openOnly` leaves out those already closed. */
    listCopies(pollId: number, openOnly = false): PollCopy[] {
      const rows = (openOnly ? st.openCopies : st.copies).all(pollId) as Array<{
        poll_id: number;
        chat_id: number;
        message_id: number;
        locale: string;
        closed_at: number | null;
      }>;
      return rows.map((r) => ({
        pollId: r.poll_id,
        chatId: r.chat_id,
        messageId: r.message_id,
        locale: r.locale,
        closed: r.closed_at !== null,
      }));
    },

    /** Marks one copy as closed (its buttons removed). */
    markCopyClosed(copy: Pick<PollCopy, "pollId" | "chatId" | "messageId">, now: Date): void {
      st.closeCopy.run(now.getTime(), copy.pollId, copy.chatId, copy.messageId);
    },

    /**
     * A button press: adds the option to the person's choices, or takes it away when it was chosen
     * (so pressing one's choice again withdraws the vote); in a single-choice poll another option replaces it.
     */
    toggleChoice(pollId: number, voter: Voter, position: number, now: Date): VoteOutcome {
      return toggle.immediate(pollId, voter, position, now);
    },

    /** Replaces the person's choices with `positions` (empty withdraws the vote). */
    setChoices(pollId: number, voter: Voter, positions: readonly number[], now: Date): VoteOutcome {
      return replace.immediate(pollId, voter, positions, now);
    },

    /** The person's current choices (empty when they have not voted, or the poll is closed and anonymous). */
    choicesOf(pollId: number, userId: number): number[] {
      const poll = row(pollId);
      const key = poll ? voterKey(poll, userId) : null;
      if (!poll || key === null) return [];
      return (st.choices.all(pollId, key) as Array<{ position: number }>).map((c) => c.position);
    },

    /** Totals per option and the number of people who voted. */
    results(pollId: number): PollResults | undefined {
      const found = row(pollId);
      if (!found) return undefined;
      const poll = toPoll(found);
      const counts = poll.options.map(() => 0);
      for (const r of st.counts.all(pollId) as Array<{ position: number; n: number }>) counts[r.position] = r.n;
      const participants = (st.participants.get(pollId) as { n: number }).n;
      return { poll, counts, participants };
    },

    /** Who chose what, for named polls; always empty for anonymous polls, which store no identities. */
    namedVotes(pollId: number): NamedVote[] {
      const poll = row(pollId);
      if (!poll || poll.anonymous === 1) return [];
      return (
        st.namedVotes.all(pollId) as Array<{
          user_id: number;
          voter_name: string | null;
          position: number;
          label: string;
          updated_at: number;
        }>
      ).map((r) => ({ userId: r.user_id, name: r.voter_name, position: r.position, label: r.label, votedAt: new Date(r.updated_at) }));
    },

    /** Poll figures for `/thongke`. */
    stats(): PollStats {
      const byStatus = new Map(
        (st.countByStatus.all() as Array<{ status: PollStatus; n: number }>).map((r) => [r.status, r.n]),
      );
      const openPolls = (st.listOpen.all() as PollRow[]).map((r) => ({
        id: r.id,
        question: r.question,
        participants: (st.participants.get(r.id) as { n: number }).n,
        closesAt: new Date(r.closes_at),
      }));
      return { open: byStatus.get("open") ?? 0, closed: byStatus.get("closed") ?? 0, openPolls };
    },

    /** Saves where a staff member is in the guided flow. */
    saveDraftState(state: DraftState, now: Date): void {
      st.saveDraft.run(state.userId, state.chatId, state.step, JSON.stringify(state.data), now.getTime());
    },

    /** The staff member's guided-flow state, if any. */
    getDraftState(userId: number): DraftState | undefined {
      const r = st.draft.get(userId) as { user_id: number; chat_id: number; step: string; data: string } | undefined;
      return r ? { userId: r.user_id, chatId: r.chat_id, step: r.step, data: JSON.parse(r.data) as Record<string, unknown> } : undefined;
    },

    /** Ends the staff member's guided flow. */
    clearDraftState(userId: number): void {
      st.clearDraft.run(userId);
    },
  };
}

/** The polls store's interface, for collaborators that receive it. */
export type PollsStore = ReturnType<typeof createPollsStore>;
