import type { Migration } from "./index.js";

/** Schema of sources, items, subscriptions, the delivery outbox and campaigns (versions 200-299). */
export const PUSH_MIGRATIONS: readonly Migration[] = [
  {
    version: 200,
    name: "push: sources, items, subscriptions, outbox, campaigns",
    up: `
      CREATE TABLE push_sources (
        name TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        first_success_at INTEGER,
        last_success_at INTEGER,
        last_error TEXT,
        last_error_at INTEGER,
        failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        items INTEGER NOT NULL DEFAULT 0
      );

      -- One row per distinct article or document, whatever source it came from.
      CREATE TABLE push_items (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        guid TEXT,
        url TEXT,
        content_hash TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('news', 'document')),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        date TEXT,
        time TEXT,
        number TEXT,
        issuer TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        -- 1 when the item was news to subscribers, 0 when it was already there at the source's first fetch.
        pushed INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX push_items_guid ON push_items (source, guid) WHERE guid IS NOT NULL;
      CREATE INDEX push_items_url ON push_items (url) WHERE url IS NOT NULL;
      CREATE INDEX push_items_hash ON push_items (content_hash);
      CREATE INDEX push_items_created ON push_items (created_at);

      CREATE TABLE push_subscriptions (
        chat_id INTEGER PRIMARY KEY,
        active INTEGER NOT NULL DEFAULT 1,
        news INTEGER NOT NULL DEFAULT 1,
        documents INTEGER NOT NULL DEFAULT 1,
        topics TEXT NOT NULL DEFAULT '[]',
        keywords TEXT NOT NULL DEFAULT '[]',
        mode TEXT NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant', 'digest')),
        -- NULL: the configured default; '' : off; otherwise "start-end".
        quiet_hours TEXT,
        polls INTEGER NOT NULL DEFAULT 1,
        language TEXT NOT NULL DEFAULT 'vi',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        inactive_reason TEXT
      );
      CREATE INDEX push_subscriptions_active ON push_subscriptions (active);

      -- Items waiting for a subscriber's daily digest.
      CREATE TABLE push_digest_entries (
        chat_id INTEGER NOT NULL,
        item_id INTEGER NOT NULL REFERENCES push_items (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (chat_id, item_id)
      );

      CREATE TABLE push_campaigns (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        report_chat_id INTEGER,
        report_message_id INTEGER,
        created_by INTEGER,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );

      -- The persistent outbox: one row per (kind, ref, chat). A row is 'pending' until a send succeeds
      -- ('sent'), the chat blocked the bot ('blocked'), or delivery was given up ('failed', reason kept).
      CREATE TABLE push_outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        chat_id INTEGER NOT NULL,
        payload TEXT NOT NULL,
        campaign_id INTEGER REFERENCES push_campaigns (id),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'blocked', 'failed', 'cancelled')),
        not_before INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        first_attempt_at INTEGER,
        last_error TEXT,
        message_id INTEGER,
        created_at INTEGER NOT NULL,
        done_at INTEGER,
        UNIQUE (kind, ref, chat_id)
      );
      CREATE INDEX push_outbox_due ON push_outbox (status, not_before, id);
      CREATE INDEX push_outbox_campaign ON push_outbox (campaign_id, status);
    `,
  },
  {
    version: 201,
    name: "push: corpus files already seen",
    up: `
      CREATE TABLE push_corpus_files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        seen_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 202,
    name: "push: staff announcements",
    up: `
      CREATE TABLE push_announcements (
        id INTEGER PRIMARY KEY,
        html TEXT NOT NULL,
        created_by INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'cancelled')),
        campaign_id INTEGER REFERENCES push_campaigns (id)
      );
    `,
  },
];
