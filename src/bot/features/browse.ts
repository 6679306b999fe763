import { Composer } from "grammy";
import { foldedText } from "../../index/normalize.js";
import type { CorpusDoc } from "../../index/types.js";
import type { QuestionKind } from "../../storage/question-store.js";
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
    const query = prepareQuestion(ctx.match);
    const started = ctx.now();
    const list = async (kind: QuestionKind, docs: Array<{ id: string }>, header?: string) => {
      const row = await logList(ctx, kind, query, docs.map((d) => d.id), started);
      return replyScreen(ctx, renderList(screenDeps(ctx), row, header ?? listHeader(ctx, row), 0));
    };
    if (!query) return list("documents", ctx.deps.engine.latest({ type: "document", limit: LIST_LIMIT }).docs);
    const exact = ctx.deps.engine.byNumber(query);
    if (exact.length > 0) return list("number", exact);
    // `/vanban quyết định`: the documents of that kind; `/vanban UBND thành phố`: those of that issuer; newest first.
    const filtered = filterDocuments(ctx.deps.engine.latest({ type: "document", limit: ctx.deps.engine.size }).docs, query);
    if (filtered) {
      const header = ctx.t(filtered.by === "kind" ? "documents-kind-header" : "documents-issuer-header", {
        kind: escapeHtml(filtered.label),
        issuer: escapeHtml(filtered.label),
      });
      return list("documents", filtered.docs.slice(0, LIST_LIMIT), header);
    }
    // No document carries that number, kind or issuer: say so, and offer the texts that mention it.
    const found = await callEngine(ctx, () => ctx.deps.engine.search(query, { limit: LIST_LIMIT }));
    if (!found) return;
    const row = await logList(ctx, "search", query, found.hits.map((h) => h.doc.id), started);
    const header = `${ctx.t("number-not-found", { number: escapeHtml(query) })}\n\n${listHeader(ctx, row)}`;
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

/**
 * The documents (newest first, as given) of the kind the query names (`quyết định`, `quyet dinh`), else of the issuers
 * whose name holds the query (`UBND thành phố`, `ubnd thanh pho`); null when the query is neither.
 */
export function filterDocuments(docs: CorpusDoc[], query: string): { by: "kind" | "issuer"; label: string; docs: CorpusDoc[] } | null {
  const wanted = foldedText(query);
  const byKind = docs.filter((d) => d.kind && foldedText(d.kind) === wanted);
  if (byKind.length > 0) return { by: "kind", label: byKind[0]!.kind!, docs: byKind };
  const byIssuer = docs.filter((d) => d.issuer && ` ${foldedText(d.issuer)} `.includes(` ${wanted} `));
  if (byIssuer.length > 0) return { by: "issuer", label: query, docs: byIssuer };
  return null;
}

