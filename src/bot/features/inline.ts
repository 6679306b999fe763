import { Composer, InlineKeyboard, InlineQueryResultBuilder } from "grammy";
import type { InlineQueryResult } from "grammy/types";
import { EngineUnavailableError } from "../../engine-pool/types.js";
import type { AskResult } from "../../index/types.js";
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
export function createInlineFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("inline_query", async (ctx) => {
    const question = prepareQuestion(ctx.inlineQuery.query);
    if (!question) {
      await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS });
      return;
    }
    let found: AskResult;
    try {
      found = await ctx.deps.engine.ask(question, { top: 5 });
    } catch (err) {
      if (!(err instanceof EngineUnavailableError)) throw err;
      // Nothing to offer this time; not cached, so the same query typed again is answered.
      ctx.logger.warn({ err, reason: err.reason }, "bot: engine could not answer an inline query");
      await ctx.answerInlineQuery([], { cache_time: 0 });
      return;
    }
    const { answer, hits } = found;
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
  return feature;
}
