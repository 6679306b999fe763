import { describe, expect, it } from "vitest";
import { createTranslations } from "../../src/bot/i18n.js";
import { documentMessages } from "../../src/bot/features/read.js";
import { MESSAGE_MAX_CHARS } from "../../src/text-limits.js";
import { parseTelegramHtml } from "../support/fake-bot-api.js";
import { createHandlerBot, fixtureEngine } from "../support/test-bot.js";

describe("browsing", () => {
  it("/tim lists matching documents with read and paging buttons", async () => {
    const t = await createHandlerBot();
    await t.say("/tim Quảng Trị");
    const [reply] = t.sent("sendMessage");
    expect(reply!.payload.text).toContain("Kết quả tìm kiếm «Quảng Trị»");
    expect(reply!.payload.text.match(/<b>\d+\.<\/b>/g)).toHaveLength(5);
    const data = reply!.payload.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data);
    expect(data).toContain(`l:${(await t.deps.questions.recent(1, { kinds: ["search"] }))[0]!.id}:1`);
    await t.press(data.find((d: string) => d.startsWith("l:"))!);
    expect(t.sent("editMessageText")[0]!.payload.text).toContain("<b>6.</b>");
  });

  it("/search is an alias and /tim alone explains itself", async () => {
    const t = await createHandlerBot();
    await t.say("/tim");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("/tim ngân sách 2023");
    await t.say("/search ngân sách");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("Kết quả tìm kiếm");
  });

  it("/moi lists the latest news and /vanban the new documents", async () => {
    const t = await createHandlerBot();
    await t.say("/moi");
    const news = t.sent("sendMessage")[0]!.payload.text as string;
    expect(news).toContain("Tin mới nhất");
    expect(news.indexOf("Phát huy truyền thống")).toBeGreaterThan(0);
    await t.say("/vanban");
    const docs = t.sent("sendMessage")[0]!.payload.text as string;
    expect(docs).toContain("Văn bản mới");
    expect(docs).toContain("Bộ luật hàng hải Việt Nam 2015");
  });

  it("/vanban <số hiệu> finds the document with exactly that number", async () => {
    const t = await createHandlerBot();
    await t.say("/vanban 91/2015/qh13");
    const text = t.sent("sendMessage")[0]!.payload.text as string;
    expect(text).toContain("Văn bản số «91/2015/qh13»");
    expect(text).toContain("Bộ luật dân sự 2015");
    expect(text).not.toContain("hàng hải");
  });

  it("/vanban with an unknown number says so", async () => {
    const t = await createHandlerBot();
    await t.say("/vanban 999/2099/XX");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("Không có văn bản mang số «999/2099/XX»");
  });
});

describe("reading a document in full", () => {
  it("splits a long document under Telegram's limit, heading first", () => {
    const doc = fixtureEngine().get("95/2015/QH13")!;
    const parts = documentMessages(createTranslations("Đông Hà").translator("vi"), doc, 50);
    expect(parts.length).toBeGreaterThan(4);
    expect(parts[0]).toContain("<b>Bộ luật hàng hải Việt Nam 2015</b>");
    expect(parts[0]).toContain("Số: 95/2015/QH13");
    for (const part of parts) {
      expect(parseTelegramHtml(part).length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
    }
  });

  it("stops after a few messages and says how much is left", () => {
    const doc = fixtureEngine().get("95/2015/QH13")!;
    const parts = documentMessages(createTranslations("Đông Hà").translator("vi"), doc, 2);
    expect(parts).toHaveLength(3);
    expect(parts[2]).toMatch(/còn \d+ phần chưa hiển thị/);
  });

  it("sends the parts when 📄 is pressed, once for a double tap", async () => {
    const t = await createHandlerBot();
    await t.say("/vanban 95/2015/QH13");
    const id = (await t.deps.questions.recent(1, { kinds: ["number"] }))[0]!.id;
    await t.press(`r:${id}:0`);
    const sent = t.sent("sendMessage");
    expect(sent.length).toBeGreaterThan(3);
    for (const call of sent) expect(parseTelegramHtml(call.payload.text).length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
    await t.press(`r:${id}:0`);
    expect(t.sent("sendMessage")).toHaveLength(0);
  });
});
