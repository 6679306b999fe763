import { Composer, InlineKeyboard } from "grammy";
import { sendAnnouncement } from "../../jobs/announce.js";
import { decodeCallback, encodeCallback } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../format.js";
import { staffOnly } from "../staff.js";

/** Longest announcement text, in characters, leaving room for the header within Telegram's 4,096. */
export const ANNOUNCEMENT_MAX_CHARS = 3500;

const PREFIX = "an";
const SEND = 1;
const CANCEL = 2;

/** Staff announcements: `/thongbao <text>` (`/announce`) in the staff group, a preview, then send to all subscribers. */
export const announceFeature = new Composer<BotContext>();

announceFeature.command(["thongbao", "announce"], staffOnly({ inStaffChat: true }), async (ctx, next) => {
  const push = ctx.deps.push;
  if (!push || !ctx.from) return next();
  const text = ctx.match.trim();
  if (!text) return void (await ctx.reply(ctx.t("announce-usage"), { parse_mode: "HTML" }));
  if (text.length > ANNOUNCEMENT_MAX_CHARS) {
    return void (await ctx.reply(ctx.t("announce-too-long", { length: text.length, max: ANNOUNCEMENT_MAX_CHARS })));
  }
  const html = `${ctx.t("announce-header")}\n\n${escapeHtml(text)}`;
  const draft = await push.stores.announcements.createDraft(html, ctx.from.id, (ctx.deps.now ?? Date.now)());
  const count = (await push.stores.subscriptions.counts()).active;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("announce-send", { count }), encodeCallback(PREFIX, SEND, draft.id))
    .text(ctx.t("announce-cancel"), encodeCallback(PREFIX, CANCEL, draft.id));
  await ctx.reply(`${ctx.t("announce-preview", { count })}\n\n${html}`, { parse_mode: "HTML", reply_markup: keyboard });
});

announceFeature.callbackQuery(new RegExp(`^${PREFIX}:`), staffOnly(), async (ctx) => {
  const push = ctx.deps.push;
  const press = decodeCallback(ctx.callbackQuery.data, PREFIX, 2);
  const message = ctx.callbackQuery.message;
  if (!push || !press || !message) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
  const [action, id] = press as [number, number];
  const now = (ctx.deps.now ?? Date.now)();
  if (action === CANCEL) {
    const closed = await push.stores.announcements.close(id, "cancelled", null);
    await ctx.answerCallbackQuery({ text: ctx.t(closed ? "announce-cancelled" : "announce-already") });
    if (closed) await ctx.editMessageText(ctx.t("announce-cancelled"));
    return;
  }
  const outcome = await sendAnnouncement(push.stores, id, { chatId: message.chat.id, messageId: message.message_id, createdBy: ctx.from.id }, now);
  if (outcome.status !== "queued") return void (await ctx.answerCallbackQuery({ text: ctx.t("announce-already") }));
  ctx.logger.info({ announcementId: id, campaignId: outcome.campaignId, recipients: outcome.recipients }, "announce: queued");
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("announce-progress", { sent: 0, total: outcome.recipients, blocked: 0, failed: 0 }), {
    parse_mode: "HTML",
  });
  push.wake();
});
