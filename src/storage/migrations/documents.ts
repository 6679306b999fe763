import type { Migration } from "./index.js";

/** Migrations of official document files (versions 400-499): Telegram's file ids, and what pushed documents carry. */
export const DOCUMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 400,
    name: "documents: telegram file ids and the document fields of pushed items",
    up: `
      CREATE TABLE document_files (
        sha256 TEXT PRIMARY KEY,           -- the original file's SHA-256, hex (kept under it in DATA_DIR/files)
        telegram_file_id TEXT NOT NULL,    -- Telegram's file_id after the first upload: later sends cost nothing
        updated_at INTEGER NOT NULL        -- ms since the epoch
      );
      CREATE TABLE item_documents (
        doc_id TEXT PRIMARY KEY,           -- push_items.doc_id
        kind TEXT,                         -- "Quyết định", as read from the layout
        signer TEXT,
        file TEXT                          -- JSON {sha256, name, mime, bytes} of the original, or NULL
      );
    `,
  },
];
