import { Composer } from "grammy";
import { CALLBACKS } from "../../callback-data.js";
import { DAY_MS } from "../../clock.js";
import { sendPoll } from "../../jobs/poll-delivery.js";
import type { PollsFeatureDeps } from "../../jobs/start-polls.js";
import { DEFAULT_POLL_DAYS, MAX_POLL_DAYS, parseDeadline } from "../../polls/parse-deadline.js";
import { parsePollForm } from "../../polls/parse-poll-form.js";
import { checkOption, checkOptionCount, checkQuestion } from "../../polls/poll-limits.js";
import type { BotContext } from "../context.js";
import { advance, finish, forceReply, replyProblems, replyTo, showPreview } from "../poll-flow.js";
import { staffOnly } from "../staff.js";

/**
 * `/thamdo` (`/poll`) in the staff chat: the one-line form (`/thamdo Câu hỏi? | A | B`, single
 * choice, anonymous, to subscribers, 7 days) or, with no text, a guided flow of six steps kept in the
 * database. Either way a preview follows, whose first button sends the poll and second cancels it.
 */
export function createPollCreateFeature(deps: PollsFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const now = () => new Date(deps.now());

  feature.command(["thamdo", "poll"], staffOnly({ inStaffChat: true }), async (ctx) => {
    const text = ctx.match.trim();
    if (text === "") {
      await deps.polls.saveDraftState({ userId: ctx.from!.id, chatId: ctx.chat.id, step: "question", data: {} }, now());
      return ctx.reply(ctx.t("polls-flow-question"), { parse_mode: "HTML", reply_markup: forceReply(ctx), reply_parameters: replyTo(ctx) });
    }
    const parsed = parsePollForm(text);
    if (!parsed.ok) return replyProblems(ctx, parsed.problems, true);
    const poll = (await deps.polls.createDraft(
      {
        ...parsed.form,
        multiple: false,
        anonymous: true,
        audience: "subscribers",
        createdBy: ctx.from!.id,
        closesAt: new Date(deps.now() + DEFAULT_POLL_DAYS * DAY_MS),
      },
      now(),
    ));
    await showPreview(ctx, deps, poll);
  });

  // Text answers to the flow's questions; anyone else's text goes on to the other features.
  feature.on("message:text", async (ctx, next) => {
    const state = await deps.polls.getDraftState(ctx.from.id);
    if (!state || state.chatId !== ctx.chat.id || ctx.message.text.startsWith("/")) return next();
    const text = ctx.message.text.normalize("NFC").trim();
    switch (state.step) {
      case "question": {
        const problems = checkQuestion(text);
        if (problems.length > 0) return replyProblems(ctx, problems, false);
        return advance(ctx, deps, state, { step: "options", data: { ...state.data, question: text.replace(/\s+/g, " ") } });
      }
      case "options": {
        const options = text.split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean);
        const problems = [...options.flatMap((label, i) => checkOption(label, i + 1, options.slice(0, i))), ...checkOptionCount(options.length)];
        if (problems.length > 0) return replyProblems(ctx, problems, false);
        return advance(ctx, deps, state, { step: "multiple", data: { ...state.data, options } });
      }
      case "deadline": {
        const deadline = parseDeadline(text, now(), deps.timeZone);
        if (!deadline.ok) return ctx.reply(ctx.t(`polls-deadline-${deadline.problem}`), { parse_mode: "HTML" });
        return advance(ctx, deps, state, { step: "audience", data: { ...state.data, closesAt: deadline.closesAt.getTime() } });
      }
      case "chat": {
        if (!/^-?\d{1,20}$/.test(text)) return ctx.reply(ctx.t("polls-flow-chat-invalid"), { parse_mode: "HTML" });
        return finish(ctx, deps, state, "chat", Number(text));
      }
      default:
        return next();
    }
  });

  feature.callbackQuery(CALLBACKS.pollFlow.match, async (ctx) => {
    const state = await deps.polls.getDraftState(ctx.from.id);
    const press = CALLBACKS.pollFlow.decode(ctx.callbackQuery.data);
    if (!state || state.chatId !== ctx.chat?.id) return ctx.answerCallbackQuery({ text: ctx.t("polls-flow-expired") });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (press?.step === "cancel") {
      await deps.polls.clearDraftState(ctx.from.id);
      return ctx.reply(ctx.t("polls-flow-cancelled"));
    }
    if (press?.step === "multiple" && state.step === "multiple") {
      return advance(ctx, deps, state, { step: "anonymous", data: { ...state.data, multiple: press.on } });
    }
    if (press?.step === "anonymous" && state.step === "anonymous") {
      return advance(ctx, deps, state, { step: "deadline", data: { ...state.data, anonymous: press.on } });
    }
    // Callback data can be forged: only a whole number of days within the allowed range is taken.
    if (press?.step === "deadline" && state.step === "deadline" && press.days >= 1 && press.days <= MAX_POLL_DAYS) {
      return advance(ctx, deps, state, { step: "audience", data: { ...state.data, closesAt: deps.now() + press.days * DAY_MS } });
    }
    if (press?.step === "audience" && state.step === "audience") {
      if (press.audience === "chat") return advance(ctx, deps, state, { step: "chat", data: state.data });
      return finish(ctx, deps, state, press.audience, null);
    }
    return ctx.reply(ctx.t("polls-flow-expired"));
  });

  feature.callbackQuery(CALLBACKS.pollCancel.match, staffOnly({ inStaffChat: true }), async (ctx) => {
    const press = CALLBACKS.pollCancel.decode(ctx.callbackQuery.data);
    if (!press) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
    const done = await deps.polls.cancelDraft(press.pollId);
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(ctx.t(done ? "polls-preview-cancelled" : "polls-preview-stale", { id: press.pollId }), { parse_mode: "HTML" });
  });

  feature.callbackQuery(CALLBACKS.pollSend.match, staffOnly({ inStaffChat: true }), async (ctx) => {
    const press = CALLBACKS.pollSend.decode(ctx.callbackQuery.data);
    if (!press) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
    const count = await sendPoll(deps.delivery, press.pollId, ctx.from.id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(
      count === null ? ctx.t("polls-preview-stale", { id: press.pollId }) : ctx.t("polls-preview-sent", { id: press.pollId, count }),
      { parse_mode: "HTML" },
    );
  });

  return feature;
}
