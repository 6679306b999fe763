import type { Selectable } from "kysely";
import type { DocFile } from "../index/types.js";
import type { Db } from "./database.js";
import type { ItemDocumentsTable } from "./schema.js";

/** What a pushed document carries besides the item's own fields. */
export interface ItemDocument {
  kind: string | null;
  signer: string | null;
  file: DocFile | null;
}

/** Telegram file ids of the originals, and the document fields of pushed items. The only code that writes their SQL. */
export interface DocumentsStore {
  /** The file_id Telegram gave the original with this hash, if it was uploaded before. */
  telegramFileId(sha256: string): Promise<string | null>;
  /** Remembers the file_id of an upload, so the next send of the same file costs nothing. */
  rememberTelegramFileId(sha256: string, fileId: string, now: number): Promise<void>;
  /** Forgets a file_id Telegram no longer accepts. */
  forgetTelegramFileId(sha256: string): Promise<void>;
  /** Records (or replaces) the document fields of a pushed item. */
  saveItemDocument(docId: string, document: ItemDocument): Promise<void>;
  /** The document fields of every pushed document, by doc id. */
  itemDocuments(): Promise<Map<string, ItemDocument>>;
  /** The document fields of one pushed document, if it has any. */
  itemDocument(docId: string): Promise<ItemDocument | undefined>;
}

type Raw = Selectable<ItemDocumentsTable>;

const toDocument = (r: Raw): ItemDocument => ({ kind: r.kind, signer: r.signer, file: r.file ? (JSON.parse(r.file) as DocFile) : null });

/** Creates the documents store over a migrated database. */
export function createDocumentsStore(db: Db): DocumentsStore {
  const items = () => db.selectFrom("item_documents").selectAll();
  return {
    async telegramFileId(sha256) {
      const r = await db.selectFrom("document_files").select("telegram_file_id").where("sha256", "=", sha256).executeTakeFirst();
      return r?.telegram_file_id ?? null;
    },
    async rememberTelegramFileId(sha256, fileId, now) {
      await db
        .insertInto("document_files")
        .values({ sha256, telegram_file_id: fileId, updated_at: now })
        .onConflict((oc) =>
          oc.column("sha256").doUpdateSet((eb) => ({
            telegram_file_id: eb.ref("excluded.telegram_file_id"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    },
    async forgetTelegramFileId(sha256) {
      await db.deleteFrom("document_files").where("sha256", "=", sha256).execute();
    },
    async saveItemDocument(docId, d) {
      await db
        .insertInto("item_documents")
        .values({ doc_id: docId, kind: d.kind, signer: d.signer, file: d.file ? JSON.stringify(d.file) : null })
        .onConflict((oc) =>
          oc.column("doc_id").doUpdateSet((eb) => ({
            kind: eb.ref("excluded.kind"),
            signer: eb.ref("excluded.signer"),
            file: eb.ref("excluded.file"),
          })),
        )
        .execute();
    },
    itemDocuments: async () => new Map((await items().execute()).map((r) => [r.doc_id, toDocument(r)])),
    async itemDocument(docId) {
      const r = await items().where("doc_id", "=", docId).executeTakeFirst();
      return r ? toDocument(r) : undefined;
    },
  };
}
