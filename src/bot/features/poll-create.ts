import { Composer, InlineKeyboard } from "grammy";
import type { ForceReply } from "grammy/types";
import { pollRecipients, sendPoll } from "../../jobs/poll-delivery.js";
import { escapeHtml } from "../../polls/format-results.js";
import { parseDeadline, DEFAULT_POLL_DAYS, formatDeadline } from "../../polls/parse-deadline.js";
import { parsePollForm } from "../../polls/parse-poll-form.js";
import { checkOption, checkOptionCount, checkQuestion, type PollProblem } from "../../polls/poll-limits.js";
import { buildPollMessage } from "../../polls/poll-message.js";
import type { DraftState, Poll, PollAudience } from "../../storage/polls-store.js";
import type { BotContext } from "../context.js";
import { staffDeps, type PollsFeatureDeps } from "../polls-deps.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the guided flow has gathered so far. */
interface FlowData {
  question?: string;
  options?: string[];
  multiple?: boolean;
  anonymous?: boolean;
  closesAt?: number;
}

type FlowStep = "question" | "options" | "multiple" | "anonymous" | "deadline" | "audience" | "chat";

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
    deps.polls.saveDraftState({ userId: ctx.from!.id, chatId: ctx.chat.id, step: "question", data: {} }, now());
    return ctx.reply(ctx.t("polls-flow-question"), { parse_mode: "HTML", reply_markup: forceReply(ctx), reply_parameters: replyTo(ctx) });
  }
  const parsed = parsePollForm(text);
  if (!parsed.ok) return replyProblems(ctx, parsed.problems, true);
  const poll = deps.polls.createDraft(
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
  const state = deps?.polls.getDraftState(ctx.from.id);
  if (!deps || !state || state.chatId !== ctx.chat.id || ctx.message.text.startsWith("/")) return next();
  const now = () => deps.now();
  const data = state.data as FlowData;
  const text = ctx.message.text.normalize("NFC").trim();
  switch (state.step as FlowStep) {
    case "question": {
      const problems = checkQuestion(text);
      if (problems.length > 0) return replyProblems(ctx, problems, false);
      return advance(ctx, deps, state, "options", { ...data, question: text.replace(/\s+/g, " ") });
    }
    case "options": {
      const options = text.split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean);
      const problems = [...options.flatMap((label, i) => checkOption(label, i + 1, options.slice(0, i))), ...checkOptionCount(options.length)];
      if (problems.length > 0) return replyProblems(ctx, problems, false);
      return advance(ctx, deps, state, "multiple", { ...data, options });
    }
    case "deadline": {
      const deadline = parseDeadline(text, now(), deps.timeZone);
      if (!deadline.ok) return ctx.reply(ctx.t(`polls-deadline-${deadline.problem}`), { parse_mode: "HTML" });
      return advance(ctx, deps, state, "audience", { ...data, closesAt: deadline.closesAt.getTime() });
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
  const state = deps?.polls.getDraftState(ctx.from.id);
  const [, key, value] = ctx.callbackQuery.data.split(":");
  if (!deps || !state || state.chatId !== ctx.chat?.id) return ctx.answerCallbackQuery({ text: ctx.t("polls-flow-expired") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const data = state.data as FlowData;
  const now = () => deps.now();
  if (key === "x") {
    deps.polls.clearDraftState(ctx.from.id);
    return ctx.reply(ctx.t("polls-flow-cancelled"));
  }
  if (key === "m" && state.step === "multiple") return advance(ctx, deps, state, "anonymous", { ...data, multiple: value === "1" });
  if (key === "a" && state.step === "anonymous") return advance(ctx, deps, state, "deadline", { ...data, anonymous: value === "1" });
  if (key === "d" && state.step === "deadline") {
    return advance(ctx, deps, state, "audience", { ...data, closesAt: now().getTime() + Number(value) * DAY_MS });
  }
  if (key === "au" && state.step === "audience") {
    if (value === "chat") return advance(ctx, deps, state, "chat", data);
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
    const done = deps.polls.cancelDraft(pollId);
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(ctx.t(done ? "polls-preview-cancelled" : "polls-preview-stale", { id: pollId }), { parse_mode: "HTML" });
  }
  const count = sendPoll(deps.delivery, pollId, ctx.from.id);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(
    count === null ? ctx.t("polls-preview-stale", { id: pollId }) : ctx.t("polls-preview-sent", { id: pollId, count }),
    { parse_mode: "HTML" },
  );
});

async function advance(ctx: BotContext, deps: PollsFeatureDeps, state: DraftState, step: FlowStep, data: FlowData) {
  deps.polls.saveDraftState({ ...state, step, data: { ...data } }, deps.now());
  const cancel = { text: ctx.t("polls-button-cancel"), callback_data: "pf:x" };
  switch (step) {
    case "options":
    case "chat":
      return ctx.reply(ctx.t(step === "options" ? "polls-flow-options" : "polls-flow-chat"), {
        parse_mode: "HTML",
        reply_markup: forceReply(ctx),
        reply_parameters: replyTo(ctx),
      });
    case "multiple":
      return ctx.reply(ctx.t("polls-flow-multiple"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("polls-button-single"), "pf:m:0")
          .text(ctx.t("polls-button-multiple"), "pf:m:1")
          .row()
          .add(cancel),
      });
    case "anonymous":
      return ctx.reply(ctx.t("polls-flow-anonymous"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("polls-button-anonymous"), "pf:a:1")
          .text(ctx.t("polls-button-named"), "pf:a:0")
          .row()
          .add(cancel),
      });
    case "deadline":
      return ctx.reply(ctx.t("polls-flow-deadline"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("polls-button-default-deadline", { days: DEFAULT_POLL_DAYS }), `pf:d:${DEFAULT_POLL_DAYS}`)
          .row()
          .add(cancel),
      });
    case "audience":
      return ctx.reply(ctx.t("polls-flow-audience"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("polls-button-audience-subscribers"), "pf:au:subscribers")
          .row()
          .text(ctx.t("polls-button-audience-users"), "pf:au:users")
          .row()
          .text(ctx.t("polls-button-audience-chat"), "pf:au:chat")
          .row()
          .add(cancel),
      });
    default:
      return undefined;
  }
}

async function finish(ctx: BotContext, deps: PollsFeatureDeps, state: DraftState, audience: PollAudience, chatId: number | null) {
  const data = state.data as FlowData;
  deps.polls.clearDraftState(state.userId);
  if (!data.question || !data.options || data.closesAt === undefined) return ctx.reply(ctx.t("polls-flow-expired"));
  const poll = deps.polls.createDraft(
    {
      question: data.question,
      options: data.options,
      multiple: data.multiple ?? false,
      anonymous: data.anonymous ?? true,
      audience,
      audienceChatId: chatId,
      createdBy: state.userId,
      closesAt: new Date(data.closesAt),
    },
    deps.now(),
  );
  return showPreview(ctx, deps, poll);
}

async function showPreview(ctx: BotContext, deps: PollsFeatureDeps, poll: Poll) {
  const message = buildPollMessage(poll, ctx.t, deps.timeZone);
  const options = poll.options.map((label, i) => `${i + 1}. ${escapeHtml(label)}`).join("\n");
  const audience =
    poll.audience === "chat"
      ? ctx.t("polls-preview-audience-chat", { chat: String(poll.audienceChatId) })
      : ctx.t(`polls-preview-audience-${poll.audience}`, { count: pollRecipients(deps.delivery, poll).length });
  const text = [ctx.t("polls-preview-title", { id: poll.id }), "", message.text, "", options, "", audience].join("\n");
  deps.logger.info({ pollId: poll.id, userId: poll.createdBy, deadline: formatDeadline(poll.closesAt, deps.timeZone) }, "polls: draft created");
  return ctx.reply(text, {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(ctx.t("polls-button-send"), `ps:${poll.id}`).text(ctx.t("polls-button-cancel"), `pc:${poll.id}`),
  });
}

function replyProblems(ctx: BotContext, problems: PollProblem[], withUsage: boolean) {
  const lines = [
    ctx.t("polls-form-problems"),
    ...problems.map(({ code, ...vars }) => {
      const escaped = Object.fromEntries(
        Object.entries(vars as Record<string, string | number>).map(([k, v]) => [k, typeof v === "string" ? escapeHtml(v) : v]),
      );
      return ctx.t(`polls-problem-${code}`, escaped);
    }),
  ];
  if (withUsage) lines.push("", ctx.t("polls-form-usage"));
  return ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
}

// In a group the bot (in privacy mode) only sees replies to its own messages: asking for a reply makes
// the staff member's app answer in a way the bot receives.
function forceReply(ctx: BotContext): ForceReply {
  return { force_reply: true, selective: true, input_field_placeholder: ctx.t("polls-flow-placeholder") };
}

function replyTo(ctx: BotContext) {
  return ctx.msg && ctx.from && ctx.msg.from?.id === ctx.from.id
    ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true }
    : undefined;
}
