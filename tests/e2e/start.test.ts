import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { startTestBot, type TestBot } from "../support/test-bot.js";

describe("bot end to end: /start", () => {
  let api: FakeBotApi;
  let bot: TestBot;
  beforeEach(async () => {
    api = await startFakeBotApi();
    bot = await startTestBot(api);
  });
  afterEach(async () => {
    await bot.stop();
    await api.close();
  });

  it("polls with allowed_updates listed and registers the menu in two languages", async () => {
    const poll = await api.waitForCall("getUpdates", (c) => Array.isArray(c.payload.allowed_updates), { since: 0 });
    expect(poll.payload.allowed_updates).toEqual(
      expect.arrayContaining(["message", "callback_query", "inline_query", "my_chat_member"]),
    );
    const menus = api.callsOf("setMyCommands");
    expect(menus.map((c) => c.payload.language_code)).toEqual([undefined, "en"]);
    expect(menus.every((c) => c.response.ok)).toBe(true);
    expect(menus[0]!.payload.commands.map((c: { command: string }) => c.command)).toContain("tim");
    expect(menus[1]!.payload.commands.map((c: { command: string }) => c.command)).toContain("search");
  });

  it("welcomes in Vietnamese with three example questions as buttons", async () => {
    api.userSays("/start");
    const reply = await api.waitForCall("sendMessage");
    expect(reply.response.ok).toBe(true);
    expect(reply.payload.text).toContain("Xin chào");
    expect(reply.payload.text).toContain("Đông Hà");
    expect(reply.payload.reply_markup.inline_keyboard.flat()).toHaveLength(3);
    expect((await bot.deps.users.get(1001))?.active).toBe(true);
  });
});
