import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { EnginePool } from "../../src/engine-pool/pool.js";
import { STALLING_QUESTION, STALLING_WORKER, startTestPool } from "../support/engine-pool.js";
import { createHandlerBot } from "../support/test-bot.js";

// The bot over the engine in worker threads: answers awaited, an apology when the thread holding a
// question dies, a polite "busy" when no thread frees up in time.

const textsSent = (t: Awaited<ReturnType<typeof createHandlerBot>>) => t.sent("sendMessage").map((c) => String(c.payload.text));

describe("the bot answering through the engine pool", () => {
  let pool: EnginePool;
  beforeAll(async () => {
    pool = await startTestPool({ workerModule: STALLING_WORKER });
  });
  afterAll(() => pool?.close());

  it("answers with the figure, showing typing meanwhile", async () => {
    const t = await createHandlerBot({ engine: pool });
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    expect(t.sent("sendChatAction")[0]?.payload.action).toBe("typing");
    expect(textsSent(t)[0]).toContain("<b>7.210</b>");
  });

  it("apologises when the thread holding the question is killed, and answers the next one", async () => {
    const t = await createHandlerBot({ engine: pool });
    const handled = t.say(STALLING_QUESTION);
    await vi.waitFor(() => expect(pool.threads().some((th) => th.busy)).toBe(true), { timeout: 30_000, interval: 20 });
    await pool.threads().find((th) => th.busy)!.worker.terminate();
    await handled;
    const replies = textsSent(t);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("hệ thống gặp sự cố khi tìm câu trả lời");
    // Not logged as a question the bot failed to answer: it was never answered at all.
    expect((await t.deps.questions.stats(new Date(0))).total).toBe(0);
    await t.say("Đông Hà có bao nhiêu đảng viên?");
    expect(textsSent(t)[0]).toContain("<b>7.210</b>");
  });
});

describe("the bot when every thread is busy", () => {
  it("tells the user politely to ask again, in their language", async () => {
    const pool = await startTestPool({ threads: 1, workerModule: STALLING_WORKER, maxWaitMs: 200, closeTimeoutMs: 200 });
    try {
      const t = await createHandlerBot({ engine: pool });
      const held = t.say(STALLING_QUESTION, { id: 2001 });
      await vi.waitFor(() => expect(pool.threads()[0]?.busy).toBe(true), { timeout: 30_000, interval: 20 });
      await t.say("Đông Hà có bao nhiêu đảng viên?", { id: 2002 });
      expect(textsSent(t)).toEqual([expect.stringContaining("nhiều người hỏi cùng lúc")]);
      await t.say("How many party members?", { id: 2003, language_code: "en" });
      expect(textsSent(t)).toEqual([expect.stringContaining("many people are asking at the same time")]);
      await pool.close();
      await held;
    } finally {
      await pool.close();
    }
  });
});
