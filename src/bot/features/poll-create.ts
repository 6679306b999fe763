import { Composer } from "grammy";
import { sendPoll } from "../../jobs/poll-delivery.js";
import { DEFAULT_POLL_DAYS, MAX_POLL_DAYS, parseDeadline } from "../../polls/parse-deadline.js";
import { parsePollForm } from "../../polls/parse-poll-form.js";
import { checkOption, checkOptionCount, checkQuestion } from "../../polls/poll-limits.js";
import type { BotContext } from "../context.js";
import { advance, finish, forceReply, replyProblems, replyTo, showPreview } from "../poll-flow.js";
import { staffDeps } from "../polls-deps.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `/thamdo` (`/poll`) in the staff chat: the one-line form (`/thamdo Câu hỏi? | A | B`, single
 * choice, anonymous, to subscribers, 7 days) or, with no text, a guided flow of six steps kept in the
 * database. Either way a preview follows, whose first button sends the poll and second cancels it.
 */
export const pollCreateFeature = new Composer<BotContext>();

pollCreateFeature.command(["thamdo", "poll"], async (ctx) => {
  const deps = await staffDeps(ctx);
  if (!deps) return;
  const now = () => deps.now();
  const text = ctx.match.trim();
  if (text === "") {
    await deps.polls.saveDraftState({ userId: ctx.from!.id, chatId: ctx.chat.id, step: "question", data: {} }, now());
    return ctx.reply(ctx.t("polls-flow-question"), { parse_mode: "HTML", reply_markup: forceReply(ctx), reply_parameters: replyTo(ctx) });
  }
  const parsed = parsePollForm(text);
  if (!parsed.ok) return replyProblems(ctx, parsed.problems, true);
  const poll = await deps.polls.createDraft(
    {
      ...parsed.form,
      multiple: false,
      anonymous: true,
      audience: "subscribers",
      createdBy: ctx.from!.id,
      closesAt: new Date(now().getTime() + DEFAULT_POLL_DAYS * DAY_MS),
    },
    now(),
  );
  await showPreview(ctx, deps, poll);
});

// Text answers to the flow's questions; anyone else's text goes on to the other features.
pollCreateFeature.on("message:text", async (ctx, next) => {
  const deps = ctx.deps.polls;
  const state = await deps?.polls.getDraftState(ctx.from.id);
  if (!deps || !state || state.chatId !== ctx.chat.id || ctx.message.text.startsWith("/")) return next();
  const now = () => deps.now();
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

pollCreateFeature.callbackQuery(/^pf:/, async (ctx) => {
  const deps = ctx.deps.polls;
  const state = await deps?.polls.getDraftState(ctx.from.id);
  const [, key, value] = ctx.callbackQuery.data.split(":");
  if (!deps || !state || state.chatId !== ctx.chat?.id) return ctx.answerCallbackQuery({ text: ctx.t("polls-flow-expired") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const now = () => deps.now();
  if (key === "x") {
    await deps.polls.clearDraftState(ctx.from.id);
    return ctx.reply(ctx.t("polls-flow-cancelled"));
  }
  if (key === "m" && state.step === "multiple") {
    return advance(ctx, deps, state, { step: "anonymous", data: { ...state.data, multiple: value === "1" } });
  }
  if (key === "a" && state.step === "anonymous") {
    return advance(ctx, deps, state, { step: "deadline", data: { ...state.data, anonymous: value === "1" } });
  }
  // Callback data can be forged: only a whole number of days within the allowed range is taken.
  if (key === "d" && state.step === "deadline" && /^\d{1,3}$/.test(value ?? "") && Number(value) >= 1 && Number(value) <= MAX_POLL_DAYS) {
    return advance(ctx, deps, state, { step: "audience", data: { ...state.data, closesAt: now().getTime() + Number(value) * DAY_MS } });
  }
  if (key === "au" && state.step === "audience") {
    if (value === "chat") return advance(ctx, deps, state, { step: "chat", data: state.data });
    return finish(ctx, deps, state, value === "users" ? "users" : "subscribers", null);
  }
  return ctx.reply(ctx.t("polls-flow-expired"));
});

pollCreateFeature.callbackQuery(/^p([sc]):(\d+)$/, async (ctx) => {
  const deps = await staffDeps(ctx);
  if (!deps) return;
  const [, action, id] = /^p([sc]):(\d+)$/.exec(ctx.callbackQuery.data)!;
  const pollId = Number(id);
  if (action === "c") {
    const done = await deps.polls.cancelDraft(pollId);
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(ctx.t(done ? "polls-preview-cancelled" : "polls-preview-stale", { id: pollId }), { parse_mode: "HTML" });
  }
  const count = await sendPoll(deps.delivery, pollId, ctx.from.id);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(
    count === null ? ctx.t("polls-preview-stale", { id: pollId }) : ctx.t("polls-preview-sent", { id: pollId, count }),
    { parse_mode: "HTML" },
  );
});
