import { describe, expect, it } from "vitest";
import { QUESTION_MAX_CHARS } from "../../src/text-limits.js";
import { parseTelegramHtml } from "../support/fake-bot-api.js";
import { createHandlerBot, fixtureEngine, withAsk } from "../support/test-bot.js";

const buttonsOf = (payload: { reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } }) =>
  payload.reply_markup?.inline_keyboard.flat() ?? [];

describe("asking a question", () => {
  it("answers with the sentence, the figure in bold and the source", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const [reply] = t.sent("sendMessage");
    expect(reply!.payload.parse_mode).toBe("HTML");
    expect(reply!.payload.text).toContain("<b>7.210</b>");
    expect(reply!.payload.text).toMatch(/Nguồn: <a href="https:\/\/thanhuydongha\.vn[^"]*">Phát huy truyền thống/);
    expect(reply!.payload.text).toContain("(22/5/2024)");
    expect(() => parseTelegramHtml(reply!.payload.text)).not.toThrow();
    const labels = buttonsOf(reply!.payload).map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["Kết quả khác ›", "👍", "👎"]));
    for (const b of buttonsOf(reply!.payload)) expect(Buffer.byteLength(b.callback_data ?? "")).toBeLessThanOrEqual(64);
  });

  it("answers the same without diacritics, and shows typing first", async () => {
    const t = await createHandlerBot();
    await t.say("dong ha co bao nhieu dang vien");
    expect(t.sent("sendChatAction")[0]?.payload.action).toBe("typing");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("<b>7.210</b>");
  });

  it("logs the question with its document and latency", async () => {
    // The injected clock moves 37 ms while the engine answers: that is the latency to log.
    let time = Date.parse("2026-11-26T08:00:00Z");
    const engine = fixtureEngine();
    const slowAsk: typeof engine.ask = (question, options) => {
      time += 37;
      return engine.ask(question, options);
    };
    const t = await createHandlerBot({ engine: withAsk(engine, slowAsk), now: () => time });
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const [row] = await t.deps.questions.recent(1);
    expect(row).toMatchObject({ userId: 1001, chatId: 1001, kind: "ask", answered: true, docId: "dongha-2024-05-22" });
    expect(row!.hits[0]).toBe("dongha-2024-05-22");
    expect(row!.latencyMs).toBe(37);
  });

  it("says plainly when there is no answer, with up to three related documents and the contact line", async () => {
    const engine = fixtureEngine();
    const t = await createHandlerBot({
      engine: withAsk(engine, (question) => ({
        question,
        answer: null,
        hits: engine.latest({ limit: 5 }).docs.map((d) => ({ docId: d.id, title: d.title, score: 1 })),
      })),
    });
    await t.say("thủ tục gì đó không có");
    const text: string = t.sent("sendMessage")[0]!.payload.text;
    expect(text).toContain("Tôi chưa chắc chắn câu trả lời; các văn bản có thể liên quan:");
    expect(text).toContain("Bộ phận Một cửa, UBND thành phố");
    expect(text.match(/<b>\d\.<\/b>/g)).toHaveLength(3);
    expect(() => parseTelegramHtml(text)).not.toThrow();
    expect((await t.deps.questions.recent(1))[0]!.answered).toBe(false);
  });

  it("says so without a related list when nothing matches at all", async () => {
    const t = await createHandlerBot();
    await t.say("xyzzy qwerty plugh");
    const text: string = t.sent("sendMessage")[0]!.payload.text;
    expect(text).toContain("chưa tìm thấy câu trả lời");
    expect(text).not.toContain("có thể liên quan");
    expect(text).not.toContain("chưa chắc chắn");
    expect(text).toContain("Để hỏi trực tiếp cán bộ");
  });

  it("escapes HTML written in the question", async () => {
    const t = await createHandlerBot();
    await t.say("<b>ngân sách</b> & <script>alert(1)</script>");
    await t.press(t.sent("sendMessage")[0]!.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text.startsWith("Kết quả"))?.callback_data ?? "none");
    for (const call of t.calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText")) {
      expect(() => parseTelegramHtml(call.payload.text)).not.toThrow();
      expect(call.payload.text).not.toContain("<script>");
    }
  });

  it("cuts a very long message before searching", async () => {
    const t = await createHandlerBot();
    await t.say(`Đông Hà có bao nhiêu đảng viên? ${"xin hỏi ".repeat(2000)}`);
    expect((await t.deps.questions.recent(1))[0]!.question.length).toBeLessThanOrEqual(QUESTION_MAX_CHARS);
    expect(t.sent("sendMessage")).toHaveLength(1);
  });

  it("answers /hoi and asks for the question when it is missing", async () => {
    const t = await createHandlerBot();
    await t.say("/hoi");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("/hoi");
    await t.say("/hoi tổng thu ngân sách 2023");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("<b>361,503 tỷ đồng</b>");
  });
});

describe("answer buttons", () => {
  it("pages through other results by editing the message, and back", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const id = (await t.deps.questions.recent(1))[0]!.id;
    await t.press(`a:${id}:1`);
    const [edit] = t.sent("editMessageText");
    expect(edit!.payload.text).toContain("Kết quả khác cho «Đông Hà có bao nhiêu đảng viên?»");
    expect(edit!.payload.text).toMatch(/<b>2\.<\/b>/);
    expect(t.sent("answerCallbackQuery")).toHaveLength(1);
    await t.press(`a:${id}:0`);
    expect(t.sent("editMessageText")[0]!.payload.text).toContain("<b>7.210</b>");
  });

  it("does the work once when a page button is pressed twice", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const id = (await t.deps.questions.recent(1))[0]!.id;
    const answer = t.calls.findLast((c) => c.method === "sendMessage")!;
    await t.press(`a:${id}:1`);
    // The second press comes from the original message (the client had not yet redrawn it).
    const message = { message_id: 1, date: 0, chat: { id: 1001, type: "private" as const, first_name: "Lan" }, text: answer.payload.text, reply_markup: answer.payload.reply_markup };
    await t.press(`a:${id}:1`, undefined, message);
    expect(t.sent("editMessageText")).toHaveLength(0);
    expect(t.sent("answerCallbackQuery")).toHaveLength(1);
  });

  it("follows quick back-and-forth paging", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const id = (await t.deps.questions.recent(1))[0]!.id;
    let edits = 0;
    for (const page of [1, 0, 1, 2, 1]) {
      await t.press(`a:${id}:${page}`);
      edits += t.sent("editMessageText").length;
    }
    expect(edits).toBe(5);
  });

  it("records 👍 once, and a change of mind", async () => {
    const t = await createHandlerBot({ bot: {} });
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const id = (await t.deps.questions.recent(1))[0]!.id;
    await t.press(`f:${id}:1`);
    expect(t.sent("answerCallbackQuery")[0]!.payload.text).toBe("Cảm ơn Ông/Bà đã góp ý.");
    expect((await t.deps.questions.get(id))!.feedback).toBe("up");
    await t.send({
      callback_query: {
        id: "x2",
        from: { id: 1001, is_bot: false, first_name: "Lan", language_code: "vi" },
        chat_instance: "ci",
        data: `f:${id}:1`,
        message: { message_id: 99, date: 0, chat: { id: 1001, type: "private", first_name: "Lan" } } as never,
      },
    });
    expect(t.sent("answerCallbackQuery")[0]!.payload.text).toBe("Góp ý này đã được ghi nhận.");
    await t.press(`f:${id}:0`);
    expect((await t.deps.questions.get(id))!.feedback).toBe("down");
    expect(t.sent("answerCallbackQuery")[0]!.payload.text).toContain("Kết quả khác");
  });

  it("answers stale and forged buttons politely", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    for (const data of ["a:999999:1", "a:abc", "f:999999:1", "r:1:999", "l:12:x", "zzz", "ex:9", "lang:fr"]) {
      await t.press(data);
      const answers = t.sent("answerCallbackQuery");
      expect(answers, data).toHaveLength(1);
      expect(answers[0]!.payload.text, data).toContain("không còn dùng được");
      expect(t.sent("editMessageText"), data).toHaveLength(0);
    }
  });

  it("refuses a button that points at another chat's question", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?", { id: 1001 });
    const id = (await t.deps.questions.recent(1))[0]!.id;
    const elsewhere = { message_id: 3, date: 0, chat: { id: 2002, type: "private" as const, first_name: "Minh" } };
    await t.press(`r:${id}:0`, { id: 2002 }, elsewhere);
    expect(t.sent("answerCallbackQuery")[0]!.payload.text).toContain("không còn dùng được");
    expect(t.sent("sendMessage")).toHaveLength(0);
  });

  it("lets only the asker rate an answer", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const id = (await t.deps.questions.recent(1))[0]!.id;
    await t.press(`f:${id}:1`, { id: 2002 });
    expect((await t.deps.questions.get(id))!.feedback).toBeNull();
  });
});

describe("groups", () => {
  const group = { id: -100123, type: "supergroup" as const, title: "Tổ dân phố 3" };
  const from = { id: 1001, is_bot: false, first_name: "Lan" };

  it("stays silent unless addressed", async () => {
    const t = await createHandlerBot();
    await t.send({ message: { message_id: 5, date: 0, chat: group, from, text: "Đông Hà có bao nhiêu đảng viên?" } });
    expect(t.calls.filter((c) => c.method !== "getMe")).toHaveLength(0);
  });

  it("answers a mention, replying to the message", async () => {
    const t = await createHandlerBot();
    const text = "@civic_test_bot Đông Hà có bao nhiêu đảng viên?";
    await t.send({
      message: { message_id: 6, date: 0, chat: group, from, text, entities: [{ type: "mention", offset: 0, length: 15 }] },
    });
    const [reply] = t.sent("sendMessage");
    expect(reply!.payload.text).toContain("<b>7.210</b>");
    expect(reply!.payload.reply_parameters.message_id).toBe(6);
    expect((await t.deps.questions.recent(1))[0]!.question).toBe("Đông Hà có bao nhiêu đảng viên?");
  });
});
