import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { sendWeeklyReport } from "../../src/jobs/send-weekly-report.js";
import { createQuestionStore } from "../../src/storage/question-store.js";
import { ADMIN_USER, createPollsHarness, STAFF_CHAT, STAFF_USER } from "../support/polls-harness.js";
import { createTestTranslator } from "../support/translator.js";

const pressOf = (markup: unknown, row: number) =>
  String((markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard[row]?.[0]?.callback_data);

describe("poll features", () => {
  it("creates a poll from the one-line form and previews it with send and cancel buttons", async () => {
    const h = await createPollsHarness();
    await h.send(STAFF_USER, STAFF_CHAT, "/thamdo Bạn đi làm bằng gì? | Xe máy | Xe buýt <nhanh>");
    const preview = h.sent("sendMessage").at(-1)!;
    expect(preview.payload.text).toContain("<b>Bạn đi làm bằng gì?</b>");
    expect(preview.payload.text).toContain("2. Xe buýt &lt;nhanh&gt;");
    expect(preview.payload.text).toContain("(3 người)");
    expect(preview.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: "✅ Gửi thăm dò", callback_data: "ps:1" }, { text: "✖️ Hủy", callback_data: "pc:1" }]],
    });
    expect((await h.polls.getPoll(1))).toMatchObject({ status: "draft", anonymous: true, multiple: false, audience: "subscribers" });
  });

  it("explains Telegram's limits when the form breaks them", async () => {
    const h = await createPollsHarness();
    await h.send(STAFF_USER, STAFF_CHAT, `/thamdo ${"Dài ".repeat(80)}| Một`);
    const text = h.lastText(STAFF_CHAT);
    expect(text).toContain("Câu hỏi dài 319 ký tự, Telegram cho phép tối đa 300");
    expect(text).toContain("Cần ít nhất 2 phương án (hiện có 1)");
    expect((await h.polls.latestPoll())).toBeUndefined();
  });

  it("refuses a non-member politely, in any chat", async () => {
    const h = await createPollsHarness();
    await h.send(555, 555, "/thamdo Hỏi? | A | B");
    await h.send(555, STAFF_CHAT, "/ketqua");
    expect(h.lastText(555)).toBe("Xin lỗi, lệnh này chỉ dành cho cán bộ trong nhóm điều hành.");
    expect(h.lastText(STAFF_CHAT)).toBe("Xin lỗi, lệnh này chỉ dành cho cán bộ trong nhóm điều hành.");
    await h.send(STAFF_USER, STAFF_USER, "/thamdo Hỏi? | A | B");
    expect(h.lastText(STAFF_USER)).toBe("Vui lòng dùng lệnh này trong nhóm điều hành.");
  });

  it("walks the guided flow to a named multiple-choice poll for a group", async () => {
    const h = await createPollsHarness();
    await h.send(STAFF_USER, STAFF_CHAT, "/thamdo");
    expect(h.lastText(STAFF_CHAT)).toContain("(1/6)");
    await h.send(STAFF_USER, STAFF_CHAT, "Bạn quan tâm lĩnh vực nào?");
    await h.send(STAFF_USER, STAFF_CHAT, "Giáo dục\nY tế\n\nGiao thông");
    await h.press(STAFF_USER, STAFF_CHAT, "pf:m:1");
    await h.press(STAFF_USER, STAFF_CHAT, "pf:a:0");
    await h.send(STAFF_USER, STAFF_CHAT, "hôm qua");
    expect(h.lastText(STAFF_CHAT)).toContain("Chưa hiểu hạn chót này");
    await h.send(STAFF_USER, STAFF_CHAT, "25/12/2026 17:00");
    await h.press(STAFF_USER, STAFF_CHAT, "pf:au:chat");
    await h.send(STAFF_USER, STAFF_CHAT, "nhóm A");
    expect(h.lastText(STAFF_CHAT)).toContain("Mã nhóm không hợp lệ");
    await h.send(STAFF_USER, STAFF_CHAT, "-100777");
    expect(h.lastText(STAFF_CHAT)).toContain("Gửi đến: nhóm chat <code>-100777</code>");
    expect((await h.polls.latestPoll())).toBeUndefined();
    expect((await h.polls.getPoll(1))).toMatchObject({
      question: "Bạn quan tâm lĩnh vực nào?",
      options: ["Giáo dục", "Y tế", "Giao thông"],
      multiple: true,
      anonymous: false,
      audience: "chat",
      audienceChatId: -100777,
      closesAt: new Date("2026-12-25T10:00:00Z"),
    });
    expect((await h.polls.getDraftState(STAFF_USER))).toBeUndefined();
  });

  it("sends on the preview's first button, counts votes, and withdraws on a second press", async () => {
    const h = await createPollsHarness();
    await h.send(STAFF_USER, STAFF_CHAT, "/thamdo Bạn đi làm bằng gì? | Xe máy | Xe buýt");
    await h.press(STAFF_USER, STAFF_CHAT, "ps:1");
    expect(h.sent("editMessageText").at(-1)?.payload.text).toBe("Đã bắt đầu gửi thăm dò #1 đến 3 nơi nhận. Tiến độ sẽ được báo tại đây.");
    await h.press(STAFF_USER, STAFF_CHAT, "ps:1");
    expect(h.sent("editMessageText").at(-1)?.payload.text).toBe("Thăm dò #1 đã được gửi hoặc đã hủy trước đó.");
    await h.worker.drain();
    const copy = h.sent("sendMessage").find((c) => c.payload.chat_id === 1)!;
    expect(pressOf(copy.payload.reply_markup, 1)).toBe("pv:1:1");
    await h.press(1, 1, "pv:1:0");
    await h.press(2, 2, "pv:1:1");
    await h.press(3, 3, "pv:1:1");
    await h.press(3, 3, "pv:1:1");
    expect(h.sent("answerCallbackQuery").at(-1)?.payload.text).toBe("Đã rút lại lựa chọn của bạn.");
    expect(h.sent("answerCallbackQuery").at(-2)?.payload.text).toBe("Đã ghi nhận lựa chọn: Xe buýt");
    const tick = h.sent("editMessageReplyMarkup").at(-2)?.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string }>> };
    expect(tick.inline_keyboard.map((row) => row[0]?.text)).toEqual(["Xe máy", "✅ Xe buýt"]);
    expect((await h.polls.results(1))).toMatchObject({ counts: [1, 1], participants: 2 });
  });

  it("cancels a draft on the preview's second button", async () => {
    const h = await createPollsHarness();
    await h.send(STAFF_USER, STAFF_CHAT, "/poll Q? | A | B");
    await h.press(STAFF_USER, STAFF_CHAT, "pc:1");
    expect(h.sent("editMessageText").at(-1)?.payload.text).toBe("Đã hủy thăm dò #1, chưa gửi cho ai.");
    await h.press(STAFF_USER, STAFF_CHAT, "ps:1");
    await h.worker.drain();
    expect(h.sent("sendMessage").filter((c) => Number(c.payload.chat_id) > 0)).toEqual([]);
  });

  it("shows results with a chart, closes by an admin only, and exports CSV", async () => {
    const h = await createPollsHarness();
    await h.send(STAFF_USER, STAFF_CHAT, "/thamdo Có nên mở rộng chợ Đông Hà? | Có | Không");
    await h.press(STAFF_USER, STAFF_CHAT, "ps:1");
    await h.worker.drain();
    await h.press(1, 1, "pv:1:0");
    await h.press(2, 2, "pv:1:0");
    await h.press(3, 3, "pv:1:1");
    await h.send(STAFF_USER, STAFF_CHAT, "/ketqua");
    const photo = h.sent("sendPhoto").at(-1)!;
    expect(photo.payload.caption).toContain("1. Có: <b>2</b> (66,7%)");
    expect(photo.payload.caption).toContain("3 người đã tham gia bình chọn");
    expect(photo.payload.photo).toBeDefined();

    await h.send(STAFF_USER, STAFF_CHAT, "/dong");
    expect(h.lastText(STAFF_CHAT)).toBe("Xin lỗi, chỉ quản trị viên nhóm cán bộ mới được đóng thăm dò.");
    await h.send(ADMIN_USER, STAFF_CHAT, "/dong 1");
    expect(h.sent("sendPhoto").at(-1)?.payload.caption).toContain("Đã đóng thăm dò #1; nút bình chọn đang được gỡ khỏi 3 tin nhắn.");
    await h.worker.drain();
    expect(h.sent("editMessageText").filter((c) => Number(c.payload.chat_id) > 0)).toHaveLength(3);
    await h.press(1, 1, "pv:1:1");
    expect(h.sent("answerCallbackQuery").at(-1)?.payload.text).toBe("Thăm dò này đã kết thúc, lựa chọn không được tính.");
    await h.send(ADMIN_USER, STAFF_CHAT, "/dong #1");
    expect(h.lastText(STAFF_CHAT)).toBe("Thăm dò #1 đã đóng từ trước.");

    await h.send(STAFF_USER, STAFF_CHAT, "/xuat 1");
    const doc = h.sent("sendDocument").at(-1)!;
    expect(doc.payload.caption).toBe("Kết quả thăm dò #1 (CSV, mở được bằng Excel).");
    await h.send(STAFF_USER, STAFF_CHAT, "/ketqua 99");
    expect(h.lastText(STAFF_CHAT)).toContain("Không tìm thấy thăm dò số “99”");
  });

  it("answers /thongke with figures from the question log, and sends the same as the weekly report", async () => {
    const h = await createPollsHarness();
    const questions = createQuestionStore(h.db);
    const log = async (question: string, answered: boolean, at: string) =>
      await questions.log({ userId: 9, chatId: 9, kind: "ask", question, answered, docId: null, hits: [], latencyMs: 2 }, new Date(at));
    await log("Đông Hà có bao nhiêu đảng viên?", true, "2026-11-26T01:00:00Z");
    const down = await log("Giá vé xe buýt <nội thành>?", false, "2026-11-25T01:00:00Z");
    await log("giá vé xe buýt <nội thành>", false, "2026-11-24T01:00:00Z");
    await questions.setFeedback(down, "down");
    await h.send(STAFF_USER, STAFF_CHAT, "/thamdo Hỏi? | A | B");
    await h.press(STAFF_USER, STAFF_CHAT, "ps:1");
    await h.send(STAFF_USER, STAFF_CHAT, "/thongke");
    const text = h.lastText(STAFF_CHAT);
    expect(text).toContain("📈 <b>Thống kê 7 ngày qua</b>");
    expect(text).toContain("24/11: 1\n25/11: 1\n26/11: 1");
    expect(text).toContain("✅ Trả lời được: 1/3 (33,3%)");
    expect(text).toContain("❓ Chưa trả lời được (nội dung còn thiếu):\n• Giá vé xe buýt &lt;nội thành&gt;? (2 lần)");
    expect(text).toContain("👎 Phản hồi “chưa đúng ý”: 1");
    expect(text).toContain("📊 Thăm dò đang chạy: 1\n• #1 Hỏi?: 0 người tham gia, hạn chót 15:00 3/12/2026");
    const sent: Array<{ chatId: number; text: string }> = [];
    await sendWeeklyReport({
      api: { sendMessage: async (chatId: number | string, text: string) => sent.push({ chatId: Number(chatId), text }) } as never,
      insight: h.deps.insight,
      polls: h.polls,
      translator: createTestTranslator(),
      logger: pino({ level: "silent" }),
      staffChatId: STAFF_CHAT,
      staffLocale: "vi",
      timeZone: "Asia/Ho_Chi_Minh",
      now: h.deps.now,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text.split("\n")[0]).toBe("🗓 <b>Báo cáo tuần (7 ngày qua)</b>");
    expect(sent[0]?.text.split("\n").slice(1)).toEqual(text.split("\n").slice(1));
    await h.send(555, 555, "/thongke");
    expect(h.lastText(555)).toBe("Xin lỗi, lệnh này chỉ dành cho cán bộ trong nhóm điều hành.");
  });
});
