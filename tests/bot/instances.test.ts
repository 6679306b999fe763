import { setTimeout as sleep } from "node:timers/promises";
import { randomInt } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createInProcessEngine } from "../../src/engine-pool/in-process.js";
import type { AsyncEngine } from "../../src/engine-pool/types.js";
import { chatTurnLocks, createTestSchema, testDatabaseUrl } from "../support/databases.js";
import { createPollsHarness, STAFF_CHAT, STAFF_USER } from "../support/polls-harness.js";
import { createHandlerBot, fixtureEngine, type HandlerBot, type TestDepsOptions } from "../support/test-bot.js";

// Two bots over one PostgreSQL schema are two instances behind a load balancer: whatever one of them
// must know about the other's updates can only have come through the database.

const QUESTION = "Đông Hà có bao nhiêu đảng viên?";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function twoInstances(options: { a?: TestDepsOptions; b?: TestDepsOptions; now?: () => number } = {}): Promise<[HandlerBot, HandlerBot]> {
  const schema = await createTestSchema();
  cleanups.push(schema.drop);
  const open = async (extra: TestDepsOptions = {}) => {
    const bot = await createHandlerBot({ dbPath: schema.url, ...(options.now ? { now: options.now } : {}), ...extra });
    cleanups.push(() => bot.deps.database.close());
    return bot;
  };
  return [await open(options.a), await open(options.b)];
}

// Users drawn at random: chat turns are advisory locks of the whole database, which other runs may share.
const someUser = () => ({ id: randomInt(1_000_000, 2_000_000_000), first_name: "Lan", language_code: "vi" });

describe("two instances over one PostgreSQL database", () => {
  it("share the per-user rate limit: the 9th message within the window is refused, alternating instances", async () => {
    const now = 1_000_000;
    const [a, b] = await twoInstances({ now: () => now });
    const user = someUser();
    const replies: Array<{ instance: string; text: string }> = [];
    for (let i = 0; i < 10; i++) {
      const [bot, instance] = i % 2 === 0 ? [a, "a"] : [b, "b"];
      await bot.say(`${QUESTION} (${i})`, user);
      for (const call of bot.sent("sendMessage")) replies.push({ instance, text: String(call.payload.text) });
    }
    expect(replies.slice(0, 8).every((r) => r.text.includes("7.210"))).toBe(true);
    expect(replies.slice(8)).toEqual([{ instance: "a", text: expect.stringContaining("chờ vài giây") }]);
  });

  it("see a double tap whichever instance gets each tap", async () => {
    let now = 1_000_000;
    const [a, b] = await twoInstances({ now: () => now });
    const user = someUser();
    await a.say("/vanban 95/2015/QH13", user);
    const id = (await a.deps.questions.recent(1, { kinds: ["number"] }))[0]!.id;
    const data = `r:${id}:0`;
    const message = a.messages.find((m) => m.reply_markup?.inline_keyboard.flat().some((k) => "callback_data" in k && k.callback_data === data))!;
    await a.press(data, user, message);
    expect(a.sent("sendMessage").length).toBeGreaterThan(1);
    await b.press(data, user, message);
    expect(b.sent("sendMessage")).toHaveLength(0);
    expect(b.sent("answerCallbackQuery")).toHaveLength(1);
    // Past the window, the same press on the other instance is a new one.
    now += 5_000;
    await b.press(data, user, message);
    expect(b.sent("sendMessage").length).toBeGreaterThan(1);
  });

  it("handle two updates of one chat one after the other, each on its own instance", async () => {
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    cleanups.push(() => release());
    const recording = (name: string, wait?: Promise<void>): AsyncEngine => {
      const engine = createInProcessEngine(fixtureEngine());
      return {
        ...engine,
        ask: async (question, options) => {
          events.push(`${name} start`);
          await wait;
          events.push(`${name} end`);
          return engine.ask(question, options);
        },
      };
    };
    const [a, b] = await twoInstances({ a: { engine: recording("a", released) }, b: { engine: recording("b") } });
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    cleanups.push(() => admin.end());
    const user = someUser();
    const waiting = async () => (await chatTurnLocks(admin, user.id)).waiting === 1;

    const first = a.say(QUESTION, user);
    while (!events.includes("a start")) await sleep(10);
    const second = b.say(QUESTION, user);
    // The second instance either starts at once (no turns: the test fails) or waits for the chat's turn.
    while (!events.includes("b start") && !(await waiting())) await sleep(10);
    expect(events).toEqual(["a start"]);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(["a start", "a end", "b start", "b end"]);
    expect(a.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect(b.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("continue a staff member's guided poll flow on whichever instance gets each step, and send the poll once", async () => {
    const schema = await createTestSchema();
    cleanups.push(schema.drop);
    const a = await createPollsHarness({ dbPath: schema.url });
    cleanups.push(() => a.database.close());
    const b = await createPollsHarness({ dbPath: schema.url });
    cleanups.push(() => b.database.close());
    await a.send(STAFF_USER, STAFF_CHAT, "/thamdo");
    await b.send(STAFF_USER, STAFF_CHAT, "Bạn đi làm bằng gì?");
    await a.send(STAFF_USER, STAFF_CHAT, "Xe máy\nXe buýt");
    await b.press(STAFF_USER, STAFF_CHAT, "pf:m:0");
    await a.press(STAFF_USER, STAFF_CHAT, "pf:a:1");
    await b.send(STAFF_USER, STAFF_CHAT, "3 ngày");
    await a.press(STAFF_USER, STAFF_CHAT, "pf:au:subscribers");
    expect(a.lastText(STAFF_CHAT)).toContain("Bạn đi làm bằng gì?");
    expect(await a.polls.getPoll(1)).toMatchObject({ question: "Bạn đi làm bằng gì?", options: ["Xe máy", "Xe buýt"], multiple: false, anonymous: true });
    // "Send" pressed on both, past the double-tap window: the poll opens once.
    await a.press(STAFF_USER, STAFF_CHAT, "ps:1");
    b.setClock(new Date("2026-11-27T08:00:00Z"));
    await b.press(STAFF_USER, STAFF_CHAT, "ps:1");
    expect(b.sent("editMessageText").at(-1)?.payload.text).toBe("Thăm dò #1 đã được gửi hoặc đã hủy trước đó.");
    await a.worker.drain();
    await b.worker.drain();
    const copies = [...a.sent("sendMessage"), ...b.sent("sendMessage")].filter((c) => Number(c.payload.chat_id) > 0);
    expect(copies.map((c) => Number(c.payload.chat_id)).sort()).toEqual([1, 2, 3]);
  });
});
