import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApi, parseTelegramHtml, type RecordedCall, startFakeBotApi } from "../support/fake-bot-api.js";
import { startTestBot, type TestBot } from "../support/test-bot.js";

// One bot for the file; each test uses its own user so that nothing leaks between them.
describe("bot end to end: questions", () => {
  let api: FakeBotApi;
  let bot: TestBot;
  beforeAll(async () => {
    api = await startFakeBotApi();
    bot = await startTestBot(api);
  });
  afterAll(async () => {
    await bot.stop();
    await api.close();
  });

  const forChat = (chatId: number) => (c: RecordedCall) => c.payload.chat_id === chatId;
  const buttons = (call: RecordedCall) =>
    (call.payload.reply_markup?.inline_keyboard ?? []).flat() as Array<{ text: string; callback_data: string }>;

  it("answers with and without diacritics, figure in bold, with the source", async () => {
    for (const [userId, question] of [
      [2001, "Đông Hà có bao nhiêu đảng viên?"],
      [2002, "dong ha co bao nhieu dang vien"],
    ] as const) {
      api.userSays(question, { user: { id: userId } });
      const reply = await api.waitForCall("sendMessage", forChat(userId));
      expect(reply.response.ok).toBe(true);
      expect(reply.payload.text).toContain("<b>7.210</b>");
      expect(reply.payload.text).toContain("Nguồn:");
      expect(reply.payload.text).toContain("thanhuydongha.vn");
    }
  });

  it("pages through other results in place and stores feedback", async () => {
    api.userSays("Tổng thu ngân sách năm 2023 là bao nhiêu?", { user: { id: 2003 } });
    const reply = await api.waitForCall("sendMessage", forChat(2003));
    expect(reply.payload.text).toContain("<b>361,503 tỷ đồng</b>");
    const more = buttons(reply).find((b) => b.text === "Kết quả khác ›")!;
    api.userPresses(more.callback_data, { user: { id: 2003 } });
    const edit = await api.waitForCall("editMessageText", forChat(2003));
    expect(edit.response.ok).toBe(true);
    expect(edit.payload.message_id).toBe((reply.response as { result: { message_id: number } }).result.message_id);
    expect(edit.payload.text).toContain("Kết quả khác cho");
    await api.waitForCall("answerCallbackQuery", (c) => c.response.ok);

    const up = buttons(reply).find((b) => b.text === "👍")!;
    api.userPresses(up.callback_data, { user: { id: 2003 } });
    const thanks = await api.waitForCall("answerCallbackQuery");
    expect(thanks.payload.text).toContain("Cảm ơn");
    const rowId = Number(up.callback_data.split(":")[1]);
    expect((await bot.deps.questions.get(rowId))!.feedback).toBe("up");
  });

  it("says honestly that it has no answer, with the contact line", async () => {
    api.userSays("xyzzy qwerty plugh", { user: { id: 2004 } });
    const reply = await api.waitForCall("sendMessage", forChat(2004));
    expect(reply.payload.text).toContain("chưa tìm thấy câu trả lời");
    expect(reply.payload.text).toContain("Bộ phận Một cửa");
    expect((await bot.deps.questions.recent(1))[0]!.answered).toBe(false);
  });

  it("escapes HTML typed into a question; Telegram accepts every message", async () => {
    api.userSays("<b>ngân sách</b> & <i>thuế</i> </a>", { user: { id: 2005 } });
    const reply = await api.waitForCall("sendMessage", forChat(2005));
    expect(reply.response.ok).toBe(true);
    api.userSays("/tim <script>ngân sách</script> & thuế", { user: { id: 2005 } });
    const list = await api.waitForCall("sendMessage", forChat(2005));
    expect(list.response.ok).toBe(true);
    expect(parseTelegramHtml(list.payload.text)).toContain("«<script>ngân sách</script> & thuế»");
  });

  it("speaks in a group only when mentioned, replying to the message", async () => {
    const group = { id: -1002001, type: "supergroup" as const, title: "Khu phố 5" };
    api.userSays("Đông Hà có bao nhiêu đảng viên?", { user: { id: 2007 }, chat: group });
    const mention = api.userSays("@civic_test_bot Đông Hà có bao nhiêu đảng viên?", { user: { id: 2007 }, chat: group });
    const reply = await api.waitForCall("sendMessage", forChat(group.id));
    expect(reply.payload.reply_parameters.message_id).toBe(mention.message!.message_id);
    expect(reply.payload.text).toContain("<b>7.210</b>");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.callsOf("sendMessage").filter(forChat(group.id))).toHaveLength(1);
  });

  it("answers inline queries with shareable results", async () => {
    api.userQueriesInline("dong ha co bao nhieu dang vien", { user: { id: 2008 } });
    const call = await api.waitForCall("answerInlineQuery");
    expect(call.response.ok).toBe(true);
    expect(call.payload.results[0].input_message_content.message_text).toContain("<b>7.210</b>");
  });

  it("sends a long document as several messages, each under the limit", async () => {
    api.userSays("/vanban 95/2015/QH13", { user: { id: 2006 } });
    const card = await api.waitForCall("sendMessage", forChat(2006));
    const read = buttons(card).find((b) => b.text.startsWith("📄"))!;
    const since = api.calls.length;
    api.userPresses(read.callback_data, { user: { id: 2006 } });
    await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 2006 && /phần chưa hiển thị|còn lại/.test(c.payload.text), { since });
    const parts = api.calls.slice(since).filter((c) => c.method === "sendMessage" && c.payload.chat_id === 2006);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.response.ok).toBe(true);
      expect(parseTelegramHtml(part.payload.text).length).toBeLessThanOrEqual(4096);
    }
  });
});
