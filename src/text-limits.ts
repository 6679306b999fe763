// Telegram's limits on texts and the one way the bot shortens a text to fit them.

export { QUESTION_MAX_CHARS } from "./index/limits.js";

/** Telegram's limit on a text message, in characters after entity parsing. */
export const MESSAGE_MAX_CHARS = 4096;

/** Telegram's limit on a photo caption, in characters after entity parsing. */
export const CAPTION_MAX_CHARS = 1024;

/** Telegram's limit on the text of `answerCallbackQuery`, in characters. */
export const CALLBACK_ANSWER_MAX_CHARS = 200;

/** Length as Telegram counts it: characters (code points) of the NFC form. */
export function textLength(text: string): number {
  return [...text.normalize("NFC")].length;
}

/**
 * Cuts plain text to at most `max` characters (code points, so a letter or an emoji is never split),
 * at a word boundary when one is near, adding "…" when it cut. White space is folded first.
 * Cut before escaping, so that an HTML entity is never split.
 *
 * @example
 * truncate("Hội nghị tổng kết công tác năm 2024", 20); // "Hội nghị tổng kết…"
 */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const chars = [...clean];
  if (chars.length <= max) return clean;
  const cut = chars.slice(0, Math.max(0, max - 1)).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
