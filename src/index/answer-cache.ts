import { ENGINE_SETTINGS } from "./settings.js";
import type { AskResult } from "./types.js";

/**
 * Recent answers, least recently used out first. The same question (same words, whatever the case
 * or spacing) gets the same answer until the corpus changes: citizens ask the popular questions
 * again and again. The engine clears it on every add or remove.
 */
export class AnswerCache {
  private readonly entries = new Map<string, AskResult>();

  constructor(private readonly capacity: number = ENGINE_SETTINGS.answerCacheSize) {}

  /** The cache key of a question asked for `top` hits. */
  static key(question: string, top: number): string {
    const text = question.slice(0, ENGINE_SETTINGS.maxQuestionChars).normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
    return `${top}\u0000${text}`;
  }

  /** The kept result, marked as recently used. */
  get(key: string): AskResult | undefined {
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
    }
    return cached;
  }

  /** Keeps a result, dropping the least recently used beyond capacity. */
  set(key: string, result: AskResult): void {
    this.entries.set(key, result);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every answer (the corpus changed). */
  clear(): void {
    this.entries.clear();
  }
}
