// Load-time text cleanup shared by every format. Deeper normalisation (tone-mark placement, case and accent
// folding) belongs to src/index/; this only makes stored text canonical so ids, titles and bodies compare equal.

/** Normalises text read from a corpus file: Unicode NFC, look-alike `Ð`/`ð` (U+00D0/U+00F0) to `Đ`/`đ`, no BOM, no NBSP. */
export function cleanText(text: string): string {
  // One pass for the look-alikes: this runs over every body of corpora of tens of thousands of articles.
  return text.replace(/^\uFEFF/, "").normalize("NFC").replace(/[\u00D0\u00F0\u00A0\u202F]/g, (ch) => LOOK_ALIKES[ch] ?? ch);
}

const LOOK_ALIKES: Record<string, string> = { "\u00D0": "\u0110", "\u00F0": "\u0111", "\u00A0": " ", "\u202F": " " };

/** Derives a stable document id from a corpus-relative path: forward slashes, no extension (`news/a.md` → `news/a`). */
export function idFromPath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\.(md|txt|jsonl|jsonl\.gz)$/i, "");
}
