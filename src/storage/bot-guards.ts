import { type ButtonPressStore, createButtonPressStore } from "./button-presses-store.js";
import type { ChatTurns } from "./chat-turns.js";
import type { Database } from "./database.js";
import { createRateWindowStore, type RateWindowStore } from "./rate-windows-store.js";

/** What the bot's guards keep in the database, so that every instance over it sees the same. */
export interface BotGuards {
  /** The per-user rate limit's windows. */
  rateWindows: RateWindowStore;
  /** The double-tap guard's latest presses. */
  presses: ButtonPressStore;
  /** One chat's updates one at a time. */
  chatTurns: ChatTurns;
}

/**
 * The bot's guards over an open database.
 *
 * @example
 * const bot = createBot(token, { ...deps, guards: createBotGuards(database) });
 */
export function createBotGuards(database: Database): BotGuards {
  return {
    rateWindows: createRateWindowStore(database.db),
    presses: createButtonPressStore(database.db),
    chatTurns: database.chatTurns,
  };
}
