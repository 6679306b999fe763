import { cleanText as cleanLetters } from "../index/normalize.js";

// Load-time text cleanup shared by every format. Deeper normalisation (tone-mark placement, case and accent
// folding) belongs to src/index/; this only makes stored text canonical so ids, titles and bodies compare equal.

/**
 * Normalises text read from a corpus file: no BOM, NFC and look-alike letters fixed (`Ð` U+00D0 → `Đ`,
 * the engine's own `cleanText`), no NBSP.
 */
export function cleanText(text: string): string {
  return cleanLetters(text.replace(/^\uFEFF/, "")).replace(/[\u00A0\u202F]/g, " ");
}

/** Derives a stable document id from a corpus-relative path: forward slashes, no extension (`news/a.md` → `news/a`). */
export function idFromPath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\.(md|txt|jsonl|jsonl\.gz|pdf|docx|doc)$/i, "");
}
