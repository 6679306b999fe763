import { Composer } from "grammy";
import { escapeHtml } from "../../html.js";
import { truncate } from "../../text-limits.js";
import { closePoll } from "../../jobs/close-polls.js";
import { reportPollResults } from "../../jobs/report-poll-results.js";
import type { PollsFeatureDeps } from "../../jobs/start-polls.js";
import { exportResultsCsv, type CsvTexts } from "../../polls/export-csv.js";
import type { Poll } from "../../storage/polls-store.js";
import type { BotContext } from "../context.js";
import { toInputFile } from "../input-file.js";
import { staffOnly } from "../staff.js";

/** `/ketqua` (`/results`), `/dong` (`/close`, admins only) and `/xuat` (`/export`) in the staff chat. */
export function createPollResultsFeature(deps: PollsFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command(["ketqua", "results"], staffOnly({ inStaffChat: true }), async (ctx) => {
    const poll = await pollFromArgument(ctx, deps);
    if (poll) await reportPollResults(deps.report, ctx.api, ctx.chat.id, poll.id, await ctx.i18n.getLocale());
  });

  feature.command(["dong", "close"], staffOnly({ adminOnly: "polls-admin-only", inStaffChat: true }), async (ctx) => {
    const poll = await pollFromArgument(ctx, deps);
    if (!poll) return;
    const outcome = await closePoll(deps.closing, ctx.api, poll.id, "hand");
    if (outcome.status === "already-closed") await ctx.reply(ctx.t("polls-already-closed", { id: poll.id }));
    else if (outcome.status !== "closed") await ctx.reply(ctx.t("polls-not-open", { id: poll.id }));
  });

  feature.command(["xuat", "export"], staffOnly({ inStaffChat: true }), async (ctx) => {
    const poll = await pollFromArgument(ctx, deps);
    const results = poll && (await deps.polls.results(poll.id));
    if (!poll || !results) return;
    const csv = exportResultsCsv(
      { question: poll.question, options: poll.options, counts: results.counts, participants: results.participants },
      poll.anonymous ? null : (await deps.polls.namedVotes(poll.id)),
      csvTexts(ctx),
    );
    await ctx.replyWithDocument(toInputFile(Buffer.from(csv, "utf8"), ctx.t("polls-export-filename", { id: poll.id })), {
      caption: ctx.t("polls-export-caption", { id: poll.id }),
    });
  });

  return feature;
}

/**
 * The poll a staff command names: its number (with or without "#"), or the most recent poll when
 * none is given. Answers and returns undefined when there is none.
 */
async function pollFromArgument(ctx: BotContext, deps: PollsFeatureDeps): Promise<Poll | undefined> {
  const arg = typeof ctx.match === "string" ? ctx.match.trim() : "";
  if (arg === "") {
    const latest = await deps.polls.latestPoll();
    if (!latest) await ctx.reply(ctx.t("polls-none"));
    return latest;
  }
  const id = /^#?(\d{1,10})$/.exec(arg)?.[1];
  const poll = id === undefined ? undefined : (await deps.polls.getPoll(Number(id)));
  if (!poll || poll.status === "draft" || poll.status === "cancelled") {
    await ctx.reply(ctx.t("polls-not-found", { arg: escapeHtml(truncate(arg, 50)) }), { parse_mode: "HTML" });
    return undefined;
  }
  return poll;
}

function csvTexts(ctx: BotContext): CsvTexts {
  return {
    section: { totals: ctx.t("polls-csv-totals"), votes: ctx.t("polls-csv-votes") },
    totals: {
      position: ctx.t("polls-csv-position"),
      option: ctx.t("polls-csv-option"),
      count: ctx.t("polls-csv-count"),
      percent: ctx.t("polls-csv-percent"),
    },
    votes: {
      userId: ctx.t("polls-csv-user-id"),
      name: ctx.t("polls-csv-name"),
      option: ctx.t("polls-csv-option"),
      votedAt: ctx.t("polls-csv-voted-at"),
    },
    participants: ctx.t("polls-csv-participants"),
  };
}
