import { Composer, InputFile } from "grammy";
import { closePoll } from "../../jobs/close-polls.js";
import { reportPollResults } from "../../jobs/report-poll-results.js";
import { exportResultsCsv } from "../../polls/export-csv.js";
import { allowStaff, pollFromArgument, type PollsContext, type PollsFeatureDeps } from "../polls-deps.js";

/** `/ketqua` (`/results`), `/dong` (`/close`) and `/xuat` (`/export`) in the staff chat. */
export function createPollResultsFeature(deps: PollsFeatureDeps): Composer<PollsContext> {
  const feature = new Composer<PollsContext>();

  feature.command(["ketqua", "results"], async (ctx) => {
    if (!(await allowStaff(ctx, deps))) return;
    const poll = await pollFromArgument(ctx, deps);
    if (poll) await reportPollResults(deps.report, ctx.chat.id, poll.id, await localeOf(ctx));
  });

  feature.command(["dong", "close"], async (ctx) => {
    if (!(await allowStaff(ctx, deps, true))) return;
    const poll = await pollFromArgument(ctx, deps);
    if (!poll) return;
    const outcome = await closePoll(deps.closing, poll.id, "hand");
    if (outcome.status === "already-closed") await ctx.reply(ctx.t("polls-already-closed", { id: poll.id }));
    else if (outcome.status !== "closed") await ctx.reply(ctx.t("polls-not-open", { id: poll.id }));
  });

  feature.command(["xuat", "export"], async (ctx) => {
    if (!(await allowStaff(ctx, deps))) return;
    const poll = await pollFromArgument(ctx, deps);
    const results = poll && deps.polls.results(poll.id);
    if (!poll || !results) return;
    const csv = exportResultsCsv(
      { question: poll.question, options: poll.options, counts: results.counts, participants: results.participants },
      poll.anonymous ? null : deps.polls.namedVotes(poll.id),
      {
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
      },
    );
    await ctx.replyWithDocument(new InputFile(Buffer.from(csv, "utf8"), ctx.t("polls-export-filename", { id: poll.id })), {
      caption: ctx.t("polls-export-caption", { id: poll.id }),
    });
  });

  return feature;
}

async function localeOf(ctx: PollsContext): Promise<string> {
  return (await ctx.i18n.getLocale()) || "vi";
}
