import { Api, GrammyError, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeBotApi, parseTelegramHtml, startFakeBotApi } from "./fake-bot-api.js";

// The fake Bot API is test infrastructure others build on: its behaviour is pinned here.
describe("fake Bot API", () => {
  let fake: FakeBotApi;
  let api: Api;
  beforeEach(async () => {
    fake = await startFakeBotApi();
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
  });
  afterEach(async () => fake.close());

  const refusal = async (call: Promise<unknown>) => {
    const err = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GrammyError);
    return err as GrammyError;
  };

  it("reads grammY's multipart uploads and keeps the bytes and the other fields", async () => {
    const bytes = Buffer.from("\uFEFFPhương án,Số phiếu\r\nCó,2\r\n", "utf8");
    await api.sendDocument(-100, new InputFile(bytes, "tham-do-1.csv"), { caption: "Kết quả" });
    const call = fake.callsOf("sendDocument")[0]!;
    expect(call.response.ok).toBe(true);
    expect(call.payload.caption).toBe("Kết quả");
    expect(call.payload.document.file).toBe("tham-do-1.csv");
    expect((call.payload.document.data as Buffer).equals(bytes)).toBe(true);
  });

  it("keeps no queue for getUpdates while a webhook is set, and queues again once it is deleted", async () => {
    await api.setWebhook("http://127.0.0.1:1/hook");
    const update = fake.userSays("một");
    expect(update.message?.text).toBe("một");
    expect(fake.pendingUpdates()).toBe(0);
    await api.deleteWebhook();
    fake.userSays("hai");
    expect((await api.getUpdates({ timeout: 0 })).map((u) => u.message?.text)).toEqual(["hai"]);
  });

  it("delivers updates from the offset on and confirms those before it", async () => {
    fake.userSays("một");
    fake.userSays("hai");
    const first = await api.getUpdates({ timeout: 0 });
    expect(first.map((u) => u.message?.text)).toEqual(["một", "hai"]);
    expect(await api.getUpdates({ offset: first[1]!.update_id, timeout: 0 })).toHaveLength(1);
    expect(await api.getUpdates({ offset: first[1]!.update_id + 1, timeout: 0 })).toHaveLength(0);
    expect(fake.pendingUpdates()).toBe(0);
  });

  it("holds a long poll until an update arrives", async () => {
    const started = Date.now();
    const pending = api.getUpdates({ timeout: 5 });
    setTimeout(() => fake.userSays("ba"), 200);
    const updates = await pending;
    expect(updates[0]!.message!.text).toBe("ba");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("filters by allowed_updates and keeps the last setting", async () => {
    fake.userSays("tin nhắn");
    fake.userQueriesInline("hỏi");
    expect((await api.getUpdates({ timeout: 0, allowed_updates: ["inline_query"] })).map((u) => Object.keys(u)[1])).toEqual([
      "inline_query",
    ]);
    fake.userSays("nữa");
    expect(await api.getUpdates({ timeout: 0, offset: 0 })).toHaveLength(1);
  });

  it("gives commands and mentions their entities", async () => {
    fake.userSays("/tim@civic_test_bot ngân sách @civic_test_bot");
    const [u] = await api.getUpdates({ timeout: 0 });
    expect(u!.message!.entities!.map((e) => e.type)).toEqual(["bot_command", "mention"]);
  });

  it("enforces message limits with Telegram's errors", async () => {
    expect((await refusal(api.sendMessage(1, ""))).description).toContain("message text is empty");
    expect((await refusal(api.sendMessage(1, "a".repeat(4097)))).description).toContain("message is too long");
    await api.sendMessage(1, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" });
    expect((await refusal(api.sendMessage(1, "<script>x</script>", { parse_mode: "HTML" }))).description).toContain(
      'Unsupported start tag "script"',
    );
    expect((await refusal(api.sendMessage(1, "a & b", { parse_mode: "HTML" }))).error_code).toBe(400);
    const tooLong = { reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "đ".repeat(33) }]] } };
    expect((await refusal(api.sendMessage(1, "x", tooLong))).description).toContain("BUTTON_DATA_INVALID");
  });

  it("edits messages, and refuses an edit that changes nothing", async () => {
    const m = await api.sendMessage(5, "một");
    const edited = await api.editMessageText(5, m.message_id, "hai");
    expect(edited).toMatchObject({ text: "hai" });
    expect(fake.messagesIn(5)[0]!.text).toBe("hai");
    expect((await refusal(api.editMessageText(5, m.message_id, "hai"))).description).toContain("message is not modified");
    expect((await refusal(api.editMessageText(5, 999, "ba"))).description).toContain("message to edit not found");
  });

  it("answers a callback query once", async () => {
    const m = await api.sendMessage(1001, "x", { reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "d:1" }]] } });
    const u = fake.userPresses("d:1");
    expect(u.callback_query!.message!.message_id).toBe(m.message_id);
    await api.answerCallbackQuery(u.callback_query!.id, { text: "ok" });
    expect((await refusal(api.answerCallbackQuery(u.callback_query!.id))).description).toContain("query is too old");
  });

  it("runs polls: copies, votes, retractions and closing", async () => {
    const m = await api.sendPoll(-100, "Ý kiến về dự án?", [{ text: "Đồng ý" }, { text: "Không" }], { is_anonymous: false });
    const pollId = m.poll!.id;
    const [answer, poll] = fake.userVotes(pollId, [0], { user: { id: 7 } });
    expect(answer!.poll_answer).toMatchObject({ poll_id: pollId, option_ids: [0], user: { id: 7 } });
    expect(poll!.poll!.options[0]!.voter_count).toBe(1);
    const [, retracted] = fake.userVotes(pollId, [], { user: { id: 7 } });
    expect(retracted!.poll!.total_voter_count).toBe(0);
    const stopped = await api.stopPoll(-100, m.message_id);
    expect(stopped.is_closed).toBe(true);
    expect((await refusal(api.stopPoll(-100, m.message_id))).description).toContain("already been closed");
    expect((await refusal(api.sendPoll(1, "q", [{ text: "một" }]))).description).toContain("at least 2");
    expect((await refusal(api.sendPoll(1, "x".repeat(301), [{ text: "a" }, { text: "b" }]))).error_code).toBe(400);
  });

  it("answers photos, documents, chat members and commands", async () => {
    const photo = await api.sendPhoto(1, "https://example.vn/chart.png", { caption: "Kết quả" });
    expect(photo.photo!.length).toBeGreaterThan(0);
    expect((await refusal(api.sendPhoto(1, "x", { caption: "c".repeat(1025) }))).description).toContain("caption is too long");
    const doc = await api.sendDocument(1, "https://example.vn/a.csv");
    expect(doc.document).toBeDefined();
    fake.setChatMember(-100, 7, "administrator");
    expect((await api.getChatMember(-100, 7)).status).toBe("administrator");
    expect((await api.getChatMember(-100, 8)).status).toBe("member");
    expect((await refusal(api.setMyCommands([{ command: "Tìm", description: "x" }]))).description).toContain("BOT_COMMAND_INVALID");
    await api.setMyCommands([{ command: "tim", description: "Tìm" }], { language_code: "vi" });
    expect(await api.getMyCommands({ language_code: "vi" })).toEqual([{ command: "tim", description: "Tìm" }]);
  });

  it("answers other sends with a message and edits captions", async () => {
    const sent = await api.sendAnimation(3, "https://example.vn/a.gif", { caption: "Biểu đồ" });
    expect(sent.message_id).toBeGreaterThan(0);
    const edited = await api.editMessageCaption(3, sent.message_id, { caption: "Biểu đồ mới" });
    expect(edited).toMatchObject({ caption: "Biểu đồ mới" });
    expect((await api.copyMessage(4, 3, sent.message_id)).message_id).toBeGreaterThan(0);
  });

  it("fails the next matching call with 429 or 403 on request", async () => {
    fake.failNext({ method: "sendMessage", code: 429, retryAfter: 3 });
    const err = await refusal(api.sendMessage(1, "x"));
    expect(err.error_code).toBe(429);
    expect(err.parameters.retry_after).toBe(3);
    await api.sendMessage(1, "x");
    fake.blockChat(9);
    expect((await refusal(api.sendMessage(9, "x"))).description).toBe("Forbidden: bot was blocked by the user");
    fake.unblockChat(9);
    await api.sendMessage(9, "x");
  });

  it("waits for a call made after the last update", async () => {
    await api.sendMessage(1, "cũ");
    fake.userSays("hỏi");
    const waiting = fake.waitForCall("sendMessage", (c) => c.payload.chat_id === 1);
    await api.sendMessage(1, "mới");
    expect((await waiting).payload.text).toBe("mới");
    await expect(fake.waitForCall("sendPoll", () => true, { timeoutMs: 100 })).rejects.toThrow(/no matching sendPoll/);
  });
});

describe("parseTelegramHtml", () => {
  it("returns the visible text", () => {
    expect(parseTelegramHtml('<b>7.210</b> &lt;&amp;&gt; <a href="https://x.vn">nguồn</a>')).toBe("7.210 <&> nguồn");
  });

  it("refuses unbalanced tags", () => {
    expect(() => parseTelegramHtml("<b>x")).toThrow(/end tag/);
    expect(() => parseTelegramHtml("<b><i>x</b></i>")).toThrow(/Unmatched end tag/);
  });
});
