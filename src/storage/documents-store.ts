import type { DocFile } from "../index/types.js";
import type { Db } from "./database.js";

/** What a pushed document carries besides the item's own fields. */
export interface ItemDocument {
  kind: string | null;
  signer: string | null;
  file: DocFile | null;
}

/** Telegram file ids of the originals, and the document fields of pushed items. The only code that writes their SQL. */
export interface DocumentsStore {
  /** The file_id Telegram gave the original with this hash, if it was uploaded before. */
  telegramFileId(sha256: string): string | null;
  /** Remembers the file_id of an upload, so the next send of the same file costs nothing. */
  rememberTelegramFileId(sha256: string, fileId: string, now: number): void;
  /** Forgets a file_id Telegram no longer accepts. */
  forgetTelegramFileId(sha256: string): void;
  saveItemDocument(docId: string, document: ItemDocument): void;
  /** The document fields of every pushed document, by doc id. */
  itemDocuments(): Map<string, ItemDocument>;
  itemDocument(docId: string): ItemDocument | undefined;
}

interface Raw {
  doc_id: string;
  kind: string | null;
  signer: string | null;
  file: string | null;
}

const toDocument = (r: Raw): ItemDocument => ({ kind: r.kind, signer: r.signer, file: r.file ? (JSON.parse(r.file) as DocFile) : null });

/** Creates the documents store over a migrated database. */
export function createDocumentsStore(db: Db): DocumentsStore {
  const getFileId = db.prepare("SELECT telegram_file_id FROM document_files WHERE sha256 = ?");
  const putFileId = db.prepare(
    `INSERT INTO document_files (sha256, telegram_file_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET telegram_file_id = excluded.telegram_file_id, updated_at = excluded.updated_at`,
  );
  const dropFileId = db.prepare("DELETE FROM document_files WHERE sha256 = ?");
  const putItem = db.prepare(
    `INSERT INTO item_documents (doc_id, kind, signer, file) VALUES (?, ?, ?, ?)
     ON CONFLICT (doc_id) DO UPDATE SET kind = excluded.kind, signer = excluded.signer, file = excluded.file`,
  );
  const allItems = db.prepare("SELECT doc_id, kind, signer, file FROM item_documents");
  const oneItem = db.prepare("SELECT doc_id, kind, signer, file FROM item_documents WHERE doc_id = ?");
  return {
    telegramFileId: (sha256) => (getFileId.get(sha256) as { telegram_file_id: string } | undefined)?.telegram_file_id ?? null,
    rememberTelegramFileId: (sha256, fileId, now) => void putFileId.run(sha256, fileId, now),
    forgetTelegramFileId: (sha256) => void dropFileId.run(sha256),
    saveItemDocument: (docId, d) => void putItem.run(docId, d.kind, d.signer, d.file ? JSON.stringify(d.file) : null),
    itemDocuments: () => new Map((allItems.all() as Raw[]).map((r) => [r.doc_id, toDocument(r)])),
    itemDocument: (docId) => {
      const row = oneItem.get(docId) as Raw | undefined;
      return row ? toDocument(row) : undefined;
    },
  };
}
