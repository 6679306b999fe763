import { InlineKeyboard } from "grammy";
import type { Subscription } from "../storage/subscriptions-store.js";
import { CALLBACKS, SETTINGS_ACTION } from "../callback-data.js";
import type { BotContext, PushBotDeps } from "./context.js";
import { escapeHtml } from "../html.js";


/** Quiet-hour choices the button cycles through: the default, off, then a few common spans. */
export const QUIET_CHOICES: ReadonlyArray<string | null> = [null, "", "21-6", "22-7", "23-6"];

/** Topics offered in the settings menu, at most this many. */
export const TOPICS_SHOWN = 8;

const button = (action: number, arg = 0) => CALLBACKS.settings.encode({ action, arg });

/** The quiet hours a subscription lives by, as shown: "22-6", or off. */
export function quietLabel(ctx: BotContext, sub: Subscription, push: PushBotDeps): string {
  if (sub.quietHours === "") return ctx.t("settings-quiet-off");
  if (sub.quietHours !== null) return sub.quietHours;
  return push.defaultQuietHours ? `${push.defaultQuietHours[0]}-${push.defaultQuietHours[1]}` : ctx.t("settings-quiet-off");
}

const onOff = (ctx: BotContext, on: boolean) => ctx.t(on ? "settings-on" : "settings-off");

/** The settings screen: a summary and one button per setting. */
export function renderSettings(ctx: BotContext, sub: Subscription, push: PushBotDeps): { text: string; keyboard: InlineKeyboard } {
  const mode = ctx.t(sub.mode === "digest" ? "settings-mode-digest" : "settings-mode-instant");
  const quiet = quietLabel(ctx, sub, push);
  const lines = [
    ctx.t("settings-title"),
    ctx.t("settings-news", { on: onOff(ctx, sub.news) }),
    ctx.t("settings-documents", { on: onOff(ctx, sub.documents) }),
    ctx.t("settings-topics", { topics: sub.topics.length ? escapeHtml(sub.topics.join(", ")) : ctx.t("settings-topics-all") }),
    ctx.t("settings-keywords", {
      keywords: sub.keywords.length ? escapeHtml(sub.keywords.map((k) => `«${k}»`).join(", ")) : ctx.t("settings-keywords-none"),
    }),
    ctx.t("settings-mode", { mode }),
    ctx.t("settings-quiet", { quiet }),
    ctx.t("settings-polls", { on: onOff(ctx, sub.polls) }),
  ];
  if (!sub.active) lines.push(ctx.t("settings-inactive"));
  const keyboard = new InlineKeyboard()
    .text(ctx.t("button-news", { on: onOff(ctx, sub.news) }), button(SETTINGS_ACTION.news))
    .text(ctx.t("button-documents", { on: onOff(ctx, sub.documents) }), button(SETTINGS_ACTION.documents))
    .row()
    .text(ctx.t("button-mode", { mode }), button(SETTINGS_ACTION.mode))
    .row()
    .text(ctx.t("button-quiet", { quiet }), button(SETTINGS_ACTION.quiet))
    .text(ctx.t("button-polls", { on: onOff(ctx, sub.polls) }), button(SETTINGS_ACTION.polls))
    .row()
    .text(ctx.t("button-topics"), button(SETTINGS_ACTION.topicsMenu));
  if (sub.keywords.length) keyboard.text(ctx.t("button-keywords"), button(SETTINGS_ACTION.keywordsMenu));
  keyboard.row().text(ctx.t("button-unsubscribe"), button(SETTINGS_ACTION.unsubscribe));
  return { text: lines.join("\n"), keyboard };
}

/** The topics screen: the most frequent topics of recent items, each a toggle. */
export function renderTopics(ctx: BotContext, sub: Subscription, topics: readonly string[]): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  topics.forEach((topic, i) => {
    const on = sub.topics.includes(topic);
    keyboard.text(`${on ? "✅ " : ""}${topic}`, button(SETTINGS_ACTION.topic, i));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(`${sub.topics.length === 0 ? "✅ " : ""}${ctx.t("button-topic-all")}`, button(SETTINGS_ACTION.allTopics));
  keyboard.row().text(ctx.t("button-back"), button(SETTINGS_ACTION.back));
  return { text: ctx.t(topics.length ? "topics-title" : "topics-none"), keyboard };
}

/** The keywords screen: one button per keyword, pressing removes it. */
export function renderKeywords(ctx: BotContext, sub: Subscription): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  sub.keywords.forEach((k, i) => keyboard.text(`✖ ${k}`, button(SETTINGS_ACTION.removeKeyword, i)).row());
  keyboard.text(ctx.t("button-back"), button(SETTINGS_ACTION.back));
  return { text: ctx.t("keywords-title"), keyboard };
}
