import { describe, expect, it } from "vitest";
import { reportPollResults, visibleLength, type ReportApi } from "../../src/jobs/report-poll-results.js";
import { openDatabase } from "../../src/storage/database.js";
import { createPollsStore } from "../../src/storage/polls-store.js";
import { createTestTranslator } from "../support/translator.js";

const T0 = new Date("2026-11-26T08:00:00Z");

async function setup(options: string[]) {
  const polls = createPollsStore((await openDatabase(":memory:")).db);
  const poll = (await polls.createDraft(
    { question: "Hỏi?", options, multiple: false, anonymous: true, audience: "subscribers", createdBy: 1, closesAt: new Date(T0.getTime() + 3_600_000) },
    T0,
  ));
  await polls.openPoll(poll.id, T0);
  const calls: Array<{ method: string; text?: string; caption?: string; bytes?: number }> = [];
  const api = {
    sendMessage: async (_chat: number, text: string) => calls.push({ method: "sendMessage", text }),
    sendPhoto: async (_chat: number, photo: { data: Uint8Array }, other?: { caption?: string }) =>
      calls.push({ method: "sendPhoto", caption: other?.caption, bytes: photo.data.length }),
  } as unknown as ReportApi;
  const deps = { polls, translator: createTestTranslator(), timeZone: "Asia/Ho_Chi_Minh", inputFile: (data: Uint8Array) => ({ data }) as never };
  return { polls, poll, calls, api, deps };
}

describe("reportPollResults", () => {
  it("sends the chart with the results as its caption", async () => {
    const { poll, calls, api, deps } = await setup(["Có", "Không"]);
    expect(await reportPollResults(deps, api, -1, poll.id, "vi")).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.caption).toContain("<b>Kết quả thăm dò #1</b> (đang mở, hạn chót 16:00 26/11/2026)");
    expect(calls[0]?.caption).toContain("0 người đã tham gia bình chọn");
    expect(calls[0]?.bytes).toBeGreaterThan(1000);
  });

  it("sends the text first when it is longer than a caption may be", async () => {
    const options = Array.from({ length: 12 }, (_, i) => `${i + 1} ${"phương án rất dài ".repeat(5)}`.slice(0, 100));
    const { poll, calls, api, deps } = await setup(options);
    await reportPollResults(deps, api, -1, poll.id, "vi");
    expect(calls.map((c) => c.method)).toEqual(["sendMessage", "sendPhoto"]);
    expect(visibleLength(calls[0]!.text!)).toBeGreaterThan(1024);
    expect(calls[1]?.caption).toBeUndefined();
  });

  it("counts what Telegram counts: tags removed, entities decoded", () => {
    expect(visibleLength("<b>Đông Hà</b> &amp; &lt;x&gt;")).toBe(13);
  });

  it("answers false for a poll that does not exist", async () => {
    const { calls, api, deps } = await setup(["A", "B"]);
    expect(await reportPollResults(deps, api, -1, 99, "vi")).toBe(false);
    expect(calls).toEqual([]);
  });
});
