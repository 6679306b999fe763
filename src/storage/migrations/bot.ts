import type { Migration } from "./index.js";

/**
 * Migrations of the citizen-facing bot (versions 100-199): users, the question log, and what the
 * bot's guards share between instances (rate windows, button presses).
 */
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
  {
    version: 102,
    name: "bot: per-user rate windows",
    // One row per user, rewritten when a new window starts; ended windows are deleted now and then.
    up: `
      CREATE TABLE rate_windows (
        user_id INTEGER PRIMARY KEY,       -- Telegram user id
        window_start INTEGER NOT NULL,     -- epoch ms at which the user's current window began
        messages INTEGER NOT NULL,         -- messages counted in that window
        noticed INTEGER NOT NULL DEFAULT 0 -- 1 once the user was told to slow down in that window
      );
    `,
  },
  {
    version: 103,
    name: "bot: button presses",
    up: `
      CREATE TABLE button_presses (
        press_key TEXT PRIMARY KEY,         -- user | message as the client showed it | callback data
        pressed_at INTEGER NOT NULL,        -- epoch ms of the latest press
        repeated INTEGER NOT NULL DEFAULT 0 -- 1 when the latest press came within the window of the one before
      );
    `,
  },
];
