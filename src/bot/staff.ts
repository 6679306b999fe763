import type { MiddlewareFn } from "grammy";
import type { ChatMember } from "grammy/types";
import { MINUTE_MS } from "../clock.js";
import { htmlToText } from "../html.js";
import { CALLBACK_ANSWER_MAX_CHARS, truncate } from "../text-limits.js";
import type { BotContext, BotDeps } from "./context.js";

/** How long a staff membership answer from `getChatMember` is trusted. */
export const STAFF_CACHE_MS = MINUTE_MS;

/** Who the sender is to the staff group. */
export type StaffStanding = "not-set-up" | "admin" | "member" | "outsider";

// Keyed by the bot's deps so that two bots in one process (tests) never share answers. Kept per
// process on purpose, even with several instances: it only holds Telegram's own answer for at most
// STAFF_CACHE_MS and nothing clears it early (no chat_member updates are asked for), so every
// instance's copy is within the same minute of freshness that one instance has.
const caches = new WeakMap<BotDeps, Map<number, { standing: StaffStanding; at: number }>>();

function standingOf(member: ChatMember): StaffStanding {
  switch (member.status) {
    case "creator":
    case "administrator":
      return "admin";
    case "member":
      return "member";
    case "restricted":
      return member.is_member ? "member" : "outsider";
    default:
      return "outsider";
  }
}

/**
 * The sender's standing in the staff group (`STAFF_CHAT_ID`), asked with `getChatMember` and cached
 * for {@link STAFF_CACHE_MS}. A failed lookup (the bot is not in the group) counts as outsider and is logged.
 */
export async function staffStanding(ctx: BotContext): Promise<StaffStanding> {
  const staffChatId = ctx.deps.staffChatId;
  if (staffChatId === undefined) return "not-set-up";
  const userId = ctx.from?.id;
  if (userId === undefined) return "outsider";
  const now = ctx.now();
  let cache = caches.get(ctx.deps);
  if (!cache) caches.set(ctx.deps, (cache = new Map()));
  const hit = cache.get(userId);
  if (hit && now - hit.at < STAFF_CACHE_MS) return hit.standing;
  let standing: StaffStanding;
  try {
    standing = standingOf(await ctx.api.getChatMember(staffChatId, userId));
  } catch (err) {
    ctx.logger.error({ err, staffChatId, userId }, "staff: getChatMember failed; is the bot in the staff group?");
    return "outsider";
  }
  cache.set(userId, { standing, at: now });
  return standing;
}

/** Options of {@link staffOnly}. */
export interface StaffOnlyOptions {
  /** Only admins of the staff group; the value is the locale key of the refusal others get. Defaults to members and admins. */
  adminOnly?: string;
  /** Only inside the staff group itself. Defaults to false. */
  inStaffChat?: boolean;
}

/**
 * The one staff guard: middleware that lets staff through and answers anyone else politely (the
 * refusal is logged): "not set up" when `STAFF_CHAT_ID` is absent, a refusal for non-members (and
 * non-admins when `adminOnly`), "use it in the group" elsewhere when `inStaffChat`. Works for
 * messages and button presses.
 *
 * @example
 * feature.command("thongbao", staffOnly({ inStaffChat: true }), async (ctx) => { … });
 */
export function staffOnly(options: StaffOnlyOptions = {}): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const standing = await staffStanding(ctx);
    let refusal: string | null = null;
    if (standing === "not-set-up") refusal = "staff-not-set-up";
    else if (standing === "outsider") refusal = "staff-only";
    else if (options.adminOnly !== undefined && standing !== "admin") refusal = options.adminOnly;
    else if (options.inStaffChat && ctx.chat?.id !== ctx.deps.staffChatId) refusal = "staff-use-in-group";
    if (refusal === null) return next();
    const command = (ctx.message?.text ?? ctx.callbackQuery?.data)?.split(/\s/)[0];
    ctx.logger.info({ userId: ctx.from?.id, chatId: ctx.chat?.id, command, standing, refusal }, "staff: refused");
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: truncate(htmlToText(ctx.t(refusal)), CALLBACK_ANSWER_MAX_CHARS), show_alert: true });
    } else {
      await ctx.reply(ctx.t(refusal), { parse_mode: "HTML" });
    }
  };
}
