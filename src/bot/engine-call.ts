import { EngineUnavailableError } from "../engine-pool/types.js";
import type { BotContext } from "./context.js";
import { showTyping } from "./helpers.js";

/** Telegram shows "typing…" for about 5 s; it is sent again this often while an answer is awaited, in milliseconds. */
export const TYPING_REFRESH_MS = 4_000;

/** Shows "typing…" now and keeps it shown until the returned function is called. */
export function keepTyping(ctx: BotContext): () => void {
  showTyping(ctx);
  const timer = setInterval(() => showTyping(ctx), TYPING_REFRESH_MS);
  return () => clearInterval(timer);
}

/**
 * Awaits an engine call for a chat with "typing…" shown meanwhile. When the engine cannot answer
 * (every thread busy for too long, or the thread holding the question failed) the user is told so
 * politely and the result is undefined; other errors go to the error boundary.
 */
export async function callEngine<T>(ctx: BotContext, call: () => Promise<T>): Promise<T | undefined> {
  const stopTyping = keepTyping(ctx);
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof EngineUnavailableError)) throw err;
    const busy = err.reason === "busy" || err.reason === "closed";
    ctx.logger.warn({ err, reason: err.reason }, busy ? "bot: engine busy, question refused" : "bot: engine failed on a question");
    await ctx.reply(ctx.t(busy ? "engine-busy" : "engine-failed"), { parse_mode: "HTML" });
    return undefined;
  } finally {
    stopTyping();
  }
}
