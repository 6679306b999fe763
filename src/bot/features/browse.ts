import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml, prepareQuestion } from "../format.js";
import { answerStale, decodeButton, editScreen, replyScreen, screenDeps, showTyping } from "../helpers.js";
import { LIST_LIMIT, listHeader, logList } from "../lists.js";
import { CALLBACK, listPageCount, renderList } from "../screens.js";

/** Browsing: /tim (/search), /moi (/latest), /vanban (/documents, and `/vanban <số hiệu>`), with paging. */
export const browseFeature = new Composer<BotContext>();

browseFeature.command(["tim", "search"], async (ctx) => {
  const query = prepareQuestion(ctx.match);
  if (!query) return void (await ctx.reply(ctx.t("search-usage"), { parse_mode: "HTML" }));
  showTyping(ctx);
  const started = performance.now();
  const found = ctx.deps.engine.search(query, { limit: LIST_LIMIT });
  const row = await logList(ctx, "search", query, found.hits.map((h) => h.doc.id), started);
  await replyScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), 0));
});

browseFeature.command(["moi", "latest"], async (ctx) => {
  const started = performance.now();
  const latest = ctx.deps.engine.latest({ type: "news", limit: LIST_LIMIT });
  const row = await logList(ctx, "latest", "", latest.docs.map((d) => d.id), started);
  await replyScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), 0));
});

browseFeature.command(["vanban", "documents"], async (ctx) => {
  const number = prepareQuestion(ctx.match);
  const started = performance.now();
  if (!number) {
    const latest = ctx.deps.engine.latest({ type: "document", limit: LIST_LIMIT });
    const row = await logList(ctx, "documents", "", latest.docs.map((d) => d.id), started);
    return replyScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), 0));
  }
  const exact = ctx.deps.engine.byNumber(number);
  if (exact.length > 0) {
    const row = await logList(ctx, "number", number, exact.map((d) => d.id), started);
    return replyScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), 0));
  }
  // No document carries that number: say so, and offer the texts that mention it.
  const found = ctx.deps.engine.search(number, { limit: LIST_LIMIT });
  const row = await logList(ctx, "search", number, found.hits.map((h) => h.doc.id), started);
  const header = `${ctx.t("number-not-found", { number: escapeHtml(number) })}\n\n${listHeader(ctx, row)}`;
  await replyScreen(ctx, renderList(screenDeps(ctx), row, header, 0));
});

browseFeature.callbackQuery(new RegExp(`^${CALLBACK.listPage}:`), async (ctx) => {
  const press = await decodeButton(ctx, CALLBACK.listPage, 1);
  if (!press) return;
  const { row, args: [page = -1] } = press;
  if (page < 0 || page >= listPageCount(row)) return answerStale(ctx);
  await ctx.answerCallbackQuery();
  if (!(await ctx.deps.questions.setPage(row.id, page))) return;
  await editScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), page));
});
