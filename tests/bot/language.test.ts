import { describe, expect, it } from "vitest";
import { menuFor } from "../../src/bot/commands.js";
import { createTranslations } from "../../src/bot/i18n.js";
import { pickLocale } from "../../src/translate.js";

const { translator } = createTranslations("Đông Hà");
import { createHandlerBot } from "../support/test-bot.js";

describe("language", () => {
  it("guesses from Telegram's language, Vietnamese by default", () => {
    expect(pickLocale(null, "en-GB")).toBe("en");
    expect(pickLocale(null, "vi")).toBe("vi");
    expect(pickLocale(null, "fr")).toBe("vi");
    expect(pickLocale(null, undefined)).toBe("vi");
    expect(pickLocale("vi", "en")).toBe("vi");
  });

  it("greets an English-speaking Telegram user in English", async () => {
    const t = await createHandlerBot();
    await t.say("/start", { language_code: "en" });
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("Hello!");
  });

  it("switches with /lang and remembers the choice", async () => {
    const t = await createHandlerBot();
    await t.say("/lang");
    const buttons = t.sent("sendMessage")[0]!.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: { text: string }) => b.text)).toEqual(["Tiếng Việt", "English"]);
    await t.press("lang:en");
    expect(t.sent("editMessageText")[0]!.payload.text).toBe("Language set to English.");
    expect((await t.deps.users.get(1001))!.language).toBe("en");
    await t.say("/help");
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("How to use");
    await t.say("/trogiup", { language_code: "en" });
    expect(t.sent("sendMessage")[0]!.payload.text).toContain("/search");
  });

  it("has a menu in both languages within Telegram's limits", () => {
    for (const locale of ["vi", "en"] as const) {
      for (const c of menuFor(locale, translator)) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
    expect(menuFor("vi", translator).map((c) => c.command)).toEqual(expect.arrayContaining(["tim", "moi", "vanban", "trogiup", "lang"]));
    expect(menuFor("en", translator).map((c) => c.command)).toEqual(expect.arrayContaining(["search", "latest", "documents", "help", "lang"]));
  });
});
