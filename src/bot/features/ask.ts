import { Composer } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import { CALLBACKS } from "../../callback-data.js";
import type { BotContext } from "../context.js";
import { callEngine } from "../engine-call.js";
import { answerStale, decodeButton, editScreen, screenDeps, turnPage } from "../helpers.js";
import { answerQuestion } from "../questions.js";
import { answerPageCount, renderAnswer } from "../screens.js";

/**
 * Questions: any text in a private chat, `/hoi <câu hỏi>` (`/ask`) anywhere, and in groups a
 * message that mentions the bot. Also the answer's buttons: paging and 👍/👎.
 */
export function createAskFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command(["hoi", "ask"], async (ctx) => {
    await answerQuestion(ctx, ctx.match);
  });

  const privateChat = feature.chatType("private");
  // Unknown commands fall through to the fallback instead of being searched for.
  privateChat.on("message:text").filter((ctx) => !ctx.msg.text.startsWith("/"), (ctx) => answerQuestion(ctx, ctx.msg.text));
  privateChat.on("edited_message:text").filter((ctx) => !ctx.msg.text.startsWith("/"), (ctx) => answerQuestion(ctx, ctx.msg.text));

  feature
    .chatType(["group", "supergroup"])
    .on("message:text")
    .filter(
      (ctx) => mentionsOf(ctx.msg, ctx.me.username).length > 0,
      (ctx) => answerQuestion(ctx, withoutMentions(ctx.msg, ctx.me.username)),
    );

  feature.callbackQuery(CALLBACKS.answerPage.match, async (ctx) => {
    const turned = await turnPage(ctx, CALLBACKS.answerPage, answerPageCount);
    if (!turned) return;
    const { row, page } = turned;
    let answer = null;
    if (page === 0 && row.answered) {
      const result = await callEngine(ctx, () => ctx.deps.engine.ask(row.question));
      if (!result) return;
      answer = result.answer;
    }
    await editScreen(ctx, renderAnswer(screenDeps(ctx), row, answer, page));
  });

  feature.callbackQuery(CALLBACKS.feedback.match, async (ctx) => {
    const button = await decodeButton(ctx, CALLBACKS.feedback);
    if (!button) return;
    const { row, press: { value } } = button;
    if (value !== 0 && value !== 1) return answerStale(ctx);
    if (row.userId !== ctx.from.id) {
      await ctx.answerCallbackQuery({ text: ctx.t("feedback-not-yours") });
      return;
    }
    const feedback = value === 1 ? "up" : "down";
    const changed = await ctx.deps.questions.setFeedback(row.id, feedback);
    // "Not what I asked" points to the other results and to asking differently.
    const key = !changed ? "feedback-already" : feedback === "up" ? "feedback-thanks" : "feedback-thanks-down";
    await ctx.answerCallbackQuery({ text: ctx.t(key) });
    if (changed) ctx.logger.info({ questionId: row.id, feedback }, "bot: feedback");
  });
  return feature;
}

function mentionsOf(msg: Message, username: string): MessageEntity[] {
  const wanted = `@${username}`.toLowerCase();
  return (msg.entities ?? []).filter(
    (e) => e.type === "mention" && msg.text?.slice(e.offset, e.offset + e.length).toLowerCase() === wanted,
  );
}

function withoutMentions(msg: Message, username: string): string {
  let text = msg.text ?? "";
  // Cut from the end so earlier offsets stay valid.
  for (const e of mentionsOf(msg, username).sort((a, b) => b.offset - a.offset)) {
    text = text.slice(0, e.offset) + text.slice(e.offset + e.length);
  }
  return text;
}
