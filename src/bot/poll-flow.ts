import { InlineKeyboard } from "grammy";
import { CALLBACKS } from "../callback-data.js";
import type { ForceReply } from "grammy/types";
import { pollRecipients } from "../jobs/poll-delivery.js";
import { escapeHtml } from "../html.js";
import { DEFAULT_POLL_DAYS } from "../polls/parse-deadline.js";
import { formatInstant } from "../time-zone.js";
import type { PollProblem } from "../polls/poll-limits.js";
import { buildPollMessage } from "../polls/poll-message.js";
import type { Poll, PollAudience, PollFlowState, PollFlowStep } from "../storage/polls-store.js";
import type { BotContext } from "./context.js";
import type { PollsFeatureDeps } from "../jobs/start-polls.js";

// The steps of `/thamdo`'s guided flow and its preview, shared by the feature's handlers.

/** Saves the flow at its next step (with what was gathered) and asks that step's question. */
export async function advance(ctx: BotContext, deps: PollsFeatureDeps, state: PollFlowState, next: PollFlowStep) {
  await deps.polls.saveDraftState({ userId: state.userId, chatId: state.chatId, ...next }, new Date(deps.now()));
  const { step } = next;
  const cancel = { text: ctx.t("polls-button-cancel"), callback_data: CALLBACKS.pollFlow.encode({ step: "cancel" }) };
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
          .text(ctx.t("polls-button-single"), CALLBACKS.pollFlow.encode({ step: "multiple", on: false }))
          .text(ctx.t("polls-button-multiple"), CALLBACKS.pollFlow.encode({ step: "multiple", on: true }))
          .row()
          .add(cancel),
      });
    case "anonymous":
      return ctx.reply(ctx.t("polls-flow-anonymous"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("polls-button-anonymous"), CALLBACKS.pollFlow.encode({ step: "anonymous", on: true }))
          .text(ctx.t("polls-button-named"), CALLBACKS.pollFlow.encode({ step: "anonymous", on: false }))
          .row()
          .add(cancel),
      });
    case "deadline":
      return ctx.reply(ctx.t("polls-flow-deadline"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("polls-button-default-deadline", { days: DEFAULT_POLL_DAYS }), CALLBACKS.pollFlow.encode({ step: "deadline", days: DEFAULT_POLL_DAYS }))
          .row()
          .add(cancel),
      });
    case "audience":
      return ctx.reply(ctx.t("polls-flow-audience"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("polls-button-audience-subscribers"), CALLBACKS.pollFlow.encode({ step: "audience", audience: "subscribers" }))
          .row()
          .text(ctx.t("polls-button-audience-users"), CALLBACKS.pollFlow.encode({ step: "audience", audience: "users" }))
          .row()
          .text(ctx.t("polls-button-audience-chat"), CALLBACKS.pollFlow.encode({ step: "audience", audience: "chat" }))
          .row()
          .add(cancel),
      });
    default:
      return undefined;
  }
}

/** Ends the flow: the draft poll is saved and previewed. */
export async function finish(
  ctx: BotContext,
  deps: PollsFeatureDeps,
  state: Extract<PollFlowState, { step: "audience" | "chat" }>,
  audience: PollAudience,
  chatId: number | null,
) {
  const { data } = state;
  await deps.polls.clearDraftState(state.userId);
  const poll = (await deps.polls.createDraft(
    {
      question: data.question,
      options: data.options,
      multiple: data.multiple,
      anonymous: data.anonymous,
      audience,
      audienceChatId: chatId,
      createdBy: state.userId,
      closesAt: new Date(data.closesAt),
    },
    new Date(deps.now()),
  ));
  return showPreview(ctx, deps, poll);
}

/** The preview of a draft: the poll as recipients will see it, its audience, and the send and cancel buttons. */
export async function showPreview(ctx: BotContext, deps: PollsFeatureDeps, poll: Poll) {
  const message = buildPollMessage(poll, ctx.t, deps.timeZone);
  const options = poll.options.map((label, i) => `${i + 1}. ${escapeHtml(label)}`).join("\n");
  const audience =
    poll.audience === "chat"
      ? ctx.t("polls-preview-audience-chat", { chat: String(poll.audienceChatId) })
      : ctx.t(`polls-preview-audience-${poll.audience}`, { count: (await pollRecipients(deps.delivery, poll)).length });
  const text = [ctx.t("polls-preview-title", { id: poll.id }), "", message.text, "", options, "", audience].join("\n");
  deps.logger.info({ pollId: poll.id, userId: poll.createdBy, deadline: formatInstant(poll.closesAt.getTime(), deps.timeZone) }, "polls: draft created");
  return ctx.reply(text, {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(ctx.t("polls-button-send"), CALLBACKS.pollSend.encode({ pollId: poll.id }))
      .text(ctx.t("polls-button-cancel"), CALLBACKS.pollCancel.encode({ pollId: poll.id })),
  });
}

/** Lists every problem with Telegram's limits, HTML-escaped. */
export function replyProblems(ctx: BotContext, problems: PollProblem[], withUsage: boolean) {
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

/**
 * Asks for a reply. In a group the bot (in privacy mode) only sees replies to its own messages:
 * asking for a reply makes the staff member's app answer in a way the bot receives.
 */
export function forceReply(ctx: BotContext): ForceReply {
  return { force_reply: true, selective: true, input_field_placeholder: ctx.t("polls-flow-placeholder") };
}

/** Replies to the sender's own message, so that `selective` asks only them. */
export function replyTo(ctx: BotContext) {
  return ctx.msg && ctx.from && ctx.msg.from?.id === ctx.from.id
    ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true }
    : undefined;
}
