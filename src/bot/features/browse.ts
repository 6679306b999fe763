import { Composer } from "grammy";
import { CALLBACKS } from "../../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../../html.js";
import { prepareQuestion } from "../format.js";
import { callEngine } from "../engine-call.js";
import { editScreen, replyScreen, screenDeps, turnPage } from "../helpers.js";
import { LIST_LIMIT, listHeader, logList } from "../lists.js";
import { listPageCount, renderList } from "../screens.js";

/** Browsing: /tim (/search), /moi (/latest), /vanban (/documents, and `/vanban <số hiệu>`), with paging. */
export function createBrowseFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command(["tim", "search"], async (ctx) => {
    const query = prepareQuestion(ctx.match);
    if (!query) return void (await ctx.reply(ctx.t("search-usage"), { parse_mode: "HTML" }));
    const started = ctx.now();
    const found = await callEngine(ctx, () => ctx.deps.engine.search(query, { limit: LIST_LIMIT }));
    if (!found) return;
    const row = await logList(ctx, "search", query, found.hits.map((h) => h.doc.id), started);
    await replyScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), 0));
  });

  feature.command(["moi", "latest"], async (ctx) => {
    const started = ctx.now();
    const latest = ctx.deps.engine.latest({ type: "news", limit: LIST_LIMIT });
    const row = await logList(ctx, "latest", "", latest.docs.map((d) => d.id), started);
    await replyScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), 0));
  });

  feature.command(["vanban", "documents"], async (ctx) => {
    const number = prepareQuestion(ctx.match);
    const started = ctx.now();
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
    const found = await callEngine(ctx, () => ctx.deps.engine.search(number, { limit: LIST_LIMIT }));
    if (!found) return;
    const row = await logList(ctx, "search", number, found.hits.map((h) => h.doc.id), started);
    const header = `${ctx.t("number-not-found", { number: escapeHtml(number) })}\n\n${listHeader(ctx, row)}`;
    await replyScreen(ctx, renderList(screenDeps(ctx), row, header, 0));
  });

  feature.callbackQuery(CALLBACKS.listPage.match, async (ctx) => {
    const turned = await turnPage(ctx, CALLBACKS.listPage, listPageCount);
    if (!turned) return;
    const { row, page } = turned;
    await editScreen(ctx, renderList(screenDeps(ctx), row, listHeader(ctx, row), page));
  });
  return feature;
}
