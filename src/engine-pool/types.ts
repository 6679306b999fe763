import type { AskOptions, AskResult, Engine, SearchOptions, SearchPage } from "../index/types.js";

/**
 * The engine as the bot and the jobs use it: questions and searches are answered asynchronously
 * (by worker threads, or in process), documents are read at once, and documents added or removed
 * reach whatever answers the next question.
 */
export interface AsyncEngine extends Omit<Engine, "ask" | "search"> {
  /** Answers a question; rejects with {@link EngineUnavailableError} when it cannot be answered now. */
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  /** Full-text search, best first; rejects with {@link EngineUnavailableError} like `ask`. */
  search(query: string, options?: SearchOptions): Promise<SearchPage>;
  /** Finishes the questions in hand, then releases the threads. Idempotent. */
  close(): Promise<void>;
}

/**
 * Why a question got no answer from the engine: `busy` (it waited too long for a thread), `crashed`
 * (its thread died), `failed` (the engine threw on it) or `closed` (shutting down).
 */
export type EngineUnavailableReason = "busy" | "crashed" | "failed" | "closed";

/** Raised by {@link AsyncEngine.ask} and `search` when the engine cannot answer; the caller tells the user. */
export class EngineUnavailableError extends Error {
  override readonly name = "EngineUnavailableError";
  constructor(
    readonly reason: EngineUnavailableReason,
    message: string,
  ) {
    super(message);
  }
}
