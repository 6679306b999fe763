import type { AskResult } from "../index/types.js";
import type { LoggedQuestion } from "../storage/question-store.js";
import type { BotContext } from "./context.js";
import { prepareQuestion } from "./format.js";
import { callEngine } from "./engine-call.js";
import { replyScreen, screenDeps } from "./helpers.js";
import { renderAnswer } from "./screens.js";

/** Documents kept per question for "Kết quả khác" paging. */
export const ASK_TOP = 15;

/**
 * Answers a citizen's question: asks the engine, records the question, and replies with the
 * answer screen (or the honest "no answer" one). Used by plain text, /hoi, mentions and the
 * example buttons of /start.
 */
export async function answerQuestion(ctx: BotContext, text: string): Promise<void> {
  const question = prepareQuestion(text);
  if (!question) {
    await ctx.reply(ctx.t("ask-empty"), { parse_mode: "HTML" });
    return;
  }
  const started = ctx.now();
  const result = await callEngine(ctx, () => ctx.deps.engine.ask(question, { top: ASK_TOP }));
  if (!result) return;
  const latencyMs = ctx.now() - started;
  const row = await logQuestion(ctx, question, result, latencyMs);
  ctx.logger.info({ questionId: row.id, answered: row.answered, latencyMs }, "bot: question");
  await replyScreen(ctx, renderAnswer(screenDeps(ctx), row, result.answer, 0));
}

async function logQuestion(ctx: BotContext, question: string, result: AskResult, latencyMs: number): Promise<LoggedQuestion> {
  // The answer's document comes first so that "read in full" (index 0) opens it.
  const hits = [...new Set([...(result.answer ? [result.answer.docId] : []), ...result.hits.map((h) => h.docId)])];
  const entry = {
    userId: ctx.from?.id ?? 0,
    chatId: ctx.chat?.id ?? null,
    kind: "ask" as const,
    question,
    answered: result.answer !== null,
    docId: result.answer?.docId ?? null,
    hits,
    latencyMs,
  };
  const id = await ctx.deps.questions.log(entry, new Date(ctx.now()));
  return { ...entry, id, feedback: null, page: 0, createdAt: "" };
}
