import type { ClosePollsDeps } from "../jobs/close-polls.js";
import type { PollDeliveryDeps } from "../jobs/poll-delivery.js";
import type { ReportPollResultsDeps } from "../jobs/report-poll-results.js";
import type { Logger } from "../logger.js";
import type { PollsStore } from "../storage/polls-store.js";
import type { BotContext } from "./context.js";

/** Tells whether a Telegram user is staff (a member of the staff chat) or an admin of it. */
export interface StaffCheck {
  isStaff(userId: number): Promise<boolean>;
  isAdmin(userId: number): Promise<boolean>;
}

/** Collaborators of the poll and staff-insight features. */
export interface PollsFeatureDeps {
  polls: PollsStore;
  staff: StaffCheck;
  /** The staff chat; undefined turns staff features into a polite "not set up". */
  staffChatId: number | undefined;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  delivery: PollDeliveryDeps;
  closing: ClosePollsDeps;
  report: ReportPollResultsDeps;
}

/**
 * Lets a staff command through only in the staff chat and only for staff (admins when `admin`),
 * returning the poll collaborators; otherwise answers politely, logs the refusal, and returns undefined.
 */
export async function staffDeps(ctx: BotContext, admin = false): Promise<PollsFeatureDeps | undefined> {
  const deps = ctx.deps.polls;
  const userId = ctx.from?.id;
  const refuse = async (key: string) => {
    ctx.logger.info({ userId, chatId: ctx.chat?.id, command: commandOf(ctx), reason: key }, "staff: command refused");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key).replace(/<[^>]+>/g, "").slice(0, 200) });
    else await ctx.reply(ctx.t(key), { parse_mode: "HTML" });
    return undefined;
  };
  if (!deps || deps.staffChatId === undefined) return refuse("polls-staff-not-set-up");
  if (userId === undefined) return refuse("polls-staff-only");
  const allowed = admin ? await deps.staff.isAdmin(userId) : await deps.staff.isStaff(userId);
  if (!allowed) return refuse(admin ? "polls-admin-only" : "polls-staff-only");
  if (ctx.chat?.id !== deps.staffChatId) return refuse("polls-staff-chat-only");
  return deps;
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
    const latest = deps.polls.latestPoll();
    if (!latest) await ctx.reply(ctx.t("polls-none"));
    return latest;
  }
  const id = /^#?(\d{1,10})$/.exec(arg)?.[1];
  const poll = id === undefined ? undefined : deps.polls.getPoll(Number(id));
  if (!poll || poll.status === "draft" || poll.status === "cancelled") {
    await ctx.reply(ctx.t("polls-not-found", { arg: escapeArg(arg) }), { parse_mode: "HTML" });
    return undefined;
  }
  return poll;
}

function escapeArg(text: string): string {
  return text.slice(0, 50).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
