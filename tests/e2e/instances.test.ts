import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/storage/database.js";
import { createPushStores, type PushStores } from "../../src/storage/push-stores.js";
import { createQuestionStore } from "../../src/storage/question-store.js";
import { type BotInstance, startBotInstances, waitFor } from "../support/bot-processes.js";
import { createTestSchema } from "../support/databases.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";

// Two real bot processes (`npm start`, webhook mode) over one PostgreSQL schema and one fake Bot
// API, with the test as the load balancer: each update goes to the instance the test chooses.

const STAFF_CHAT = -100200;
const STAFF = { id: 200, is_bot: false, first_name: "Hoa", language_code: "vi" };
const STAFF_GROUP = { id: STAFF_CHAT, type: "supergroup" as const, title: "Ban Tuyên giáo Thành ủy" };
const staff = { user: STAFF, chat: STAFF_GROUP };
const citizen = (id: number) => ({ user: { id, is_bot: false, first_name: `Dân ${id}`, language_code: "vi" } });
/** A short lease keeps the takeover after a crash within seconds. */
const LEASE_SECONDS = "2";

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

    // Everyone votes at once, through both instances; then six change their mind and two withdraw,
    // each through the other instance than their first press.
    const first = new Map(voters.map((id, v) => [id, v % 3]));
    const press = (id: number, option: number, instance: number) =>
      deliver(state.instances[instance % 2]!, state.api.userPresses(`pv:${pollId}:${option}`, citizen(id)));
    await Promise.all(voters.map((id, v) => press(id, first.get(id)!, v)));
    const changed = new Map(voters.slice(0, 6).map((id) => [id, (first.get(id)! + 1) % 3]));
    const withdrawn = voters.slice(6, 8);
    await Promise.all([
      ...[...changed].map(([id, option]) => press(id, option, voters.indexOf(id) + 1)),
      ...withdrawn.map((id) => press(id, first.get(id)!, voters.indexOf(id) + 1)),
    ]);

    const expected = [0, 0, 0];
    for (const id of voters) {
      if (withdrawn.includes(id)) continue;
      expected[changed.get(id) ?? first.get(id)!]! += 1;
    }
    const participants = voters.length - withdrawn.length;
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
