import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { startTestBot, type TestBot } from "../support/test-bot.js";

describe("bot end to end: Telegram says no", () => {
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

  it("waits out a 429 and then delivers the answer", async () => {
    api.failNext({ method: "sendMessage", code: 429, retryAfter: 1 });
    api.userSays("Đông Hà có bao nhiêu đảng viên?");
    const delivered = await api.waitForCall("sendMessage", (c) => c.response.ok);
    const refused = api.callsOf("sendMessage").find((c) => !c.response.ok)!;
    expect(refused.response).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(delivered.at - refused.at).toBeGreaterThanOrEqual(900);
    expect(delivered.payload.text).toContain("<b>7.210</b>");
  });

  it("marks a user inactive when Telegram answers 403 for their chat, and the bot keeps running", async () => {
    api.userSays("/start", { user: { id: 3001 } });
    await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 3001);
    expect((await bot.deps.users.get(3001))!.active).toBe(true);
    api.blockChat(3001);
    api.userSays("Đông Hà có bao nhiêu đảng viên?", { user: { id: 3001 } });
    await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 3001 && !c.response.ok);
    await expect.poll(async () => (await bot.deps.users.get(3001))!.active).toBe(false);
    // 403 is final: auto-retry does not try again.
    expect(api.callsOf("sendMessage").filter((c) => c.payload.chat_id === 3001 && !c.response.ok)).toHaveLength(1);
    api.userSays("/start", { user: { id: 3002 } });
    const other = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 3002);
    expect(other.response.ok).toBe(true);
  });

  it("marks a user inactive when they block the bot", async () => {
    api.userSays("/start", { user: { id: 3003 } });
    await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 3003);
    api.userSetsBotStatus("kicked", { user: { id: 3003 } });
    await expect.poll(async () => (await bot.deps.users.get(3003))!.active).toBe(false);
  });
});

describe("bot end to end: stopping", () => {
  it("finishes the update in hand before stop() resolves", async () => {
    const api = await startFakeBotApi();
    const bot = await startTestBot(api);
    try {
      api.delayNext({ method: "sendMessage", ms: 1_000 });
      api.userSays("Đông Hà có bao nhiêu đảng viên?");
      await expect.poll(async () => (await bot.deps.questions.recent(1)).length).toBe(1);
      const stopping = Date.now();
      await bot.running.stop();
      expect(Date.now() - stopping).toBeGreaterThanOrEqual(500);
      const [reply] = api.callsOf("sendMessage");
      expect(reply!.response.ok).toBe(true);
      expect(reply!.payload.text).toContain("<b>7.210</b>");
    } finally {
      await bot.stop();
      await api.close();
    }
  });
});

describe("bot end to end: polling trouble", () => {
  it("logs a 409 from getUpdates with a hint and reports that polling ended", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString("utf8"));
          done();
        },
      }),
    );
    const api = await startFakeBotApi();
    api.failNext({ method: "getUpdates", code: 409 });
    const bot = await startTestBot(api, { logger });
    try {
      await expect(bot.running.done).rejects.toMatchObject({ error_code: 409 });
      expect(lines.some((l) => l.includes("another process polling with this token"))).toBe(true);
    } finally {
      await bot.stop();
      await api.close();
    }
  });
});
