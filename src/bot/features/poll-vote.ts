import { Composer } from "grammy";
import { buildPollMessage, parseVoteCallbackData } from "../../polls/poll-message.js";
import type { BotContext } from "../context.js";

const ANSWER_MAX_CHARS = 200;

/**
 * Votes by button: one press records the option, a press on one's own choice withdraws it. In a
 * private chat the person's choices are ticked on their copy; a group copy stays the same for everyone.
 */
export const pollVoteFeature = new Composer<BotContext>();

pollVoteFeature.callbackQuery(/^pv:/, async (ctx) => {
  const deps = ctx.deps.polls;
  const vote = parseVoteCallbackData(ctx.callbackQuery.data);
  if (!deps || !vote) return ctx.answerCallbackQuery({ text: ctx.t("polls-vote-not-found") });
  const { from } = ctx;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ") + (from.username ? ` (@${from.username})` : "");
  const outcome = await deps.polls.toggleChoice(vote.pollId, { userId: from.id, name }, vote.position, deps.now());
  const poll = await deps.polls.getPoll(vote.pollId);
  let text = ctx.t("polls-vote-not-found");
  if (outcome.status === "recorded" && poll) {
    text = ctx.t("polls-vote-recorded", { choices: outcome.choices.map((p) => poll.options[p]).join("; ") });
  } else if (outcome.status === "withdrawn") text = ctx.t("polls-vote-withdrawn");
  else if (outcome.status === "closed") text = ctx.t("polls-vote-closed");
  await ctx.answerCallbackQuery({ text: truncate(text, ANSWER_MAX_CHARS) });
  if (poll && ctx.chat?.type === "private" && (outcome.status === "recorded" || outcome.status === "withdrawn")) {
    const { replyMarkup } = buildPollMessage(poll, ctx.t, deps.timeZone, outcome.choices);
    // Ticks are a courtesy: a failed edit (message too old, pressed twice) must not lose the vote.
    await ctx.editMessageReplyMarkup({ reply_markup: replyMarkup }).catch((err: unknown) => {
      ctx.logger.debug({ err, pollId: poll.id }, "polls: could not tick the voter's choice");
    });
  }
});

function truncate(text: string, max: number): string {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`;
}
