import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/storage/database.js";
import { createPushStores, type PushStores } from "../../src/storage/push-stores.js";
import { createQuestionStore } from "../../src/storage/question-store.js";
import { type BotInstance, maxInWindow, startBotInstances, waitFor } from "../support/bot-processes.js";
import { createTestSchema } from "../support/databases.js";
import { type FakeBotApi, type RecordedCall, startFakeBotApi } from "../support/fake-bot-api.js";

// Two real bot processes (`npm start`, webhook mode) over one PostgreSQL schema and one fake Bot
// API, with the test as the load balancer: each update goes to the instance the test chooses.

const STAFF_CHAT = -100200;
const STAFF = { id: 200, is_bot: false, first_name: "Hoa", language_code: "vi" };
const STAFF_GROUP = { id: STAFF_CHAT, type: "supergroup" as const, title: "Ban Tuyên giáo Thành ủy" };
const staff = { user: STAFF, chat: STAFF_GROUP };
const citizen = (id: number) => ({ user: { id, is_bot: false, first_name: `Dân ${id}`, language_code: "vi" } });
/** The delivery worker's concurrency: the sends that may be in flight when an instance dies, and so may repeat. */
const IN_FLIGHT_BOUND = 4;
/** Telegram's limit for a bot's messages in any one second. */
const TELEGRAM_MESSAGES_PER_SECOND = 30;
const SECOND_MS = 1000;
/** A short lease keeps the takeover after a crash within seconds. */
const LEASE_SECONDS = "2";

/** Methods that deliver or change a message: what Telegram's per-second limit counts. */
const isSend = (call: RecordedCall) => /^(send(?!ChatAction)|edit|copy|forward)/.test(call.method);

/** Both instances over one fresh schema, each update posted to the instance a test picks. */
function useTwoInstances() {
  const state = {} as { api: FakeBotApi; instances: BotInstance[]; database: Database; stores: PushStores; drop: () => Promise<void> };
  return {
    state,
    async start() {
      state.api = await startFakeBotApi();
      state.api.setChatMember(STAFF_CHAT, STAFF.id, "member");
      const schema = await createTestSchema();
      state.drop = schema.drop;
      // The test's own connection: it migrates the schema before the instances start, and seeds and reads it.
      state.database = await openDatabase(schema.url, { poolSize: 2 });
      state.stores = createPushStores(state.database.db);
      state.instances = await startBotInstances(state.api, ["civic-a", "civic-b"], {
        databaseUrl: schema.url,
        env: { STAFF_CHAT_ID: String(STAFF_CHAT), LEADER_LEASE_SECONDS: LEASE_SECONDS },
      });
    },
    async stop() {
      await Promise.all((state.instances ?? []).map((i) => i.stop()));
      await state.database?.close();
      await state.drop?.();
      await state.api?.close();
    },
  };
}

/** Posts `update` to `instance` and expects the webhook to take it. */
async function deliver(instance: BotInstance, update: Update): Promise<void> {
  const status = await instance.post(update);
  if (status !== 200) throw new Error(`${instance.id} answered ${status} to update ${update.update_id}:\n${instance.stderr()}`);
}

describe("two instances over one PostgreSQL", () => {
  const two = useTwoInstances();
  const { state } = two;
  beforeAll(() => two.start(), 150_000);
  afterAll(() => two.stop());

  const textsTo = (chatId: number) =>
    state.api.callsOf("sendMessage").filter((c) => c.response.ok && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));

  it("answers updates posted to both alternately, each once", async () => {
    const users = Array.from({ length: 20 }, (_, i) => 3001 + i);
    // One user's updates in order (each posted once the previous one is handled), users at once,
    // and each update to the other instance than the one before.
    await Promise.all(
      users.map(async (id, u) => {
        const steps = ["/start", "Đông Hà có bao nhiêu đảng viên?", "/dangky"];
        for (const [k, text] of steps.entries()) await deliver(state.instances[(u + k) % 2]!, state.api.userSays(text, citizen(id)));
      }),
    );
    for (const id of users) {
      const texts = textsTo(id);
      expect(texts.filter((t) => t.includes("Xin chào")), `welcome to ${id}`).toHaveLength(1);
      expect(texts.filter((t) => t.includes("<b>7.210</b>")), `answer to ${id}`).toHaveLength(1);
      expect(texts.filter((t) => t.includes("đã đăng ký nhận tin")), `subscribed ${id}`).toHaveLength(1);
      // In the order asked.
      expect(texts.findIndex((t) => t.includes("Xin chào"))).toBeLessThan(texts.findIndex((t) => t.includes("<b>7.210</b>")));
      expect(texts.findIndex((t) => t.includes("<b>7.210</b>"))).toBeLessThan(texts.findIndex((t) => t.includes("đã đăng ký nhận tin")));
    }
    const questions = await createQuestionStore(state.database.db).recent(100);
    expect(questions.filter((q) => users.includes(q.userId)).map((q) => q.userId).sort()).toEqual(users);
    const subscribed = (await state.stores.subscriptions.active()).map((s) => s.chatId);
    expect(subscribed).toEqual(expect.arrayContaining(users));
  }, 90_000);

  it("counts exactly the votes of 20 subscribers pressing through both instances", async () => {
    const voters = Array.from({ length: 20 }, (_, i) => 3101 + i);
    await Promise.all(voters.map((id, v) => deliver(state.instances[v % 2]!, state.api.userSays("/dangky", citizen(id)))));

    await deliver(state.instances[0]!, state.api.userSays("/thamdo Anh/chị đi làm bằng phương tiện gì? | Xe máy | Xe buýt | Đi bộ", staff));
    const preview = await state.api.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === STAFF_CHAT && /Xem trước thăm dò/.test(c.payload.text));
    const send = String(preview.payload.reply_markup.inline_keyboard[0][0].callback_data);
    const pollId = Number(/^ps:(\d+)$/.exec(send)?.[1]);
    expect(pollId).toBeGreaterThan(0);
    await deliver(state.instances[1]!, state.api.userPresses(send, staff));

    const copyOf = (id: number) =>
      state.api.messagesIn(id).find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => "callback_data" in b && b.callback_data?.startsWith(`pv:${pollId}:`)));
    await waitFor(() => voters.every((id) => copyOf(id)), "a copy of the poll in every voter's chat");

    // Everyone votes at once, through both instances; then six of those who chose a bus or a
    // motorbike walk instead, each pressing through the other instance than the first time.
    const first = new Map(voters.map((id, v) => [id, v % 3]));
    const press = (id: number, option: number, instance: number) =>
      deliver(state.instances[instance % 2]!, state.api.userPresses(`pv:${pollId}:${option}`, citizen(id)));
    await Promise.all(voters.map((id, v) => press(id, first.get(id)!, v)));
    const walkers = voters.filter((id) => first.get(id) !== 2).slice(0, 6);
    await Promise.all(walkers.map((id) => press(id, 2, voters.indexOf(id) + 1)));

    const expected = [0, 0, 0];
    for (const id of voters) expected[walkers.includes(id) ? 2 : first.get(id)!]! += 1;
    expect(expected).toEqual([4, 4, 12]);
    const participants = voters.length;
    const since = state.api.calls.length;
    await deliver(state.instances[1]!, state.api.userSays(`/ketqua ${pollId}`, staff));
    const results = await state.api.waitForCall("sendPhoto", (c) => Number(c.payload.chat_id) === STAFF_CHAT, { since });
    const caption = String(results.payload.caption);
    expect(caption).toContain(`1. Xe máy: <b>${expected[0]}</b>`);
    expect(caption).toContain(`2. Xe buýt: <b>${expected[1]}</b>`);
    expect(caption).toContain(`3. Đi bộ: <b>${expected[2]}</b>`);
    expect(caption).toContain(`${participants} người đã tham gia bình chọn`);
  }, 90_000);
});

describe("two instances: the one delivering dies mid-broadcast", () => {
  const SUBSCRIBERS = 300;
  const chats = Array.from({ length: SUBSCRIBERS }, (_, i) => 7001 + i);
  const two = useTwoInstances();
  const { state } = two;
  beforeEach(async () => {
    await two.start();
    const now = Date.now();
    await state.stores.transaction(async (tx) => {
      for (const chatId of chats) await tx.subscriptions.subscribeAll(chatId, now);
    });
  }, 150_000);
  afterEach(() => two.stop());

  /** The index of the one instance running the jobs, once each says so of itself and both name it the holder. */
  const runner = async (alive: BotInstance[]): Promise<number | false> => {
    const health = await Promise.all(alive.map((i) => i.health()));
    const running = health.flatMap((h, i) => (h?.jobs?.running ? [i] : []));
    if (running.length !== 1) return false;
    const holder = alive[running[0]!]!.id;
    const agreed = health.every((h, i) => h?.instance === alive[i]!.id && h?.jobs?.holder === holder);
    return agreed && running[0]!;
  };

  it("another takes over: every subscriber gets it, repeats bounded by the sends in flight, within Telegram's limits", async () => {
    const { api, instances } = state;
    const leaderAt = await waitFor(() => runner(instances), "exactly one instance running the jobs, both agreeing which");
    const leader = instances[leaderAt]!;
    const other = instances[1 - leaderAt]!;

    // Staff write to the instance that does not deliver and confirm through the one that does.
    await deliver(other, api.userSays("/thongbao Từ 1/7, bộ phận một cửa làm việc cả sáng thứ Bảy.", staff));
    const preview = await api.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === STAFF_CHAT && /Xem trước thông báo/.test(c.payload.text));
    expect(preview.payload.text).toContain(`${SUBSCRIBERS} người đăng ký`);
    await deliver(leader, api.userPresses(String(preview.payload.reply_markup.inline_keyboard[0][0].callback_data), staff));

    const broadcast = () =>
      api.callsOf("sendMessage").filter((c) => c.response.ok && /Thông báo từ Đông Hà/.test(String(c.payload.text)) && Number(c.payload.chat_id) > 0);
    const reached = () => new Set(broadcast().map((c) => Number(c.payload.chat_id))).size;
    await waitFor(() => broadcast().length >= 40, "40 messages of the broadcast sent");
    await leader.kill("SIGKILL");
    const beforeKill = broadcast().length;
    expect(beforeKill).toBeLessThan(SUBSCRIBERS);

    await waitFor(async () => (await other.health())?.jobs?.running, `${other.id} to take the jobs over`);
    expect((await other.health())?.jobs?.holder).toBe(other.id);
    await waitFor(() => reached() === SUBSCRIBERS, `all ${SUBSCRIBERS} subscribers reached`, { timeoutMs: 60_000 });
    await waitFor(async () => (await state.stores.outbox.counts()).pending === 0, "no row of the outbox left pending");
    await api.waitForCall("editMessageText", (c) => Number(c.payload.chat_id) === STAFF_CHAT && /Đã gửi xong thông báo/.test(c.payload.text), {
      since: 0,
      timeoutMs: 15_000,
    });

    expect(broadcast().length).toBeGreaterThan(beforeKill);
    expect(await state.stores.outbox.counts()).toMatchObject({ pending: 0, sent: SUBSCRIBERS, failed: 0 });
    const perChat = new Map<number, number[]>();
    for (const c of broadcast()) perChat.set(Number(c.payload.chat_id), [...(perChat.get(Number(c.payload.chat_id)) ?? []), c.at]);
    expect([...perChat.keys()].sort((a, b) => a - b)).toEqual(chats);
    const duplicates = [...perChat.values()].reduce((sum, times) => sum + times.length - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
    // Telegram's limits, counted from when the fake Bot API received each call, over the whole run.
    expect(maxInWindow(api.calls.filter(isSend).map((c) => c.at), SECOND_MS)).toBeLessThanOrEqual(TELEGRAM_MESSAGES_PER_SECOND);
    for (const [chatId, times] of perChat) expect(maxInWindow(times, SECOND_MS), `sends to ${chatId} within a second`).toBe(1);
    const done = api.messagesIn(STAFF_CHAT).find((m) => m.text?.includes("Đã gửi xong thông báo"));
    expect(done?.text).toContain(`${SUBSCRIBERS}/${SUBSCRIBERS}`);
  }, 120_000);
});
