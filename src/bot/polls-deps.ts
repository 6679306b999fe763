import type { ClosePollsDeps } from "../jobs/close-polls.js";
import type { PollDeliveryDeps } from "../jobs/poll-delivery.js";
import type { ReportPollResultsDeps } from "../jobs/report-poll-results.js";
import type { Logger } from "../logger.js";
import { escapeHtml } from "../polls/format-results.js";
import type { InsightStore } from "../storage/insight-store.js";
import type { PollsStore } from "../storage/polls-store.js";
import type { BotContext } from "./context.js";
import { staffStanding } from "./staff.js";

/** Collaborators of the poll and staff-insight features. */
export interface PollsFeatureDeps {
  polls: PollsStore;
  insight: InsightStore;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  delivery: PollDeliveryDeps;
  closing: ClosePollsDeps;
  report: ReportPollResultsDeps;
}

/**
 * Lets a staff command through only for staff (admins when `admin`, checked with the staff guard's
 * cached `getChatMember`) and only in the staff chat, returning the poll collaborators; anyone else
 * gets a polite answer, the refusal is logged, and the result is undefined.
 */
export async function staffDeps(ctx: BotContext, admin = false): Promise<PollsFeatureDeps | undefined> {
  const deps = ctx.deps.polls;
  const standing = deps ? await staffStanding(ctx) : "not-set-up";
  let refusal: string | null = null;
  if (!deps || standing === "not-set-up") refusal = "staff-not-set-up";
  else if (standing === "outsider") refusal = "staff-only";
  else if (admin && standing !== "admin") refusal = "polls-admin-only";
  else if (ctx.chat?.id !== ctx.deps.staffChatId) refusal = "staff-use-in-group";
  if (refusal === null) return deps;
  ctx.logger.info({ userId: ctx.from?.id, chatId: ctx.chat?.id, command: commandOf(ctx), standing, refusal }, "staff: command refused");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(refusal).replace(/<[^>]+>/g, "").slice(0, 200), show_alert: true });
  else await ctx.reply(ctx.t(refusal), { parse_mode: "HTML" });
  return undefined;
}

function commandOf(ctx: BotContext): string | undefined {
  const text = ctx.message?.text ?? ctx.callbackQuery?.data;
  return text?.split(/\s/)[0];
}

/**
 * The poll a staff command names: its number (with or without "#"), or the most recent poll when
 * none is given. Answers and returns undefined when there is none.
 */
export async function pollFromArgument(ctx: BotContext, deps: PollsFeatureDeps) {
  const arg = typeof ctx.match === "string" ? ctx.match.trim() : "";
  if (arg === "") {
    const latest = await deps.polls.latestPoll();
    if (!latest) await ctx.reply(ctx.t("polls-none"));
    return latest;
  }
  const id = /^#?(\d{1,10})$/.exec(arg)?.[1];
  const poll = id === undefined ? undefined : await deps.polls.getPoll(Number(id));
  if (!poll || poll.status === "draft" || poll.status === "cancelled") {
    await ctx.reply(ctx.t("polls-not-found", { arg: escapeHtml(arg.slice(0, 50)) }), { parse_mode: "HTML" });
    return undefined;
  }
  return poll;
}
