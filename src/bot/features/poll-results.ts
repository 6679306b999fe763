import { Composer, InputFile } from "grammy";
import { closePoll } from "../../jobs/close-polls.js";
import { reportPollResults } from "../../jobs/report-poll-results.js";
import { exportResultsCsv, type CsvTexts } from "../../polls/export-csv.js";
import type { BotContext } from "../context.js";
import { pollFromArgument, staffDeps } from "../polls-deps.js";

/** `/ketqua` (`/results`), `/dong` (`/close`, admins only) and `/xuat` (`/export`) in the staff chat. */
export const pollResultsFeature = new Composer<BotContext>();

pollResultsFeature.command(["ketqua", "results"], async (ctx) => {
  const deps = await staffDeps(ctx);
  const poll = deps && (await pollFromArgument(ctx, deps));
  if (deps && poll) await reportPollResults(deps.report, ctx.api, ctx.chat.id, poll.id, await ctx.i18n.getLocale());
});

pollResultsFeature.command(["dong", "close"], async (ctx) => {
  const deps = await staffDeps(ctx, true);
  const poll = deps && (await pollFromArgument(ctx, deps));
  if (!deps || !poll) return;
  const outcome = await closePoll(deps.closing, ctx.api, poll.id, "hand");
  if (outcome.status === "already-closed") await ctx.reply(ctx.t("polls-already-closed", { id: poll.id }));
  else if (outcome.status !== "closed") await ctx.reply(ctx.t("polls-not-open", { id: poll.id }));
});

pollResultsFeature.command(["xuat", "export"], async (ctx) => {
  const deps = await staffDeps(ctx);
  const poll = deps && (await pollFromArgument(ctx, deps));
  const results = poll && (await deps?.polls.results(poll.id));
  if (!deps || !poll || !results) return;
  const csv = exportResultsCsv(
    { question: poll.question, options: poll.options, counts: results.counts, participants: results.participants },
    poll.anonymous ? null : await deps.polls.namedVotes(poll.id),
    csvTexts(ctx),
  );
  await ctx.replyWithDocument(new InputFile(Buffer.from(csv, "utf8"), ctx.t("polls-export-filename", { id: poll.id })), {
    caption: ctx.t("polls-export-caption", { id: poll.id }),
  });
});

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
