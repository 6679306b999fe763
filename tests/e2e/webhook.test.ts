import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.js";
import { startWebhook } from "../../src/bot/webhook.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { createTestDeps, type TestDeps } from "../support/test-bot.js";

describe("bot end to end: webhook mode", () => {
  let api: FakeBotApi;
  let base: string;
  let stop: () => Promise<void>;
  let deps: TestDeps;
  const secret = "s3cret_token-1";

  beforeAll(async () => {
    deps = await createTestDeps();
    api = await startFakeBotApi();
    const bot = createBot(api.token, deps, { apiRoot: api.apiRoot });
    const running = await startWebhook(bot, {
      logger: deps.logger,
      url: "https://bot.example.vn/telegram/hook",
      secretToken: secret,
      port: 0,
      host: "127.0.0.1",
      health: async () => ({ ok: await deps.database.ping(), database: "open", index: { docs: deps.engine.size } }),
    });
    base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
    stop = running.stop;
  });
  afterAll(async () => {
    await stop();
    await api.close();
  });

  const post = (body: unknown, token?: string) =>
    fetch(`${base}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { "x-telegram-bot-api-secret-token": token } : {}) },
      body: JSON.stringify(body),
    });

  it("registers the webhook with the secret and the update types", () => {
    const [call] = api.callsOf("setWebhook");
    expect(call!.payload).toMatchObject({ url: "https://bot.example.vn/telegram/hook", secret_token: secret });
    expect(call!.payload.allowed_updates).toEqual(expect.arrayContaining(["message", "callback_query", "my_chat_member"]));
  });

  it("handles an update carrying the secret and refuses one without it", async () => {
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 4001, type: "private", first_name: "Hoa" },
        from: { id: 4001, is_bot: false, first_name: "Hoa" },
        text: "Đông Hà có bao nhiêu đảng viên?",
      },
    };
    expect((await post(update)).status).toBe(401);
    expect((await post(update, secret)).status).toBe(200);
    const reply = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 4001, { since: 0 });
    expect(reply.payload.text).toContain("<b>7.210</b>");
  });

  it("reports database and index state on GET /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: "open", index: { docs: deps.engine.size } });
  });
});
