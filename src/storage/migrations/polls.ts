import type { Migration } from "./index.js";

/** The polls area's schema (versions 300-399). Times are milliseconds since the epoch. */
export const POLL_MIGRATIONS: readonly Migration[] = [
  {
    version: 300,
    name: "polls: polls, options, copies, ballots, drafts",
    up: `
      CREATE TABLE polls (
        id INTEGER PRIMARY KEY,
        question TEXT NOT NULL,
        multiple INTEGER NOT NULL DEFAULT 0,
        anonymous INTEGER NOT NULL DEFAULT 1,
        audience TEXT NOT NULL CHECK (audience IN ('users', 'subscribers', 'chat')),
        audience_chat_id INTEGER,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'cancelled')),
        created_by INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        opened_at INTEGER,
        closes_at INTEGER NOT NULL,
        closed_at INTEGER,
        -- Per-poll secret for anonymous voter keys; dropped at closing, when no more votes are taken,
        -- so the stored keys can no longer be linked to anyone.
        salt TEXT
      );
      CREATE INDEX polls_open_deadline ON polls (status, closes_at);

      CREATE TABLE poll_options (
        poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (poll_id, position)
      );

      -- One row per message carrying the poll (a private chat or a group).
      CREATE TABLE poll_copies (
        poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
        chat_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        -- The recipient's language, so the closing edit speaks it too.
        locale TEXT NOT NULL DEFAULT 'vi',
        sent_at INTEGER NOT NULL,
        closed_at INTEGER,
        PRIMARY KEY (poll_id, chat_id, message_id)
      );

      -- One row per person per poll: the voter key makes "one vote per person across copies" a primary key.
      -- Named polls keep who voted (user_id, voter_name); anonymous polls keep only a salted hash.
      CREATE TABLE poll_ballots (
        poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
        voter_key TEXT NOT NULL,
        user_id INTEGER,
        voter_name TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (poll_id, voter_key)
      );

      CREATE TABLE poll_choices (
        poll_id INTEGER NOT NULL,
        voter_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (poll_id, voter_key, position),
        FOREIGN KEY (poll_id, voter_key) REFERENCES poll_ballots (poll_id, voter_key) ON DELETE CASCADE
      );

      -- The guided /thamdo flow, one per staff member, kept here so a restart does not lose it.
      CREATE TABLE poll_drafts (
        user_id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        step TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
];
