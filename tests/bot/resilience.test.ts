import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../support/fake-bot-api.js";
import { createHandlerBot, fixtureEngine, withAsk } from "../support/test-bot.js";

describe("rate limit", () => {
  it("drops messages over the limit and says so once", async () => {
    let now = 1_000_000;
    const t = await createHandlerBot({ now: () => now, bot: { rateLimit: { limit: 3, windowMs: 10_000 } } });
    const replies: string[] = [];
    for (let i = 0; i < 8; i++) {
      await t.say(`câu hỏi ${i} đảng viên`);
      replies.push(...t.sent("sendMessage").map((c) => c.payload.text as string));
    }
    expect(replies).toHaveLength(4);
    expect(replies.filter((r) => r.includes("chờ vài giây"))).toHaveLength(1);
    now += 10_000;
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("7.210");
  });

  it("counts each user separately", async () => {
    const t = await createHandlerBot({ bot: { rateLimit: { limit: 1, windowMs: 60_000 } } });
    await t.say("Đông Hà có bao nhiêu đảng viên?", { id: 1 });
    await t.say("Đông Hà có bao nhiêu đảng viên?", { id: 2 });
    expect(t.calls.filter((c) => c.method === "sendMessage" && String(c.payload.text).includes("7.210"))).toHaveLength(2);
  });

  it("deletes ended windows now and then, so that they do not pile up", async () => {
    let now = 1_000_000;
    const t = await createHandlerBot({ now: () => now, bot: { rateLimit: { windowMs: 10_000, sweepEveryMessages: 3 } } });
    await t.say("xin chào", { id: 1 });
    await t.say("xin chào", { id: 2 });
    const users = async () => (await t.deps.db.selectFrom("rate_windows").select("user_id").orderBy("user_id").execute()).map((r) => r.user_id);
    expect(await users()).toEqual([1, 2]);
    now += 10_000;
    await t.say("xin chào", { id: 3 });
    expect(await users()).toEqual([3]);
  });
});

describe("double-tap guard", () => {
  it("deletes old presses now and then, so that they do not pile up", async () => {
    let now = 1_000_000;
    const t = await createHandlerBot({ now: () => now, bot: { dedupePresses: { windowMs: 5_000, sweepEveryPresses: 3 } } });
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const id = (await t.deps.questions.recent(1))[0]!.id;
    await t.press(`a:${id}:1`);
    await t.press(`a:${id}:-1`);
    const presses = async () => (await t.deps.db.selectFrom("button_presses").select("press_key").execute()).length;
    expect(await presses()).toBe(2);
    now += 5_000;
    await t.press(`a:${id}:1`);
    expect(await presses()).toBe(1);
  });
});

describe("errors", () => {
  it("apologises for a failing update and keeps handling the next ones", async () => {
    let fail = true;
    const engine = fixtureEngine();
    const t = await createHandlerBot({
      engine: withAsk(engine, (q, o) => {
        if (fail) throw new Error("index exploded");
        return engine.ask(q, o);
      }),
    });
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("Xin lỗi, hệ thống vừa gặp sự cố");
    fail = false;
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("<b>7.210</b>");
  });

  it("logs the failure with its update id", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: "error" },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
          done();
        },
      }),
    );
    const engine = fixtureEngine();
    const t = await createHandlerBot({
      logger,
      engine: withAsk(engine, () => {
        throw new Error("index exploded");
      }),
    });
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ update_id: 1, msg: "bot: update failed (handler)" });
    expect((lines[0]!.err as { message: string }).message).toBe("index exploded");
  });

  it("answers the button with the apology when a press fails", async () => {
    const t = await createHandlerBot();
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    const id = (await t.deps.questions.recent(1))[0]!.id;
    t.failNext("editMessageText", 400, "Bad Request: message to edit not found");
    await t.press(`a:${id}:1`);
    const answers = t.sent("answerCallbackQuery");
    expect(answers.length).toBeGreaterThanOrEqual(1);
  });
});

describe("users", () => {
  it("records a citizen on first contact", async () => {
    const t = await createHandlerBot({ now: () => Date.parse("2026-01-02T03:04:05Z") });
    await t.say("/start");
    expect((await t.deps.users.get(1001))).toMatchObject({ active: true, firstSeen: "2026-01-02T03:04:05.000Z" });
  });

  it("marks a user inactive when they block the bot, and active when they unblock it", async () => {
    const t = await createHandlerBot();
    await t.say("/start");
    const change = (status: "kicked" | "member") =>
      t.send({
        my_chat_member: {
          chat: { id: 1001, type: "private", first_name: "Lan" },
          from: { id: 1001, is_bot: false, first_name: "Lan" },
          date: 0,
          old_chat_member: { status: "member", user: { id: 42, is_bot: true, first_name: "Bot" } },
          new_chat_member:
            status === "kicked"
              ? { status, user: { id: 42, is_bot: true, first_name: "Bot" }, until_date: 0 }
              : { status, user: { id: 42, is_bot: true, first_name: "Bot" } },
        },
      });
    await change("kicked");
    expect((await t.deps.users.get(1001))!.active).toBe(false);
    await change("member");
    expect((await t.deps.users.get(1001))!.active).toBe(true);
  });
});

describe("fallbacks", () => {
  it("points to /trogiup for an unknown command and asks for text otherwise", async () => {
    const t = await createHandlerBot();
    await t.say("/khongco");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("/trogiup");
    await t.send({
      message: {
        message_id: 7,
        date: 0,
        chat: { id: 1001, type: "private", first_name: "Lan" },
        from: { id: 1001, is_bot: false, first_name: "Lan" },
        sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false },
      },
    });
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("câu hỏi bằng chữ");
  });
});

describe("inline mode", () => {
  it("offers the answer and the documents found, as valid HTML", async () => {
    const t = await createHandlerBot();
    await t.send({ inline_query: { id: "iq1", from: { id: 1001, is_bot: false, first_name: "Lan" }, query: "dong ha bao nhieu dang vien", offset: "" } });
    const [call] = t.sent("answerInlineQuery");
    const results = call!.payload.results as Array<{ id: string; input_message_content: { message_text: string } }>;
    expect(results[0]!.id).toBe("answer");
    expect(results[0]!.input_message_content.message_text).toContain("<b>7.210</b>");
    for (const r of results) {
      expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
      expect(() => parseTelegramHtml(r.input_message_content.message_text)).not.toThrow();
    }
  });

  it("answers an empty query with no results", async () => {
    const t = await createHandlerBot();
    await t.send({ inline_query: { id: "iq2", from: { id: 1001, is_bot: false, first_name: "Lan" }, query: " ", offset: "" } });
    expect(t.sent("answerInlineQuery")[0]!.payload.results).toEqual([]);
  });
});
