import { Composer, InlineKeyboard } from "grammy";
import { ANNOUNCE_ACTION, CALLBACKS } from "../../callback-data.js";
import { escapeHtml } from "../../html.js";
import { sendAnnouncement } from "../../jobs/announce.js";
import type { BotContext, PushBotDeps } from "../context.js";
import { staffOnly } from "../staff.js";

/** Longest announcement text, in characters, leaving room for the header within Telegram's 4,096. */
export const ANNOUNCEMENT_MAX_CHARS = 3500;

/** Staff announcements: `/thongbao <text>` (`/announce`) in the staff group, a preview, then send to all subscribers. */
export function createAnnounceFeature(push: PushBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command(["thongbao", "announce"], staffOnly({ inStaffChat: true }), async (ctx) => {
    if (!ctx.from) return;
    const text = ctx.match.trim();
    if (!text) return void (await ctx.reply(ctx.t("announce-usage"), { parse_mode: "HTML" }));
    if (text.length > ANNOUNCEMENT_MAX_CHARS) {
      return void (await ctx.reply(ctx.t("announce-too-long", { length: text.length, max: ANNOUNCEMENT_MAX_CHARS })));
    }
    const html = `${ctx.t("announce-header")}\n\n${escapeHtml(text)}`;
    const draft = await push.stores.announcements.createDraft(html, ctx.from.id, ctx.now());
    const count = (await push.stores.subscriptions.counts()).active;
    const keyboard = new InlineKeyboard()
      .text(ctx.t("announce-send", { count }), CALLBACKS.announce.encode({ action: ANNOUNCE_ACTION.send, id: draft.id }))
      .text(ctx.t("announce-cancel"), CALLBACKS.announce.encode({ action: ANNOUNCE_ACTION.cancel, id: draft.id }));
    await ctx.reply(`${ctx.t("announce-preview", { count })}\n\n${html}`, { parse_mode: "HTML", reply_markup: keyboard });
  });

  feature.callbackQuery(CALLBACKS.announce.match, staffOnly(), async (ctx) => {
    const press = CALLBACKS.announce.decode(ctx.callbackQuery.data);
    const message = ctx.callbackQuery.message;
    if (!press || !message) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
    const { action, id } = press;
    if (action === ANNOUNCE_ACTION.cancel) {
      const closed = await push.stores.announcements.close(id, "cancelled", null);
      await ctx.answerCallbackQuery({ text: ctx.t(closed ? "announce-cancelled" : "announce-already") });
      if (closed) await ctx.editMessageText(ctx.t("announce-cancelled"));
      return;
    }
    const outcome = await sendAnnouncement(push.stores, id, { chatId: message.chat.id, messageId: message.message_id, createdBy: ctx.from.id }, ctx.now());
    if (outcome.status !== "queued") return void (await ctx.answerCallbackQuery({ text: ctx.t("announce-already") }));
    ctx.logger.info({ announcementId: id, campaignId: outcome.campaignId, recipients: outcome.recipients }, "announce: queued");
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("announce-progress", { sent: 0, total: outcome.recipients, blocked: 0, failed: 0 }), {
      parse_mode: "HTML",
    });
    push.wake();
  });

  return feature;
}
