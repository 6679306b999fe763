import type { Db } from "./database.js";
import { createBallotsStore } from "./poll-ballots.js";
import { createPollCopiesStore } from "./poll-copies.js";
import { createPollFlowStore } from "./poll-flow-state.js";
import { createPollRecordsStore } from "./poll-records.js";

export type { PollFlowState, PollFlowStep } from "./poll-flow-state.js";

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

/** Poll figures for the staff statistics. */
export interface PollStats {
  open: number;
  closed: number;
  openPolls: Array<{ id: number; question: string; participants: number; closesAt: Date }>;
}

/**
 * The polls store: the only code that reads or writes the poll tables, made of four parts with one
 * concern each: the polls themselves, ballots and totals, the messages carrying a poll, and the guided
 * creation flow's state. Every vote is one transaction that first locks its poll's row, so totals stay
 * exact when many people vote at once, from one process or several.
 *
 * @example
 * const polls = createPollsStore(database.db);
 * const poll = await polls.createDraft({ question: "…", options: ["A", "B"], … }, new Date());
 * await polls.openPoll(poll.id, new Date());
 * await polls.toggleChoice(poll.id, { userId: 42 }, 1, new Date());
 */
export function createPollsStore(db: Db) {
  return {
    ...createPollRecordsStore(db),
    ...createBallotsStore(db),
    ...createPollCopiesStore(db),
    ...createPollFlowStore(db),
  };
}

/** The polls store's interface, for collaborators that receive it. */
export type PollsStore = ReturnType<typeof createPollsStore>;
