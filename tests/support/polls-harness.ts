import { InputFile, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { createBot, type BotContext } from "../../src/bot/index.js";
import type { PollsFeatureDeps } from "../../src/jobs/start-polls.js";
import type { ClosePollsDeps } from "../../src/jobs/close-polls.js";
import { createDeliveryWorker } from "../../src/jobs/deliver-outbox.js";
import { registerPollDelivery, type PollDeliveryDeps } from "../../src/jobs/poll-delivery.js";
import type { ReportPollResultsDeps } from "../../src/jobs/report-poll-results.js";
import type { Db } from "../../src/storage/database.js";
import { createInsightStore } from "../../src/storage/insight-store.js";
import { createOutboxStore } from "../../src/storage/outbox-store.js";
import { createPollsStore } from "../../src/storage/polls-store.js";
import { createTestDeps, TEST_BOT_INFO } from "./test-bot.js";
import { createTestTranslator } from "./translator.js";
/** The staff group of the harness. */
export const STAFF_CHAT = -1001;
/** A staff member; 201 is an admin of the staff chat too. */
export const STAFF_USER = 200;
export const ADMIN_USER = 201;

/** One Bot API call the harness answered. */
export interface Call {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * The real bot (all features) driven by `handleUpdate`, with the poll collaborators wired as in
 * `main.ts`, every outgoing call recorded and answered with a realistic result; the outbox worker
 * sends through the same recorder. The clock moves 11 s with every update, past the bot's
 * double-tap and rate-limit windows. Two harnesses over one PostgreSQL schema (`dbPath`) are two instances.
 */
export async function createPollsHarness(options: { subscribers?: number[]; dbPath?: string } = {}) {
  let clock = new Date("2026-11-26T08:00:00Z");
  const now = () => clock.getTime();
  const base = await createTestDeps({ now, ...(options.dbPath ? { dbPath: options.dbPath } : {}) });
  const { db, logger } = base;
  const polls = createPollsStore(db);
  const outbox = createOutboxStore(db);
  const translator = createTestTranslator();
  const calls: Call[] = [];
  let messageId = 1000;
  const tick = () => (clock = new Date(clock.getTime() + 11_000));
  const answer = async (method: string, payload: unknown) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    const chatId = Number(p.chat_id ?? 0);
    const message = { message_id: ++messageId, date: Math.floor(now() / 1000), chat: { id: chatId, type: chatId > 0 ? "private" : "supergroup" }, text: p.text };
    if (method === "getChatMember") {
      const userId = Number(p.user_id);
      const status = userId === ADMIN_USER ? "administrator" : userId === STAFF_USER ? "member" : "left";
      return { ok: true, result: { status, user: { id: userId, is_bot: false, first_name: "U" } } } as never;
    }
    const result = method.startsWith("send") || method === "editMessageText" ? message : true;
    return { ok: true, result } as never;
  };

  const subscribers = options.subscribers ?? [1, 2, 3];
  const delivery: PollDeliveryDeps = {
    polls,
    outbox,
    recipients: { listPollRecipients: async () => subscribers.map((chatId) => ({ chatId, locale: "vi" })) },
    translator,
    logger,
    timeZone: "Asia/Ho_Chi_Minh",
    staffChatId: STAFF_CHAT,
    staffLocale: "vi",
    quietHours: null,
    now,
  };
  const report: ReportPollResultsDeps = {
    polls,
    translator,
    timeZone: "Asia/Ho_Chi_Minh",
    inputFile: (data, filename) => new InputFile(data, filename),
  };
  const closing: ClosePollsDeps = { polls, delivery, report, logger, staffChatId: STAFF_CHAT, staffLocale: "vi", now };
  const deps: PollsFeatureDeps = {
    polls,
    insight: createInsightStore(db),
    timeZone: "Asia/Ho_Chi_Minh",
    now,
    logger,
    delivery,
    closing,
    report,
  };
  const bot: Bot<BotContext> = createBot("123456:TEST", { ...base, staffChatId: STAFF_CHAT, polls: deps }, { botInfo: TEST_BOT_INFO });
  bot.api.config.use((_prev, method, payload) => answer(method, payload));
  const worker = createDeliveryWorker({ api: bot.api, outbox, logger, now }, { perChatIntervalMs: 0, ratePerSecond: 1000 });
  registerPollDelivery(worker, delivery);

  let updateId = 1;
  const from = (id: number) => ({ id, is_bot: false, first_name: id === STAFF_USER ? "Cán bộ" : `Dân ${id}` });
  const chat = (id: number) =>
    id < 0 ? { id, type: "supergroup" as const, title: "Ban Tuyên giáo" } : { id, type: "private" as const, first_name: `Dân ${id}` };

  return {
    bot,
    db,
    database: base.database,
    polls,
    outbox,
    worker,
    calls,
    deps,
    setClock: (date: Date) => (clock = date),
    /** Someone writes `text` in `chatId`. */
    async send(userId: number, chatId: number, text: string) {
      tick();
      const command = /^\/\w+/.exec(text)?.[0];
      const update = {
        update_id: updateId++,
        message: {
          message_id: updateId,
          date: Math.floor(now() / 1000),
          chat: chat(chatId),
          from: from(userId),
          text,
          ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
        },
      } as unknown as Update;
      await bot.handleUpdate(update);
    },
    /** Someone presses a button carrying `data` on message `messageId` in `chatId`. */
    async press(userId: number, chatId: number, data: string, messageId = 1) {
      tick();
      const update = {
        update_id: updateId++,
        callback_query: {
          id: String(updateId),
          from: from(userId),
          chat_instance: "ci",
          data,
          message: { message_id: messageId, date: 0, chat: chat(chatId), text: "…" },
        },
      } as unknown as Update;
      await bot.handleUpdate(update);
    },
    /** Calls of one method, in order. */
    sent: (method: string) => calls.filter((c) => c.method === method),
    /** Text of the last message sent to a chat. */
    lastText: (chatId: number) =>
      String(calls.filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chatId).at(-1)?.payload.text ?? ""),
  };
}
