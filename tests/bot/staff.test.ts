import { describe, expect, it } from "vitest";
import { createHandlerBot } from "../support/test-bot.js";

const STAFF = -100777;

async function staffBot(statuses: Record<number, string>, staffChatId: number | null = STAFF) {
  let now = 0;
  const hb = await createHandlerBot({
    now: () => now,
    extend: () => ({
      ...(staffChatId !== null ? { staffChatId } : {}),
      push: { stores: undefined as never, sources: [], timeZone: "Asia/Ho_Chi_Minh", defaultQuietHours: null, wake: () => {} },
    }),
  });
  let lookups = 0;
  // Installed after the recorder, so it answers getChatMember first.
  hb.bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getChatMember") return prev(method, payload, signal);
    lookups += 1;
    const userId = Number((payload as { user_id: number }).user_id);
    return { ok: true, result: { status: statuses[userId] ?? "left", user: { id: userId, is_bot: false, first_name: "U" } } } as never;
  });
  return { hb, lookups: () => lookups, advance: (ms: number) => (now += ms) };
}

const inStaff = (id: number) => ({ id, is_bot: false, first_name: "Cán bộ", language_code: "vi" });

describe("staff guard", () => {
  it("refuses a non-member politely", async () => {
    const { hb } = await staffBot({});
    await hb.say("/nguon", inStaff(5));
    expect(hb.sent("sendMessage")[0]!.payload.text).toContain("chỉ dành cho cán bộ");
  });

  it("says staff features are not set up without STAFF_CHAT_ID", async () => {
    const { hb } = await staffBot({}, null);
    await hb.say("/nguon", inStaff(5));
    expect(hb.sent("sendMessage")[0]!.payload.text).toContain("chưa được thiết lập");
  });

  it("asks Telegram once a minute per member", async () => {
    const { hb, lookups, advance } = await staffBot({ 7: "left" });
    await hb.say("/thongbao xin chào", inStaff(7));
    await hb.say("/thongbao xin chào", inStaff(7));
    expect(lookups()).toBe(1);
    advance(61_000);
    await hb.say("/thongbao xin chào", inStaff(7));
    expect(lookups()).toBe(2);
  });

  it("asks for the staff group itself when a member writes elsewhere", async () => {
    const { hb } = await staffBot({ 8: "administrator" });
    await hb.say("/thongbao xin chào", inStaff(8));
    expect(hb.sent("sendMessage")[0]!.payload.text).toContain("trong nhóm điều hành");
  });
});
