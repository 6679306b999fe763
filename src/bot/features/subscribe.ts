import { Composer } from "grammy";
import { CALLBACKS, SETTINGS_ACTION } from "../../callback-data.js";
import { escapeHtml } from "../../html.js";
import { isMessageNotModified } from "../../jobs/send-errors.js";
import type { BotContext, PushBotDeps } from "../context.js";
import { QUIET_CHOICES, renderKeywords, renderSettings, renderTopics, TOPICS_SHOWN } from "../push-settings.js";

/** Longest keyword alert, in characters. */
export const KEYWORD_MAX_CHARS = 60;

/**
 * Subscriptions: /dangky (/subscribe) [từ khóa], /huy (/unsubscribe), /caidat (/settings) and the
 * settings buttons; a private chat that blocks the bot stops being a subscriber.
 */
export function createSubscribeFeature(push: PushBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  // Before the membership feature, which records the block for the users table.
  privateChat.on("my_chat_member", async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked" || status === "left") (await push.stores.subscriptions.markInactive(ctx.chat.id, "blocked the bot", ctx.now()));
    await next();
  });

  privateChat.command(["dangky", "subscribe"], async (ctx) => {
    const now = ctx.now();
    const locale = await ctx.i18n.getLocale();
    const keyword = ctx.match.trim().replace(/\s+/g, " ");
    if (keyword) {
      if (keyword.length > KEYWORD_MAX_CHARS) return void (await ctx.reply(ctx.t("subscribe-keyword-too-long", { max: KEYWORD_MAX_CHARS })));
      await push.stores.subscriptions.addKeyword(ctx.chat.id, keyword, now, locale);
      await ctx.reply(ctx.t("subscribe-keyword-done", { keyword: escapeHtml(keyword) }), { parse_mode: "HTML" });
    } else {
      await push.stores.subscriptions.subscribeAll(ctx.chat.id, now, locale);
      await ctx.reply(ctx.t("subscribe-done"));
    }
    const sub = (await push.stores.subscriptions.get(ctx.chat.id))!;
    const screen = renderSettings(ctx, sub, push);
    await ctx.reply(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
  });

  privateChat.command(["huy", "unsubscribe"], async (ctx) => {
    const now = ctx.now();
    const was = await push.stores.unsubscribe(ctx.chat.id, now);
    await ctx.reply(ctx.t(was ? "unsubscribe-done" : "unsubscribe-none"));
  });

  privateChat.command(["caidat", "settings"], async (ctx) => {
    const sub = await push.stores.subscriptions.get(ctx.chat.id);
    if (!sub || !sub.active) return void (await ctx.reply(ctx.t("settings-none"), { parse_mode: "HTML" }));
    const screen = renderSettings(ctx, sub, push);
    await ctx.reply(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
  });

  feature.callbackQuery(CALLBACKS.settings.match, async (ctx) => {
    const press = CALLBACKS.settings.decode(ctx.callbackQuery.data);
    const chatId = ctx.chat?.id;
    const sub = chatId !== undefined ? (await push.stores.subscriptions.get(chatId)) : undefined;
    if (!press || chatId === undefined || !sub || !sub.active) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
    }
    const now = ctx.now();
    const subs = push.stores.subscriptions;
    const A = SETTINGS_ACTION;
    const topics = await push.stores.items.topTopics(TOPICS_SHOWN);
    let screen: ReturnType<typeof renderSettings> | null = null;
    switch (press.action) {
      case A.news:
        await subs.update(chatId, { news: !sub.news }, now);
        break;
      case A.documents:
        await subs.update(chatId, { documents: !sub.documents }, now);
        break;
      case A.mode:
        await subs.update(chatId, { mode: sub.mode === "instant" ? "digest" : "instant" }, now);
        break;
      case A.polls:
        await subs.update(chatId, { polls: !sub.polls }, now);
        break;
      case A.quiet: {
        const at = QUIET_CHOICES.indexOf(sub.quietHours);
        await subs.update(chatId, { quietHours: QUIET_CHOICES[(at + 1) % QUIET_CHOICES.length] ?? null }, now);
        break;
      }
      case A.topicsMenu:
        screen = renderTopics(ctx, sub, topics);
        break;
      case A.topic: {
        const topic = topics[press.arg];
        if (topic === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
        const next = sub.topics.includes(topic) ? sub.topics.filter((t) => t !== topic) : [...sub.topics, topic];
        screen = renderTopics(ctx, (await subs.update(chatId, { topics: next }, now))!, topics);
        break;
      }
      case A.allTopics:
        screen = renderTopics(ctx, (await subs.update(chatId, { topics: [] }, now))!, topics);
        break;
      case A.keywordsMenu:
        screen = renderKeywords(ctx, sub);
        break;
      case A.removeKeyword: {
        if (sub.keywords[press.arg] === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
        const updated = (await subs.update(chatId, { keywords: sub.keywords.filter((_, i) => i !== press.arg) }, now))!;
        screen = updated.keywords.length ? renderKeywords(ctx, updated) : null;
        break;
      }
      case A.unsubscribe: {
        await push.stores.unsubscribe(chatId, now);
        await ctx.answerCallbackQuery();
        return void (await ctx.editMessageText(ctx.t("unsubscribe-done")));
      }
      case A.back:
        break;
      default:
        return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
    }
    await ctx.answerCallbackQuery();
    screen ??= renderSettings(ctx, (await subs.get(chatId))!, push);
    try {
      await ctx.editMessageText(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
    } catch (err) {
      // A button pressed twice edits to the same text: Telegram's "message is not modified" is harmless.
      if (!isMessageNotModified(err)) throw err;
    }
  });

  return feature;
}
