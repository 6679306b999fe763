import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "../support/databases.js";
import { createDocumentsStore } from "../../src/storage/documents-store.js";
import { createPushStores } from "../../src/storage/push-stores.js";

const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const FILE = { sha256: SHA, name: "qd-1234-ubnd.pdf", mime: "application/pdf", bytes: 183_204 };
const NOW_MS = Date.UTC(2026, 10, 26, 5, 0, 0);

describe.each(DIALECTS)("documents store on %s", (dialect) => {
  const db = useTestDatabase(dialect);

  it("remembers, replaces and forgets the file_id Telegram gave an original", async () => {
    const store = createDocumentsStore(db());
    expect(await store.telegramFileId(SHA)).toBeNull();
    await store.rememberTelegramFileId(SHA, "BQACAgIAAxkBAAIBa2", NOW_MS);
    expect(await store.telegramFileId(SHA)).toBe("BQACAgIAAxkBAAIBa2");
    await store.rememberTelegramFileId(SHA, "BQACAgIAAxkBAAIBb7", NOW_MS + 1000);
    expect(await store.telegramFileId(SHA)).toBe("BQACAgIAAxkBAAIBb7");
    await store.forgetTelegramFileId(SHA);
    expect(await store.telegramFileId(SHA)).toBeNull();
  });

  it("keeps the kind, signer and original of pushed documents, replaced on a second save", async () => {
    const store = createDocumentsStore(db());
    await store.saveItemDocument("item/1", { kind: "Quyết định", signer: "Nguyễn Văn A", file: FILE });
    await store.saveItemDocument("item/2", { kind: null, signer: null, file: null });
    expect(await store.itemDocument("item/1")).toEqual({ kind: "Quyết định", signer: "Nguyễn Văn A", file: FILE });
    expect(await store.itemDocument("item/3")).toBeUndefined();
    await store.saveItemDocument("item/1", { kind: "Công văn", signer: "Trần Thị B", file: FILE });
    expect(await store.itemDocuments()).toEqual(
      new Map([
        ["item/1", { kind: "Công văn", signer: "Trần Thị B", file: FILE }],
        ["item/2", { kind: null, signer: null, file: null }],
      ]),
    );
  });

  it("writes in the transaction of the push stores, and nothing of a transaction that fails", async () => {
    const stores = createPushStores(db());
    await stores.transaction(async (tx) => tx.documentsStore.saveItemDocument("item/1", { kind: "Thông báo", signer: null, file: FILE }));
    await expect(
      stores.transaction(async (tx) => {
        await tx.documentsStore.saveItemDocument("item/2", { kind: "Kế hoạch", signer: null, file: null });
        throw new Error("the item could not be recorded");
      }),
    ).rejects.toThrow(/could not be recorded/);
    expect([...(await stores.documentsStore.itemDocuments()).keys()]).toEqual(["item/1"]);
  });
});
