import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot, toInputFile } from "../../src/bot/index.js";
import { startPolling } from "../../src/bot/polling.js";
import { CLOSE_POLLS_JOB, createPollsRuntime } from "../../src/jobs/start-polls.js";
import { createTestTranslator } from "../support/translator.js";
import { createDeliveryWorker } from "../../src/jobs/deliver-outbox.js";
import { createScheduler } from "../../src/jobs/scheduler.js";
import { createOutboxStore } from "../../src/storage/outbox-store.js";
import { createSubscriptionsStore } from "../../src/storage/subscriptions-store.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { createTestDeps } from "../support/test-bot.js";

const STAFF_CHAT = -100200;
const STAFF = { id: 200, is_bot: false, first_name: "Hoa", language_code: "vi" };
const ADMIN = { id: 201, is_bot: false, first_name: "Minh", language_code: "vi" };
const STAFF_GROUP = { id: STAFF_CHAT, type: "supergroup" as const, title: "Ban Tuyên giáo Thành ủy" };
const TZ = "Asia/Ho_Chi_Minh";
const CITIZENS = Array.from({ length: 30 }, (_, i) => 2001 + i);
const staff = { user: STAFF, chat: STAFF_GROUP };
const admin = { user: ADMIN, chat: STAFF_GROUP };
const citizen = (id: number) => ({ user: { id, is_bot: false, first_name: `Dân ${id}`, language_code: "vi" } });

/** Waits until `condition` holds, checking after each turn of the event loop; fails after `limitMs`. */
async function until(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The real bot, the outbox worker and the scheduler's jobs over one database file, as `main.ts` wires them. */
async function startPollsBot(api: FakeBotApi, dbPath: string, clock: { now: () => Date }) {
  const deps = await createTestDeps({ dbPath, now: () => clock.now().getTime() });
  const outbox = createOutboxStore(deps.db);
  const setup = createPollsRuntime({
    db: deps.db,
    outbox,
    logger: deps.logger,
    translator: createTestTranslator(),
    inputFile: toInputFile,
    timeZone: TZ,
    staffChatId: STAFF_CHAT,
    quietHours: null,
    reportCron: "0 8 * * 1",
    now: () => clock.now().getTime(),
  });
  const pngs: Uint8Array[] = [];
  const makeFile = setup.deps.report.inputFile;
  setup.deps.report.inputFile = (data, name) => (pngs.push(data), makeFile(data, name));
  const bot = createBot(api.token, { ...deps, staffChatId: STAFF_CHAT, polls: setup.deps }, { apiRoot: api.apiRoot, maxDelaySeconds: 5 });
  const worker = createDeliveryWorker({ api: bot.api, outbox, logger: deps.logger }, { perChatIntervalMs: 0, ratePerSecond: 1000 });
  const scheduler = createScheduler({ logger: deps.logger }, { timeZone: TZ });
  setup.attach({ worker, scheduler, api: bot.api });
  const running = await startPolling(bot, { logger: deps.logger, timeoutSeconds: 1 });
  return {
    deps,
    polls: setup.deps.polls,
    worker,
    scheduler,
    pngs,
    async stop() {
      await running.stop();
      await scheduler.stop();
      await deps.database.close();
    },
  };
}

describe("polls end to end", () => {
  let api: FakeBotApi;
  let dir: string;
  let time: Date;
  const clock = { now: () => time };
  const texts = (method: string, chatId: number) =>
    api.callsOf(method).filter((c) => Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text ?? c.payload.caption ?? ""));
  const answers = () => api.callsOf("answerCallbackQuery").map((c) => String(c.payload.text ?? ""));

  beforeEach(async () => {
    api = await startFakeBotApi();
    dir = mkdtempSync(join(tmpdir(), "civic-bot-polls-"));
    time = new Date("2026-11-26T02:00:00Z");
    api.setChatMember(STAFF_CHAT, STAFF.id, "member");
    api.setChatMember(STAFF_CHAT, ADMIN.id, "administrator");
    api.setChatMember(STAFF_CHAT, 666, "left");
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates a poll from one line, refuses a non-member, delivers it, and counts every vote exactly", async () => {
    const bot = await startPollsBot(api, join(dir, "db.sqlite"), clock);
    try {
      const subscriptions = createSubscriptionsStore(bot.deps.db);
      for (const id of CITIZENS) (await subscriptions.subscribeAll(id, time.getTime(), "vi"));
      await subscriptions.update(CITIZENS[29]!, { polls: false }, time.getTime());

      api.userSays("/thamdo Anh/chị đi làm bằng phương tiện gì? | Xe máy | Xe buýt | Đi bộ", { user: { id: 666, is_bot: false, first_name: "Lạ" } });
      const refusal = await api.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === 666);
      expect(refusal.payload.text).toBe("Xin lỗi, lệnh này chỉ dành cho cán bộ trong nhóm điều hành.");

      api.userSays("/thamdo Anh/chị đi làm bằng phương tiện gì? | Xe máy | Xe buýt | Đi bộ", staff);
      const preview = await api.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === STAFF_CHAT);
      expect(preview.response.ok).toBe(true);
      expect(preview.payload.text).toContain("Xem trước thăm dò #1");
      expect(preview.payload.text).toContain("(29 người)");

      api.userPresses("ps:1", staff);
      await api.waitForCall("editMessageText", (c) => String(c.payload.text).includes("Đã bắt đầu gửi thăm dò #1 đến 29"));
      await bot.worker.drain();
      const copies = api.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) > 2000);
      expect(copies).toHaveLength(29);
      expect(copies.every((c) => c.response.ok)).toBe(true);
      expect(texts("sendMessage", CITIZENS[29]!)).toEqual([]);
      expect(texts("sendMessage", STAFF_CHAT).at(-1)).toBe("Đã gửi xong thăm dò #1: 29/29 đã nhận, 0 đã chặn bot, 0 lỗi.");

      // 29 people vote at the same moment; 5 then change their mind; 3 withdraw; one presses a forged option.
      const voters = CITIZENS.slice(0, 29);
      const first = new Map(voters.map((id, i) => [id, i % 3]));
      const base = answers().length;
      for (const id of voters) api.userPresses(`pv:1:${first.get(id)}`, citizen(id));
      await until(() => answers().length === base + 29, "29 votes answered");
      for (const id of voters.slice(0, 5)) api.userPresses("pv:1:2", citizen(id));
      await until(() => answers().length === base + 34, "5 changed votes answered");
      time = new Date(time.getTime() + 6_000);
      for (const id of voters.slice(5, 8)) api.userPresses(`pv:1:${first.get(id)}`, citizen(id));
      api.userPresses("pv:1:7", citizen(voters[9]!));
      await until(() => answers().length === base + 38, "withdrawals answered");
      expect(answers().filter((a) => a === "Đã rút lại lựa chọn của bạn.")).toHaveLength(3);

      const expected = [0, 0, 0];
      voters.forEach((id, i) => {
        if (i >= 5 && i < 8) return;
        expected[i < 5 ? 2 : first.get(id)!]! += 1;
      });
      expect((await bot.polls.results(1))).toMatchObject({ counts: expected, participants: 26 });

      api.userSays("/ketqua", staff);
      const results = await api.waitForCall("sendPhoto", (c) => Number(c.payload.chat_id) === STAFF_CHAT);
      expect(results.response.ok).toBe(true);
      expect(results.payload.caption).toContain(`1. Xe máy: <b>${expected[0]}</b>`);
      expect(results.payload.caption).toContain("26 người đã tham gia bình chọn");
      const png = results.payload.photo.data as Buffer;
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      expect(png.length).toBeGreaterThan(1000);
      expect(png.equals(Buffer.from(bot.pngs.at(-1)!))).toBe(true);

      api.userSays("/xuat", staff);
      const csv = await api.waitForCall("sendDocument", (c) => Number(c.payload.chat_id) === STAFF_CHAT);
      expect(csv.response.ok).toBe(true);
      expect(csv.payload.document.file).toBe("tham-do-1.csv");
      const content = (csv.payload.document.data as Buffer).toString("utf8");
      const percent = (n: number) => String(Math.round((1000 * n) / 26) / 10);
      expect(content.split("\r\n")).toEqual([
        "\uFEFFKết quả thăm dò",
        "STT,Phương án,Số phiếu,Tỷ lệ (%)",
        `1,Xe máy,${expected[0]},${percent(expected[0]!)}`,
        `2,Xe buýt,${expected[1]},${percent(expected[1]!)}`,
        `3,Đi bộ,${expected[2]},${percent(expected[2]!)}`,
        "Số người tham gia,,26,",
        "",
      ]);
    } finally {
      await bot.stop();
    }
  });

  it("walks the guided flow and sends a named poll to a group chat", async () => {
    const bot = await startPollsBot(api, join(dir, "db.sqlite"), clock);
    try {
      const group = { id: -100777, type: "supergroup" as const, title: "Tổ dân phố 3" };
      const step = async (text: string, expectInReply: string) => {
        const since = api.calls.length;
        api.userSays(text, staff);
        const reply = await api.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === STAFF_CHAT, { since });
        expect(reply.payload.text).toContain(expectInReply);
      };
      const press = async (data: string, expectInReply: string) => {
        const since = api.calls.length;
        api.userPresses(data, staff);
        const reply = await api.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === STAFF_CHAT, { since });
        expect(reply.payload.text).toContain(expectInReply);
      };
      await step("/thamdo", "(1/6)");
      await step("Nên ưu tiên sửa tuyến đường nào?", "(2/6)");
      await step("Lê Duẩn\nHùng Vương\nQuốc lộ 9", "(3/6)");
      await press("pf:m:0", "(4/6)");
      await press("pf:a:0", "(5/6)");
      await step("3 ngày", "(6/6)");
      await press("pf:au:chat", "chat id");
      await step(String(group.id), "Xem trước thăm dò #1");
      api.userPresses("ps:1", staff);
      await api.waitForCall("editMessageText", (c) => String(c.payload.text).includes("đến 1 nơi nhận"));
      await bot.worker.drain();
      const copy = api.callsOf("sendMessage").find((c) => Number(c.payload.chat_id) === group.id)!;
      expect(copy.payload.text).toContain("👤 Có ghi tên");
      expect(copy.payload.text).toContain("Hạn chót: 09:00 29/11/2026");

      const base = answers().length;
      api.userPresses("pv:1:1", { user: citizen(3001).user, chat: group });
      api.userPresses("pv:1:2", { user: citizen(3002).user, chat: group });
      await until(() => answers().length === base + 2, "group votes answered");
      expect((await bot.polls.namedVotes(1)).map((v) => [v.userId, v.label])).toEqual([
        [3001, "Hùng Vương"],
        [3002, "Quốc lộ 9"],
      ]);
      // A group copy is the same for everyone: no personal ticks are edited into it.
      expect(api.callsOf("editMessageReplyMarkup").filter((c) => Number(c.payload.chat_id) === group.id)).toEqual([]);

      api.userSays("/xuat 1", staff);
      const csv = await api.waitForCall("sendDocument", (c) => Number(c.payload.chat_id) === STAFF_CHAT);
      const lines = (csv.payload.document.data as Buffer).toString("utf8").split("\r\n");
      expect(lines.slice(1, 6)).toEqual([
        "STT,Phương án,Số phiếu,Tỷ lệ (%)",
        "1,Lê Duẩn,0,0",
        "2,Hùng Vương,1,50",
        "3,Quốc lộ 9,1,50",
        "Số người tham gia,,2,",
      ]);
      expect(lines.slice(7, 9)).toEqual(["Các phiếu (thăm dò có ghi tên)", "Mã người dùng Telegram,Tên,Phương án,Thời điểm (UTC)"]);
      expect(lines.slice(9, 11).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["3001,Dân 3001,Hùng Vương", "3002,Dân 3002,Quốc lộ 9"]);
    } finally {
      await bot.stop();
    }
  });

  it("closes at the deadline after a restart: every copy edited, votes kept, results and chart to staff", async () => {
    const dbPath = join(dir, "db.sqlite");
    const first = await startPollsBot(api, dbPath, clock);
    try {
      const subscriptions = createSubscriptionsStore(first.deps.db);
      for (const id of CITIZENS.slice(0, 3)) (await subscriptions.subscribeAll(id, time.getTime(), "vi"));
      api.userSays("/thamdo Có nên mở phố đi bộ cuối tuần? | Có | Không", staff);
      await api.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === STAFF_CHAT);
      api.userPresses("ps:1", staff);
      await api.waitForCall("editMessageText", (c) => String(c.payload.text).includes("Đã bắt đầu gửi"));
      await first.worker.drain();
      const base = answers().length;
      for (const [i, id] of CITIZENS.slice(0, 3).entries()) api.userPresses(`pv:1:${i === 2 ? 1 : 0}`, citizen(id));
      await until(() => answers().length === base + 3, "votes answered");
      api.userSays("/dong", staff);
      await api.waitForCall("sendMessage", (c) => String(c.payload.text).includes("chỉ quản trị viên"));
    } finally {
      await first.stop();
    }

    time = new Date(time.getTime() + 8 * 24 * 3_600_000);
    const second = await startPollsBot(api, dbPath, clock);
    try {
      const since = api.calls.length;
      await second.scheduler.run(CLOSE_POLLS_JOB);
      await second.worker.drain();
      const report = await api.waitForCall("sendPhoto", (c) => Number(c.payload.chat_id) === STAFF_CHAT, { since });
      expect(report.payload.caption).toContain("Thăm dò #1 đã hết hạn và được đóng tự động.");
      expect(report.payload.caption).toContain("1. Có: <b>2</b> (66,7%)");
      expect(report.payload.caption).toContain("3 người đã tham gia bình chọn");
      expect(second.pngs).toHaveLength(1);
      const edits = api.callsOf("editMessageText").slice(-3);
      expect(edits.map((c) => Number(c.payload.chat_id)).sort()).toEqual(CITIZENS.slice(0, 3));
      expect(edits.every((c) => c.response.ok && c.payload.reply_markup === undefined)).toBe(true);
      expect(String(edits[0]!.payload.text)).toContain("(đã kết thúc)");

      api.userPresses("pv:1:1", citizen(CITIZENS[0]!));
      await until(() => answers().at(-1) === "Thăm dò này đã kết thúc, lựa chọn không được tính.", "late vote refused");
      expect((await second.polls.results(1))).toMatchObject({ counts: [2, 1], participants: 3 });
      await second.scheduler.run(CLOSE_POLLS_JOB);
      api.userSays("/dong 1", admin);
      await api.waitForCall("sendMessage", (c) => c.payload.text === "Thăm dò #1 đã đóng từ trước.");
      expect(api.callsOf("sendPhoto").filter((c) => Number(c.payload.chat_id) === STAFF_CHAT)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
