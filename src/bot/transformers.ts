import type { Transformer } from "grammy";
import type { Logger } from "../logger.js";
import type { UserStore } from "../storage/user-store.js";

/**
 * An API transformer that marks a user inactive when Telegram answers 403 for their private chat
 * (blocked the bot, deactivated), so that nothing is sent to them again until they write. Install
 * it after auto-retry so that it sees the final outcome of a call.
 */
export function markUnreachable(users: UserStore, logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    // Positive chat ids are private chats, whose id is the user's.
    if (!result.ok && result.error_code === 403 && typeof chatId === "number" && chatId > 0) {
      if (await users.markInactive(chatId)) {
        logger.info({ userId: chatId, method, description: result.description }, "bot: user unreachable, marked inactive");
      }
    }
    return result;
  };
}
