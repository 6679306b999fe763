import type { LoggedQuestion, QuestionKind } from "../storage/question-store.js";
import type { BotContext } from "./context.js";
import { escapeHtml } from "../html.js";
import { truncate } from "../text-limits.js";

/** Documents kept per list (/tim, /moi, /vanban) for paging. */
export const LIST_LIMIT = 50;

/** Records a list request in the question log, so that its paging and read buttons can refer to it. */
export async function logList(
  ctx: BotContext,
  kind: QuestionKind,
  query: string,
  docIds: string[],
  started: number,
): Promise<LoggedQuestion> {
  const entry = {
    userId: ctx.from?.id ?? 0,
    chatId: ctx.chat?.id ?? null,
    kind,
    question: query,
    answered: docIds.length > 0,
    docId: null,
    hits: docIds.slice(0, LIST_LIMIT),
    latencyMs: ctx.now() - started,
  };
  const id = await ctx.deps.questions.log(entry, new Date(ctx.now()));
  return { ...entry, id, feedback: null, page: 0, createdAt: "" };
}

/** The heading of a list, by the kind of request that made it; an empty list says so instead. */
export function listHeader(ctx: BotContext, row: LoggedQuestion): string {
  const query = escapeHtml(truncate(row.question, 120));
  const count = row.hits.length;
  switch (row.kind) {
    case "latest":
      return ctx.t(count > 0 ? "latest-header" : "latest-empty");
    case "documents":
      return ctx.t(count > 0 ? "documents-header" : "documents-empty");
    case "number":
      return ctx.t("number-header", { number: query, count });
    default:
      return count > 0 ? ctx.t("search-header", { query, count }) : ctx.t("search-none", { query });
  }
}
