import { BOT_MIGRATIONS } from "./bot.js";
import { DOCUMENT_MIGRATIONS } from "./documents.js";
import { POLL_MIGRATIONS } from "./polls.js";
import { PUSH_MIGRATIONS } from "./push.js";

/** One schema change, applied once, in version order. */
export interface Migration {
  /** Unique version. Ranges by area: 100-199 bot, 200-299 push, 300-399 polls, 400-499 documents. */
  version: number;
  name: string;
  /** SQL run in one transaction. */
  up: string;
}

/** Every migration of the project. */
export const MIGRATIONS: readonly Migration[] = [...BOT_MIGRATIONS, ...PUSH_MIGRATIONS, ...POLL_MIGRATIONS, ...DOCUMENT_MIGRATIONS];
