import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "../support/databases.js";
import { createOutboxStore } from "../../src/storage/outbox-store.js";

describe.each(DIALECTS)("outbox store on %s", (dialect) => {
  const db = useTestDatabase(dialect);
  it("keeps one row per (kind, ref, chat)", async () => {
    const outbox = createOutboxStore(db());
    const row = { kind: "item", ref: "1", chatId: 7, payload: { itemId: 1 } };
    expect((await outbox.enqueue([row, row, { ...row, chatId: 8 }], 0))).toBe(2);
    expect((await outbox.enqueue([row], 0))).toBe(0);
    expect((await outbox.due(0, 10)).map((r) => r.chatId)).toEqual([7, 8]);
  });

  it("holds rows until their notBefore", async () => {
    const outbox = createOutboxStore(db());
    await outbox.enqueue([{ kind: "item", ref: "1", chatId: 7, payload: null, notBefore: 5000 }], 0);
    expect((await outbox.due(4999, 10))).toEqual([]);
    expect((await outbox.nextDueAt())).toBe(5000);
    expect((await outbox.due(5000, 10))).toHaveLength(1);
  });

  it("closes every pending row of a chat that blocked the bot", async () => {
    const outbox = createOutboxStore(db());
    await outbox.enqueue(
      [1, 2, 3].map((i) => ({ kind: "item", ref: String(i), chatId: 7, payload: null })),
      0,
    );
    const [first] = await outbox.due(0, 1);
    expect((await outbox.markBlocked(first!.id, 1, "Forbidden: bot was blocked by the user"))).toBe(3);
    expect((await outbox.counts())).toMatchObject({ pending: 0, blocked: 3 });
  });

  it("counts a campaign's rows by status", async () => {
    const outbox = createOutboxStore(db());
    const id = await outbox.createCampaign({ kind: "announcement", label: "test", reportChatId: -100 }, 0);
    await outbox.enqueue([1, 2, 3].map((chatId) => ({ kind: "announcement", ref: String(id), chatId, payload: null, campaignId: id })), 0);
    const rows = await outbox.due(0, 10);
    await outbox.markSent(rows[0]!.id, 1, 10);
    await outbox.markFailed(rows[1]!.id, 1, "Bad Request: message is too long");
    expect((await outbox.campaignProgress(id))).toEqual({ total: 3, pending: 1, sent: 1, blocked: 0, failed: 1, cancelled: 0 });
  });
});
