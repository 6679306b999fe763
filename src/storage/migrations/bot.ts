import type { Migration } from "./index.js";

/** Migrations of the citizen-facing bot (versions 100-199): users and the question log. */
export const BOT_MIGRATIONS: readonly Migration[] = [
  {
    version: 100,
    name: "bot: users",
    up: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,            -- Telegram user id (equals the private chat id)
        language TEXT,                     -- chosen with /lang; NULL means "guess from Telegram"
        first_seen TEXT NOT NULL,          -- ISO 8601 UTC
        last_seen TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1  -- 0 once Telegram answers 403 or the user blocks the bot
      );
    `,
  },
  {
    version: 101,
    name: "bot: question log",
    up: `
      CREATE TABLE question_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL,
        chat_id INTEGER,                   -- NULL when the update had no chat
        kind TEXT NOT NULL,                -- ask | search | latest | documents | number
        question TEXT NOT NULL,
        answered INTEGER NOT NULL,         -- 1 when the engine gave an answer (or a list had results)
        doc_id TEXT,                       -- document of the answer
        hits TEXT NOT NULL DEFAULT '[]',   -- JSON array of document ids shown, for paging and reading
        latency_ms REAL NOT NULL,
        feedback INTEGER,                  -- 1 helpful, -1 not what was asked, NULL none
        page INTEGER NOT NULL DEFAULT 0,   -- page currently shown, so a button pressed twice works once
        created_at TEXT NOT NULL
      );
      CREATE INDEX question_log_created_at ON question_log (created_at);
      CREATE INDEX question_log_user ON question_log (user_id);
    `,
  },
];
