import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { AsyncEngine } from "../engine-pool/types.js";
import type { QuietHours } from "../jobs/quiet-hours.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { PushStores } from "../storage/push-stores.js";
import type { PollsFeatureDeps } from "../jobs/start-polls.js";
import type { QuestionStore } from "../storage/question-store.js";
import type { UserStore } from "../storage/user-store.js";
import type { DocumentsStore } from "../storage/documents-store.js";
import type { BotGuards } from "../storage/bot-guards.js";

/**
 * What the bot's handlers need, passed to {@link createBot} by `main.ts` (or a test).
 * Features of later issues add their own collaborators here.
 */
export interface BotDeps {
  /** The engine: questions and searches answered asynchronously, documents read at once. */
  engine: AsyncEngine;
  users: UserStore;
  questions: QuestionStore;
  /** The rate limit's windows, the double-tap guard's presses and the chat turns, in the database every instance shares. */
  guards: BotGuards;
  logger: Logger;
  /** City name used in messages (`CITY_NAME`). */
  cityName: string;
  /** Where a citizen can ask a person, shown when the bot has no answer (`CONTACT_LINE`). */
  contactLine: string;
  /** Staff group chat id (`STAFF_CHAT_ID`), or undefined when staff features are not set up. */
  staffChatId?: number | undefined;
  /** Clock in epoch milliseconds, injectable for tests. Defaults to the system clock. */
  now?: Clock;
  /** Opinion polls and staff insight; without them staff commands answer that they are not set up. */
  polls?: PollsFeatureDeps;
  /** Subscriptions, sources and announcements; without it those commands are not offered. */
  push?: PushBotDeps;
  /** Sending documents' original files (the 📎 buttons); without it that feature is not installed. */
  documents?: DocumentsBotDeps;
}

/** What sending an original file needs: where the originals are kept, and Telegram's file ids of past uploads. */
export interface DocumentsBotDeps {
  store: DocumentsStore;
  /** `DATA_DIR`: the originals are in its `files/` folder, under their SHA-256. */
  dataDir: string;
}

/** What the subscription, announcement and source features need. */
export interface PushBotDeps {
  stores: PushStores;
  /** The configured sources, for `/nguon`. */
  sources: ReadonlyArray<{ name: string; type: string }>;
  /** `TZ`, for quiet hours and times shown to staff. */
  timeZone: string;
  /** `QUIET_HOURS`, for subscribers who keep the default. */
  defaultQuietHours: QuietHours | null;
  /** Wakes the delivery worker after rows were queued. */
  wake: () => void;
}

/** What every handler finds on its context besides grammY's and i18n's parts. */
export interface BotContextExtras {
  /** Logger bound to the update being handled (`update_id`). */
  logger: Logger;
  /** The bot's clock: `deps.now`, else the system clock. */
  now: Clock;
  deps: BotDeps;
}

/** The context type of every handler of the bot. */
export type BotContext = Context & I18nFlavor & BotContextExtras;
