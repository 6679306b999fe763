import { Composer, InlineKeyboard, InlineQueryResultBuilder } from "grammy";
import type { InlineQueryResult } from "grammy/types";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../../html.js";
import { truncate } from "../../text-limits.js";
import { boldFigure, prepareQuestion } from "../format.js";
import { snippet, sourceLine } from "../screens.js";

/** Seconds Telegram may cache inline results for the same query. */
export const INLINE_CACHE_SECONDS = 300;

/**
 * Inline mode (`@bot câu hỏi` in any chat): the answer, then the documents found, as messages a
 * citizen can share. Inline queries arrive as the user types, so they are not logged as questions.
 */
export const inlineFeature = new Composer<BotContext>();

inlineFeature.on("inline_query", async (ctx) => {
  const question = prepareQuestion(ctx.inlineQuery.query);
  if (!question) {
    await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS });
    return;
  }
  const { answer, hits } = ctx.deps.engine.ask(question, { top: 5 });
  const results: InlineQueryResult[] = [];
  if (answer) {
    const text = `${boldFigure(answer.text, answer.figure)}\n\n${ctx.t("answer-source", { source: sourceLine(answer) })}`;
    results.push(
      InlineQueryResultBuilder.article("answer", truncate(answer.text, 100), {
        description: answer.title,
        ...(answer.url ? { reply_markup: new InlineKeyboard().url(ctx.t("button-open-source"), answer.url) } : {}),
      }).text(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } }),
    );
  }
  hits.forEach((hit, i) => {
    const doc = ctx.deps.engine.get(hit.docId);
    if (!doc || doc.id === answer?.docId) return;
    const text = `${sourceLine(doc)}\n<i>${escapeHtml(snippet(doc, 300))}</i>`;
    results.push(
      InlineQueryResultBuilder.article(`doc-${i}`, truncate(doc.title, 100), { description: snippet(doc, 120) }).text(
        text,
        { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      ),
    );
  });
  await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS });
});
