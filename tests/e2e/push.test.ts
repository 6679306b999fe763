import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSources } from "../../src/sources/source-config.js";
import { type FakeBotApi, type RecordedCall, startFakeBotApi } from "../support/fake-bot-api.js";
import { fixtureItems, rssOf, startFeedServer, type FeedServer } from "../support/feed-server.js";
import { type PushBot, type PushBotOptions, startPushBot } from "../support/push-harness.js";

const items = fixtureItems();
const quyHoach = items.find((i) => i.id === "danes-04906")!; // "Trình Chính phủ Đề án Quy hoạch điện VIII"
const other = items.find((i) => i.id === "danes-06646")!; // "Quảng Trị điều tra nghi vấn F0 nhập cảnh trái phép"
const old = items.filter((i) => i !== quyHoach && i !== other).slice(0, 3);
const STAFF = -1001234;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const user = (id: number) => ({ user: { id, is_bot: false, first_name: `U${id}`, language_code: "vi" } });
const staffActor = (id: number) => ({ ...user(id), chat: { id: STAFF, type: "supergroup" as const, title: "Ban điều hành" } });

describe("push end to end", () => {
  let api: FakeBotApi;
  let feeds: FeedServer;
  let bot: PushBot;
  const start = async (extra: Partial<PushBotOptions> = {}) => {
    feeds.set("/rss", { body: rssOf(old) });
    bot = await startPushBot(api, {
      sources: parseSources([{ name: "Báo Quảng Trị", type: "rss", url: feeds.url("/rss"), kind: "news" }]),
      staffChatId: STAFF,
      ...extra,
    });
    await bot.runtime.fetchSources(); // the source's first fetch: recorded, not pushed
  };
  const publish = async (...fresh: typeof items) => {
    feeds.set("/rss", { body: rssOf([...fresh, ...old]) });
    return bot.runtime.fetchSources();
  };
  const pushesTo = (chatId: number) =>
    api.callsOf("sendMessage").filter((c) => c.payload.chat_id === chatId && c.response.ok && /Nguồn: Báo Quảng Trị/.test(c.payload.text));
  const say = async (chatId: number, text: string) => {
    const since = api.calls.length;
    api.userSays(text, user(chatId));
    return api.waitForCall("sendMessage", (c) => c.payload.chat_id === chatId, { since });
  };
  /** /dangky (with a keyword or not), waiting for both replies: the confirmation and the settings menu. */
  const subscribe = async (chatId: number, text = "/dangky") => {
    const since = api.calls.length;
    api.userSays(text, user(chatId));
    return api.waitForCall("sendMessage", (c) => c.payload.chat_id === chatId && /Cài đặt nhận tin/.test(c.payload.text), { since });
  };
  const waitUntil = async (check: () => boolean, timeoutMs = 8000) => {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error("timed out waiting");
      await bot.runtime.worker.drain();
    }
  };

  beforeEach(async () => {
    api = await startFakeBotApi();
    feeds = await startFeedServer();
  });
  afterEach(async () => {
    await bot?.stop();
    await api.close();
    await feeds.close();
  });

  it("sends a new item to subscribers and keyword alerts only to matching ones", async () => {
    await start();
    await subscribe(1001);
    expect(api.messagesIn(1001).some((m) => m.text?.includes("đã đăng ký nhận tin"))).toBe(true);
    await subscribe(1002, "/dangky quy hoach");
    await say(1003, "xin chào");
    await publish(quyHoach, other);
    await waitUntil(() => pushesTo(1001).length === 2 && pushesTo(1002).length === 1);
    await bot.runtime.worker.drain();
    expect(pushesTo(1001)).toHaveLength(2);
    expect(pushesTo(1002).map((c) => c.payload.text)).toEqual([expect.stringContaining("Quy hoạch điện VIII")]);
    expect(pushesTo(1003)).toHaveLength(0);
    const push = pushesTo(1002)[0]!;
    expect(push.payload.parse_mode).toBe("HTML");
    expect(push.payload.text).toMatch(/^<b>Trình Chính phủ Đề án Quy hoạch điện VIII<\/b>/);
    expect(push.payload.reply_markup.inline_keyboard[0][0]).toEqual({ text: "Đọc bài", url: quyHoach.url });
    // The new item is answerable and listed at once.
    expect((await bot.deps.engine.search("quy hoach dien VIII")).hits[0]?.doc.title).toBe(quyHoach.title);
    // Old items were never pushed, and nothing is sent twice on the next run.
    await publish(quyHoach, other);
    await bot.runtime.worker.drain();
    expect(pushesTo(1001)).toHaveLength(2);
  });

  it("gathers items for a daily digest instead of sending them at once", async () => {
    await start();
    const settings = await subscribe(1004);
    const modeButton = settings.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text.startsWith("Cách nhận"));
    const since = api.calls.length;
    api.userPresses(modeButton.callback_data, user(1004));
    await api.waitForCall("editMessageText", (c) => /bản tin cuối ngày/.test(c.payload.text), { since });
    await publish(quyHoach, other);
    await bot.runtime.worker.drain();
    expect(pushesTo(1004)).toHaveLength(0);
    expect(await bot.runtime.sendDigest()).toBe(1);
    const digest = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 1004 && /Bản tin ngày/.test(c.payload.text));
    expect(digest.payload.text).toContain(`<a href="${quyHoach.url}">`);
    expect(digest.payload.text).toContain("2 tin");
    expect(await bot.runtime.sendDigest()).toBe(0);
  });

  it("holds pushes during quiet hours and sends them when they end", async () => {
    // 23:30 in Đông Hà (UTC+7) on the bot's clock, whatever the real time.
    const real = Date.now();
    const target = Date.UTC(2024, 4, 22, 16, 30);
    let offset = target - real;
    await start({ quietHours: [22, 6], clockOffsetMs: () => offset });
    await subscribe(1005);
    await publish(other);
    await bot.runtime.worker.drain();
    expect(pushesTo(1005)).toHaveLength(0);
    offset = Date.UTC(2024, 4, 22, 23, 0, 1) - Date.now(); // 06:00:01 local
    bot.runtime.worker.wake();
    await waitUntil(() => pushesTo(1005).length === 1);
  });

  it("waits out a 429 and marks a chat that blocked the bot inactive without retrying it", async () => {
    await start();
    await subscribe(1006);
    await subscribe(1007);
    api.failNext({ method: "sendMessage", chatId: 1006, code: 429, retryAfter: 1 });
    api.blockChat(1007);
    await publish(other);
    await waitUntil(() => pushesTo(1006).length === 1);
    await bot.runtime.worker.drain();
    const to1007 = api.callsOf("sendMessage").filter((c: RecordedCall) => c.payload.chat_id === 1007 && /Nguồn: Báo/.test(c.payload.text));
    expect(to1007).toHaveLength(1);
    expect(to1007[0]!.response.ok).toBe(false);
    expect((await bot.stores.subscriptions.get(1007))!.active).toBe(false);
    expect((await bot.deps.users.get(1007))!.active).toBe(false);
    const failed429 = api.callsOf("sendMessage").filter((c) => c.payload.chat_id === 1006 && !c.response.ok);
    expect(failed429).toHaveLength(1);
    // A later item is not even tried for the blocked chat.
    await publish(quyHoach, other);
    await waitUntil(() => pushesTo(1006).length === 2);
    expect(api.callsOf("sendMessage").filter((c) => c.payload.chat_id === 1007 && /Nguồn: Báo/.test(c.payload.text))).toHaveLength(1);
  });

  it("sends pushes in the language the user chose with /lang", async () => {
    await start();
    await subscribe(1012);
    const since = api.calls.length;
    api.userSays("/lang", user(1012));
    await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 1012, { since });
    api.userPresses("lang:en", user(1012));
    await api.waitForCall("editMessageText", (c) => c.payload.chat_id === 1012, { since });
    await publish(other);
    const push = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 1012 && /Source: Báo Quảng Trị/.test(c.payload.text));
    expect(push.payload.reply_markup.inline_keyboard[0][0].text).toBe("Read");
  });

  it("stops everything on /huy", async () => {
    await start();
    await subscribe(1008);
    const bye = await say(1008, "/huy");
    expect(bye.payload.text).toContain("đã hủy đăng ký");
    await publish(other);
    await bot.runtime.worker.drain();
    expect(pushesTo(1008)).toHaveLength(0);
  });

  it("lets staff send an announcement to every subscriber with a progress report, and refuses others", async () => {
    await start();
    await subscribe(1009);
    await subscribe(1010, "/dangky chợ");
    api.setChatMember(STAFF, 3001, "left");
    let since = api.calls.length;
    api.userSays("/thongbao Từ 1/7, bộ phận một cửa làm việc sáng thứ Bảy <8h>.", staffActor(3001));
    const refusal = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === STAFF, { since });
    expect(refusal.payload.text).toContain("chỉ dành cho cán bộ");
    since = api.calls.length;
    api.userSays("/thongbao Từ 1/7, bộ phận một cửa làm việc sáng thứ Bảy <8h>.", staffActor(3000));
    const preview = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === STAFF, { since });
    expect(preview.payload.text).toContain("Xem trước thông báo");
    expect(preview.payload.text).toContain("&lt;8h&gt;");
    const send = preview.payload.reply_markup.inline_keyboard[0][0].callback_data;
    api.userPresses(send, staffActor(3000));
    await api.waitForCall("editMessageText", (c) => c.payload.chat_id === STAFF && /Đã gửi xong thông báo/.test(c.payload.text), { timeoutMs: 8000 });
    const got = (chat: number) => api.callsOf("sendMessage").filter((c) => c.payload.chat_id === chat && /Thông báo từ Đông Hà/.test(c.payload.text));
    expect(got(1009)).toHaveLength(1);
    expect(got(1010)).toHaveLength(1);
    const done = api.messagesIn(STAFF).find((m) => m.text?.includes("Đã gửi xong"))!;
    expect(done.text).toContain("2/2");
    // Pressing send again sends nothing more.
    since = api.calls.length;
    api.userPresses(send, staffActor(3000));
    await api.waitForCall("answerCallbackQuery", () => true, { since });
    await bot.runtime.worker.drain();
    expect(got(1009)).toHaveLength(1);
  });

  it("shows each source's state to staff with /nguon", async () => {
    await start();
    feeds.set("/rss", { body: "oops", status: 500 });
    await bot.runtime.fetchSources();
    const since = api.calls.length;
    api.userSays("/nguon", staffActor(3000));
    const reply = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === STAFF, { since });
    expect(reply.payload.text).toContain("Báo Quảng Trị");
    expect(reply.payload.text).toContain("3 tin");
    expect(reply.payload.text).toContain("HTTP 500");
  });

  it("says staff features are not set up without STAFF_CHAT_ID", async () => {
    feeds.set("/rss", { body: rssOf(old) });
    bot = await startPushBot(api, { sources: [] });
    const reply = await say(1011, "/nguon");
    expect(reply.payload.text).toContain("chưa được thiết lập");
  });
});
