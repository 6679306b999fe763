import type { MiddlewareFn } from "grammy";
import type { ChatTurns } from "../../storage/chat-turns.js";
import type { BotContext } from "../context.js";

/**
 * Handles an update of a chat only in that chat's turn, across every instance of the bot (see
 * {@link ChatTurns}); updates without a chat (inline queries) pass straight through. Installed after
 * `sequentialize`, so that one instance's queue for a chat waits in memory, not on a connection.
 *
 * @example
 * bot.use(sequentialize(chatKey), chatTurn(deps.guards.chatTurns));
 */
export function chatTurn(turns: ChatTurns): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const chatId = ctx.chat?.id;
    return chatId === undefined ? next() : turns.withChatTurn(chatId, next);
  };
}
