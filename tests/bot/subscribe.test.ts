import { describe, expect, it } from "vitest";
import { createPushStores } from "../../src/storage/push-stores.js";
import { createHandlerBot } from "../support/test-bot.js";

async function pushBot() {
  let wakes = 0;
  let stores!: ReturnType<typeof createPushStores>;
  const hb = await createHandlerBot({
    extend: (deps) => {
      stores = createPushStores(deps.db);
      return { push: { stores, sources: [], timeZone: "Asia/Ho_Chi_Minh", defaultQuietHours: [22, 6], wake: () => void wakes++ } };
    },
  });
  return { hb, stores, wakes: () => wakes };
}

type Button = { text: string; callback_data?: string };
const buttons = (call: { payload: Record<string, unknown> }) =>
  ((call.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat());
const press = async (hb: Awaited<ReturnType<typeof pushBot>>["hb"], label: RegExp) => {
  const last = [...hb.calls].reverse().find((c) => (c.method === "sendMessage" || c.method === "editMessageText") && c.payload.reply_markup)!;
  const b = buttons(last).find((x) => label.test(x.text));
  if (!b?.callback_data) throw new Error(`no button ${label} in ${buttons(last).map((x) => x.text).join(" | ")}`);
  await hb.press(b.callback_data);
};

describe("subscription commands", () => {
  it("subscribes to everything and shows the settings with the default quiet hours", async () => {
    const { hb, stores } = await pushBot();
    await hb.say("/dangky");
    const [done, settings] = hb.sent("sendMessage");
    expect(done!.payload.text).toContain("đã đăng ký nhận tin");
    expect(settings!.payload.text).toContain("Giờ yên lặng: 22-6");
    expect((await stores.subscriptions.get(1001))).toMatchObject({ active: true, news: true, documents: true, mode: "instant", polls: true });
  });

  it("adds a keyword alert alone for a new subscriber, escaped in the reply", async () => {
    const { hb, stores } = await pushBot();
    await hb.say("/dangky quy hoạch <b>");
    expect(hb.sent("sendMessage")[0]!.payload.text).toContain("«quy hoạch &lt;b&gt;»");
    expect((await stores.subscriptions.get(1001))).toMatchObject({ news: false, documents: false, keywords: ["quy hoạch <b>"] });
  });

  it("changes settings with the buttons", async () => {
    const { hb, stores } = await pushBot();
    await hb.say("/dangky");
    await hb.say("/dangky chợ Đông Hà");
    await press(hb, /^Tin bài/);
    expect((await stores.subscriptions.get(1001))!.news).toBe(false);
    await press(hb, /^Giờ yên lặng/);
    expect((await stores.subscriptions.get(1001))!.quietHours).toBe("");
    expect(hb.sent("editMessageText")[0]!.payload.text).toContain("Giờ yên lặng: tắt");
    await press(hb, /^Thăm dò/);
    expect((await stores.subscriptions.get(1001))!.polls).toBe(false);
    await press(hb, /^Xóa từ khóa/);
    await press(hb, /chợ Đông Hà/);
    expect((await stores.subscriptions.get(1001))!.keywords).toEqual([]);
  });

  it("unsubscribes and withdraws waiting pushes", async () => {
    const { hb, stores } = await pushBot();
    await hb.say("/dangky");
    await stores.outbox.enqueue([{ kind: "item", ref: "1", chatId: 1001, payload: {} }], 0);
    await hb.say("/huy");
    expect(hb.sent("sendMessage")[0]!.payload.text).toContain("đã hủy đăng ký");
    expect((await stores.subscriptions.get(1001))!.active).toBe(false);
    expect((await stores.outbox.counts())).toMatchObject({ pending: 0, cancelled: 1 });
    await hb.say("/caidat");
    expect(hb.sent("sendMessage")[0]!.payload.text).toContain("chưa đăng ký");
  });

  it("marks the subscription inactive when the user blocks the bot", async () => {
    const { hb, stores } = await pushBot();
    await hb.say("/dangky");
    await hb.send({
      my_chat_member: {
        chat: { id: 1001, type: "private", first_name: "Lan" },
        from: { id: 1001, is_bot: false, first_name: "Lan" },
        date: 0,
        old_chat_member: { status: "member", user: { id: 42, is_bot: true, first_name: "Bot" } },
        new_chat_member: { status: "kicked", user: { id: 42, is_bot: true, first_name: "Bot" }, until_date: 0 },
      },
    });
    expect((await stores.subscriptions.get(1001))!.active).toBe(false);
  });

  it("answers in English for an English user", async () => {
    const { hb } = await pushBot();
    await hb.say("/subscribe", { language_code: "en" });
    expect(hb.sent("sendMessage")[0]!.payload.text).toContain("You are subscribed");
  });
});
