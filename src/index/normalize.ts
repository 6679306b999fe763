// Vietnamese normalisation shared by indexing, queries, keyword alerts and lookups.
//
// Three layers, each a pure function of the one before:
// - `normalizeText`: Unicode NFC, look-alike letters fixed (Ð U+00D0 → Đ), lower case;
// - `canonicalSyllable`: one tone-mark placement (`hoà` and `hòa` become one spelling);
// - `foldDiacritics`: every diacritic removed and `đ` → `d`, for accent-insensitive matching.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/;
const ALL_MARKS = /[\u0300-\u036f]/g;
const VOWELS = "aăâeêioôơuưy";
const MODIFIED_VOWELS = "ăâêôơư";
const LOOK_ALIKES: Record<string, string> = { "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ" };
const LOOK_ALIKE_RE = /[\u00d0\u00f0\u0189\u0256]/g;

/** NFC, look-alike letters replaced (`Ð` U+00D0 → `Đ`), lower case. Keeps the text's length roughly, not exactly. */
export function normalizeText(text: string): string {
  return text.normalize("NFC").replace(LOOK_ALIKE_RE, (c) => LOOK_ALIKES[c] ?? c).toLowerCase();
}

/** Fixes look-alike letters and composes to NFC without changing case; for display text. */
export function cleanText(text: string): string {
  return text.normalize("NFC").replace(LOOK_ALIKE_RE, (c) => LOOK_ALIKES[c] ?? c);
}

/** Removes every diacritic and turns `đ` into `d`: `Đảng viên` → `Dang vien`. */
export function foldDiacritics(text: string): string {
  return text
    .replace(LOOK_ALIKE_RE, (c) => LOOK_ALIKES[c] ?? c)
    .normalize("NFD")
    .replace(ALL_MARKS, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

/** Whether the text has any Vietnamese diacritic (or `đ`). */
export function hasDiacritics(text: string): boolean {
  return foldDiacritics(text) !== text.normalize("NFC");
}

const syllableCache = new Map<string, string>();

/**
 * One spelling for a lower-case NFC syllable whatever tone-mark placement it was typed with:
 * `hoà`/`hòa` → `hòa`, `thuỷ`/`thủy` → `thủy`, `khoẻ`/`khỏe` → `khỏe`, `uỷ`/`ủy` → `ủy`; and
 * one spelling of a final i/y after a consonant: `lý`/`lí` → `lí`, `tỷ`/`tỉ` → `tỉ`.
 * The tone goes on the modified vowel (ă â ê ô ơ ư; the second of `ươ`), else on the last vowel
 * before a final consonant, else the middle of three vowels, else the second of `oa`/`oe`/`uy`,
 * else the first vowel.
 */
export function canonicalSyllable(syllable: string): string {
  const cached = syllableCache.get(syllable);
  if (cached !== undefined) return cached;
  const result = unifyFinalY(placeTone(syllable));
  if (syllableCache.size < 200_000) syllableCache.set(syllable, result);
  return result;
}

// After a consonant, a lone final "y" and "i" are two spellings of one vowel ("lý"/"lí",
// "kỹ"/"kĩ", "tỷ"/"tỉ", "mỹ"/"mĩ"): both are in use, so they match as "i". "quy" keeps its y,
// which belongs to "uy"; a syllable that is only "y" ("ý", "y tế") keeps it too.
const FINAL_Y = /^([bcdđghklmnprstvx]+)([yýỳỷỹỵ])$/u;
const Y_TO_I: Record<string, string> = { y: "i", ý: "í", ỳ: "ì", ỷ: "ỉ", ỹ: "ĩ", ỵ: "ị" };

function unifyFinalY(syllable: string): string {
  const match = FINAL_Y.exec(syllable);
  return match ? match[1]! + Y_TO_I[match[2]!]! : syllable;
}

function placeTone(syllable: string): string {
  const decomposed = syllable.normalize("NFD");
  const tone = decomposed.match(TONE_MARK)?.[0];
  if (!tone) return syllable;
  const base = decomposed.replace(TONE_MARKS, "").normalize("NFC");
  let start = 0;
  while (start < base.length && !VOWELS.includes(base[start]!)) start++;
  // In "qu" and "gi" + vowel, the u / i belongs to the initial consonant.
  if (start < base.length - 1 && ((base[start] === "u" && base[start - 1] === "q") || (base[start] === "i" && base[start - 1] === "g"))) {
    if (VOWELS.includes(base[start + 1]!)) start++;
  }
  let end = start;
  while (end < base.length && VOWELS.includes(base[end]!)) end++;
  if (end === start) return syllable;
  const cluster = base.slice(start, end);
  let target: number;
  let modified = -1;
  for (let i = 0; i < cluster.length; i++) if (MODIFIED_VOWELS.includes(cluster[i]!)) modified = i;
  if (modified >= 0) target = modified;
  else if (cluster.length === 1) target = 0;
  else if (end < base.length) target = cluster.length - 1;
  else if (cluster.length === 3) target = 1;
  else if (cluster === "oa" || cluster === "oe" || cluster === "uy") target = 1;
  else target = 0;
  const at = start + target;
  return (base.slice(0, at) + (base[at]! + tone).normalize("NFC") + base.slice(at + 1)).normalize("NFC");
}

/**
 * The text in matching form: normalised, and every syllable in its canonical tone placement.
 * Used for keyword alerts and lookups; indexing uses the same functions token by token.
 */
export function canonicalText(text: string): string {
  return normalizeText(text).replace(/[\p{L}\p{M}]+/gu, (word) => canonicalSyllable(word));
}

/** The accent-insensitive matching form: canonical, then folded. `Quy hoạch` → `quy hoach`. */
export function foldedText(text: string): string {
  return foldDiacritics(normalizeText(text));
}
