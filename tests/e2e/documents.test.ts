import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { originalPath } from "../../src/corpus/original-files.js";
import { parseSources } from "../../src/sources/source-config.js";
import { writeLabourCodeFiles } from "../support/document-fixtures.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { startFeedServer, type FeedServer } from "../support/feed-server.js";
import { type PushBot, startPushBot } from "../support/push-harness.js";

// A portal's "VĂN BẢN MỚI" listing: Số hiệu | Ngày ban hành | Trích yếu | Tải về.
const listing = (rows: Array<{ number: string; date: string; summary: string; file: string }>) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Văn bản mới</title></head><body><table class="van-ban">
<tr><th>Số hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tải về</th></tr>
${rows.map((r) => `<tr class="vb"><td class="so">${r.number}</td><td class="ngay">${r.date}</td><td class="trich-yeu">${r.summary}</td><td><a class="tai-ve" href="${r.file}">Tải về</a></td></tr>`).join("\n")}
</table></body></html>`;

const user = (id: number) => ({ user: { id, is_bot: false, first_name: `U${id}`, language_code: "vi" } });

describe("documents published as attachments, end to end", () => {
  let files: Awaited<ReturnType<typeof writeLabourCodeFiles>>;
  let dir: string;
  let api: FakeBotApi;
  let feeds: FeedServer;
  let bot: PushBot;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "civic-e2e-docs-"));
    files = await writeLabourCodeFiles(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    api = await startFakeBotApi();
    feeds = await startFeedServer();
  });
  afterEach(async () => {
    await bot?.stop();
    await api.close();
    await feeds.close();
  });

  it("pushes a new listed document with its header and file button, and sends the original back from DATA_DIR", async () => {
    const pdf = readFileSync(files.pdf);
    const old = { number: "45/2019/QH14", date: "20/11/2019", summary: "Bộ luật Lao động (bản Word)", file: "/files/bo-luat-lao-dong.docx" };
    const fresh = { number: "45/2019/QH14", date: "20/11/2019", summary: "Bộ luật Lao động: nghỉ lễ, tết", file: "/files/bo-luat-lao-dong.pdf" };
    feeds.set(old.file, { body: readFileSync(files.docx), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    feeds.set(fresh.file, { body: pdf, contentType: "application/pdf" });
    feeds.set("/van-ban", { body: listing([old]), contentType: "text/html; charset=utf-8" });
    bot = await startPushBot(api, {
      sources: parseSources([
        {
          name: "Cổng thông tin thành phố",
          type: "html",
          url: feeds.url("/van-ban"),
          kind: "document",
          select: { item: "tr.vb", attachment: "a.tai-ve", number: "td.so", date: "td.ngay", title: "td.trich-yeu" },
        },
      ]),
    });
    await bot.runtime.fetchSources(); // the baseline: recorded, not pushed

    for (const chat of [2001, 2002]) {
      const since = api.calls.length;
      api.userSays("/dangky", user(chat));
      await api.waitForCall("sendMessage", (c) => c.payload.chat_id === chat && /Cài đặt nhận tin/.test(c.payload.text), { since });
    }

    feeds.set("/van-ban", { body: listing([fresh, old]), contentType: "text/html; charset=utf-8" });
    const reports = await bot.runtime.fetchSources();
    expect(reports.find((r) => r.name === "Cổng thông tin thành phố")).toMatchObject({ outcome: "new-items", newItems: 1 });
    const push = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 2001 && /nghỉ lễ, tết/.test(c.payload.text));
    // The listing row's summary is the title; the file gives the kind, issuer and date of issue.
    expect(push.payload.text).toMatch(/^<b>Bộ luật Lao động: nghỉ lễ, tết<\/b>/);
    expect(push.payload.text).toContain("Bộ luật số 45/2019/QH14 · QUỐC HỘI · ban hành 20/11/2019");
    const button = push.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text === "📎 Tải văn bản gốc");
    expect(button?.callback_data).toMatch(/^od:\d+$/);

    // The original is kept under its hash, whatever the site does next.
    const sha = createHash("sha256").update(pdf).digest("hex");
    expect(existsSync(originalPath(bot.dataDir, sha))).toBe(true);
    feeds.set(fresh.file, { body: "<html>404</html>", status: 404, contentType: "text/html" });

    const before = api.calls.length;
    api.userPresses(button.callback_data, user(2001));
    const upload = await api.waitForCall("sendDocument", (c) => String(c.payload.chat_id) === "2001", { since: before });
    expect(upload.payload.document).toMatchObject({ file: "bo-luat-lao-dong.pdf", size: pdf.length });
    expect(Buffer.compare(upload.payload.document.data, pdf)).toBe(0);
    expect(upload.payload.caption).toContain("45/2019/QH14");

    // Another subscriber's copy: the send reuses Telegram's file_id, nothing is uploaded again.
    const other = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 2002 && /nghỉ lễ, tết/.test(c.payload.text));
    const again = api.calls.length;
    api.userPresses(other.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text.startsWith("📎")).callback_data, user(2002));
    const reuse = await api.waitForCall("sendDocument", (c) => String(c.payload.chat_id) === "2002", { since: again });
    expect(reuse.payload.document).toBe((upload.response as { result: { document: { file_id: string } } }).result.document.file_id);

    // The document is answerable and listed by /vanban, its number read from the listing.
    const list = api.calls.length;
    api.userSays("/vanban 45/2019/QH14", user(2001));
    const listed = await api.waitForCall("sendMessage", (c) => c.payload.chat_id === 2001, { since: list });
    expect(listed.payload.text).toContain("Bộ luật Lao động: nghỉ lễ, tết");
    expect(listed.payload.reply_markup.inline_keyboard.flat().some((b: { text: string }) => b.text.startsWith("📎"))).toBe(true);
  });
});
