import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { PollsStore } from "../storage/polls-store.js";
import { queueCopyClosing, type PollDeliveryDeps } from "./poll-delivery.js";
import { reportPollResults, type ReportApi, type ReportPollResultsDeps } from "./report-poll-results.js";

/** Collaborators of {@link closePoll} and {@link closeDuePolls}. */
export interface ClosePollsDeps {
  polls: PollsStore;
  delivery: PollDeliveryDeps;
  report: ReportPollResultsDeps;
  logger: Logger;
  staffChatId: number | undefined;
  staffLocale: string;
  now: Clock;
}

/** How {@link closePoll} ended. */
export type CloseOutcome =
  | { status: "closed"; copies: number }
  | { status: "already-closed" }
  | { status: "not-open" }
  | { status: "not-found" };

/**
 * Closes a poll: no vote counts from now on, every copy is queued for its closing edit (final
 * results, buttons removed) through the outbox, and the final results go to the staff chat. Only
 * the caller that actually closed the poll reports, so `/dong` and the deadline job never both do.
 */
export async function closePoll(
  deps: ClosePollsDeps,
  api: ReportApi,
  pollId: number,
  reason: "hand" | "deadline",
): Promise<CloseOutcome> {
  const poll = await deps.polls.getPoll(pollId);
  if (!poll) return { status: "not-found" };
  if (!(await deps.polls.closePoll(pollId, new Date(deps.now())))) {
    return poll.status === "closed" ? { status: "already-closed" } : { status: "not-open" };
  }
  const copies = await queueCopyClosing(deps.delivery, pollId);
  deps.logger.info({ pollId, reason, copies }, "polls: poll closed");
  if (deps.staffChatId !== undefined) {
    const t = deps.report.translator(deps.staffLocale);
    const heading =
      reason === "deadline"
        ? t("polls-closed-by-deadline", { id: pollId })
        : t("polls-closed-by-hand", { id: pollId, copies });
    try {
      await reportPollResults(deps.report, api, deps.staffChatId, pollId, deps.staffLocale, heading);
    } catch (err) {
      deps.logger.error({ err, pollId }, "polls: final results could not be sent to the staff chat");
    }
  }
  return { status: "closed", copies };
}

/**
 * The deadline job: closes every open poll whose deadline has passed. Deadlines live in the
 * database, so polls that fell due while the bot was down close on its first run after a restart.
 */
export async function closeDuePolls(deps: ClosePollsDeps, api: ReportApi): Promise<number[]> {
  const closed: number[] = [];
  for (const pollId of (await deps.polls.listDuePolls(new Date(deps.now())))) {
    try {
      const outcome = await closePoll(deps, api, pollId, "deadline");
      if (outcome.status === "closed") closed.push(pollId);
    } catch (err) {
      deps.logger.error({ err, pollId }, "polls: closing a due poll failed; retried on the next run");
    }
  }
  return closed;
}
