import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { closeDuePolls, closePoll, type ClosePollsDeps } from "../../src/jobs/close-polls.js";
import { createDeliveryWorker } from "../../src/jobs/deliver-outbox.js";
import { registerPollDelivery, sendPoll, type PollDeliveryDeps } from "../../src/jobs/poll-delivery.js";
import type { ReportApi, ReportPollResultsDeps } from "../../src/jobs/report-poll-results.js";
import { openDatabase } from "../../src/storage/database.js";
import { createOutboxStore } from "../../src/storage/outbox-store.js";
import { createPollsStore } from "../../src/storage/polls-store.js";
import { createRecordingApi } from "../support/recording-api.js";
import { createTestTranslator } from "../support/translator.js";

const logger = pino({ level: "silent" });
const STAFF = -100;
const T0 = new Date("2026-11-26T08:00:00Z");

async function setup() {
  const { db } = await openDatabase(":memory:");
  const polls = createPollsStore(db);
  const outbox = createOutboxStore(db);
  const rec = createRecordingApi();
  const photos: Array<{ chatId: number; caption: unknown; bytes: number }> = [];
  const api = {
    ...rec.api,
    sendPhoto: async (chatId: number, photo: { data: Uint8Array }, other?: { caption?: string }) => {
      photos.push({ chatId, caption: other?.caption, bytes: photo.data.length });
      return { message_id: 999, date: 0, chat: { id: chatId, type: "group", title: "Staff" } };
    },
  };
  let clock = T0;
  const now = () => clock.getTime();
  const translator = createTestTranslator();
  const worker = createDeliveryWorker({ api: rec.api, outbox, logger, now: () => clock.getTime() }, { perChatIntervalMs: 0, ratePerSecond: 1000 });
  const delivery: PollDeliveryDeps = {
    polls,
    outbox,
    recipients: { listPollRecipients: async () => [1, 2, 3].map((chatId) => ({ chatId, locale: chatId === 3 ? "en" : "vi" })) },
    translator,
    logger,
    timeZone: "Asia/Ho_Chi_Minh",
    staffChatId: STAFF,
    staffLocale: "vi",
    quietHours: null,
    now,
  };
  registerPollDelivery(worker, delivery);
  const report: ReportPollResultsDeps = {
    polls,
    translator,
    timeZone: "Asia/Ho_Chi_Minh",
    inputFile: (data) => ({ data }) as never,
  };
  const deps: ClosePollsDeps = { polls, delivery, report, logger, staffChatId: STAFF, staffLocale: "vi", now };
  const create = async () =>
    await polls.createDraft(
      { question: "Bạn đi làm bằng gì?", options: ["Xe máy", "Xe buýt"], multiple: false, anonymous: true, audience: "subscribers", createdBy: 7, closesAt: new Date(T0.getTime() + 3_600_000) },
      T0,
    );
  return { polls, outbox, rec, photos, worker, deps, delivery, create, reportApi: api as unknown as ReportApi, setClock: (d: Date) => (clock = d) };
}

describe("poll delivery and closing", () => {
  it("sends a copy to each recipient in their language and reports progress to staff", async () => {
    const { polls, rec, worker, delivery, create } = await setup();
    const poll = await create();
    expect((await sendPoll(delivery, poll.id, 7))).toBe(3);
    expect((await sendPoll(delivery, poll.id, 7))).toBeNull();
    await worker.drain();
    const copies = rec.sent().filter((c) => c.chatId > 0);
    expect(copies.map((c) => c.chatId).sort()).toEqual([1, 2, 3]);
    expect(copies.find((c) => c.chatId === 1)?.payload.text).toContain("THĂM DÒ Ý KIẾN");
    expect(copies.find((c) => c.chatId === 3)?.payload.text).toContain("OPINION POLL");
    expect(copies[0]?.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Xe máy", callback_data: `pv:${poll.id}:0` }], [{ text: "Xe buýt", callback_data: `pv:${poll.id}:1` }]],
    });
    expect((await polls.listCopies(poll.id))).toHaveLength(3);
    const report = rec.calls.filter((c) => c.chatId === STAFF).at(-1);
    expect(report?.payload.text).toBe(`Đã gửi xong thăm dò #${poll.id}: 3/3 đã nhận, 0 đã chặn bot, 0 lỗi.`);
  });

  it("closes at the deadline: edits every copy to the final results and reports to staff once", async () => {
    const { polls, rec, photos, worker, deps, delivery, create, setClock, reportApi } = await setup();
    const poll = await create();
    await sendPoll(delivery, poll.id, 7);
    await worker.drain();
    await polls.toggleChoice(poll.id, { userId: 1 }, 0, T0);
    await polls.toggleChoice(poll.id, { userId: 2 }, 0, T0);
    await polls.toggleChoice(poll.id, { userId: 3 }, 1, T0);
    setClock(new Date(T0.getTime() + 3_599_000));
    expect(await closeDuePolls(deps, reportApi)).toEqual([]);
    setClock(new Date(T0.getTime() + 3_600_000));
    expect(await closeDuePolls(deps, reportApi)).toEqual([poll.id]);
    expect(await closeDuePolls(deps, reportApi)).toEqual([]);
    expect(await closePoll(deps, reportApi, poll.id, "hand")).toEqual({ status: "already-closed" });
    await worker.drain();
    const edits = rec.sent("editMessageText").filter((c) => c.chatId > 0);
    expect(edits).toHaveLength(3);
    const vi = edits.find((c) => c.chatId === 1)?.payload;
    expect(vi?.text).toContain("1. Xe máy: <b>2</b> (66,7%)");
    expect(vi?.text).toContain("3 người đã tham gia bình chọn");
    expect(vi?.reply_markup).toBeUndefined();
    expect((await polls.listCopies(poll.id, true))).toEqual([]);
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ chatId: STAFF });
    expect(String(photos[0]?.caption)).toContain(`Thăm dò #${poll.id} đã hết hạn và được đóng tự động.`);
    expect(photos[0]?.bytes).toBeGreaterThan(1000);
  });

  it("gives up a copy queued before closing instead of sending a closed poll", async () => {
    const { outbox, rec, worker, deps, delivery, create, reportApi } = await setup();
    const poll = await create();
    await sendPoll(delivery, poll.id, 7);
    await closePoll(deps, reportApi, poll.id, "hand");
    await worker.drain();
    expect(rec.sent().filter((c) => c.chatId > 0)).toEqual([]);
    expect((await outbox.counts())).toMatchObject({ failed: 3 });
  });

  it("holds copies to private chats until quiet hours end", async () => {
    const { outbox, delivery, create, setClock } = await setup();
    // 23:00 in Đông Hà, quiet hours 22-6: the copies wait until 06:00.
    setClock(new Date("2026-11-26T16:00:00Z"));
    const poll = await create();
    await sendPoll({ ...delivery, quietHours: [22, 6] }, poll.id, 7);
    expect((await outbox.due(new Date("2026-11-26T22:59:00Z").getTime(), 10))).toEqual([]);
    expect((await outbox.due(new Date("2026-11-26T23:00:00Z").getTime(), 10))).toHaveLength(3);
  });
});
