import { Composer } from "grammy";
import { CALLBACKS } from "../../callback-data.js";
import type { PollsFeatureDeps } from "../../jobs/start-polls.js";
import { buildPollMessage } from "../../polls/poll-message.js";
import { CALLBACK_ANSWER_MAX_CHARS, truncate } from "../../text-limits.js";
import type { BotContext } from "../context.js";

/**
 * Votes by button: one press records the option, a press on one's own choice withdraws it. In a
 * private chat the person's choices are ticked on their copy; a group copy stays the same for everyone.
 */
export function createPollVoteFeature(deps: PollsFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(CALLBACKS.vote.match, async (ctx) => {
    const vote = CALLBACKS.vote.decode(ctx.callbackQuery.data);
    if (!vote) return ctx.answerCallbackQuery({ text: ctx.t("polls-vote-not-found") });
    const { from } = ctx;
    const name = [from.first_name, from.last_name].filter(Boolean).join(" ") + (from.username ? ` (@${from.username})` : "");
    const outcome = await deps.polls.toggleChoice(vote.pollId, { userId: from.id, name }, vote.position, new Date(deps.now()));
    const poll = await deps.polls.getPoll(vote.pollId);
    let text = ctx.t("polls-vote-not-found");
    if (outcome.status === "recorded" && poll) {
      text = ctx.t("polls-vote-recorded", { choices: outcome.choices.map((p) => poll.options[p]).join("; ") });
    } else if (outcome.status === "withdrawn") text = ctx.t("polls-vote-withdrawn");
    else if (outcome.status === "closed") text = ctx.t("polls-vote-closed");
    await ctx.answerCallbackQuery({ text: truncate(text, CALLBACK_ANSWER_MAX_CHARS) });
    if (poll && ctx.chat?.type === "private" && (outcome.status === "recorded" || outcome.status === "withdrawn")) {
      const { replyMarkup } = buildPollMessage(poll, ctx.t, deps.timeZone, outcome.choices);
      // Ticks are a courtesy: a failed edit (message too old, pressed twice) must not lose the vote.
      await ctx.editMessageReplyMarkup({ reply_markup: replyMarkup }).catch((err: unknown) => {
        ctx.logger.debug({ err, pollId: poll.id }, "polls: could not tick the voter's choice");
      });
    }
  });
  return feature;
}
