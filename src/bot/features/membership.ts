import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** A user blocking (or unblocking) the bot in their private chat: stop (or resume) writing to them. */
export function createMembershipFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.chatType("private").on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked" || status === "left") {
      await ctx.deps.users.markInactive(ctx.chat.id);
      ctx.logger.info({ userId: ctx.chat.id }, "bot: user blocked the bot");
    } else {
      await ctx.deps.users.markActive(ctx.chat.id);
      ctx.logger.info({ userId: ctx.chat.id }, "bot: user unblocked the bot");
    }
  });
  return feature;
}
