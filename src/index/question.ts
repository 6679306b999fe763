import { ENGINE_SETTINGS } from "./settings.js";
import { findDocNumbers, type DocNumberMention } from "./doc-number.js";
import { foldDiacritics, normalizeText } from "./normalize.js";
import { tokenize, type Token } from "./tokenize.js";

/** What kind of answer a question wants. */
export type AnswerKind =
  | "count"
  | "amount"
  | "percent"
  | "duration"
  | "date"
  | "person"
  | "place"
  | "document"
  | "definition"
  | "other";

/** A question taken apart: its searchable tokens, what it asks for, and its constraints. */
export interface QuestionAnalysis {
  /** The question as given, cut to the length the engine reads. */
  text: string;
  tokens: Token[];
  /** Indexes (in `tokens`) of the tokens that carry content (not question words or document numbers). */
  content: number[];
  kind: AnswerKind;
  docNumbers: DocNumberMention[];
  /** A year the question names (`năm 2023`), or null. */
  year: number | null;
  /** Whether it asks for the latest (`mới nhất`, `gần đây`). */
  wantsLatest: boolean;
  /** Whether the question was typed with diacritics at all. */
  accented: boolean;
  /**
   * For "bao nhiêu X" / "mấy X": the folded syllables of X (`["dang", "vien"]`), which the answer
   * must hold next to its figure; `unit` when X is a unit (`giờ`, `ngày`) the figure must carry.
   */
  focus: string[];
  /** The same syllables in canonical form with diacritics, and whether they were typed so. */
  focusCanon: string[];
  focusAccented: boolean;
  unit: string | null;
}

/** Units a figure is written with: "bao nhiêu giờ" wants "08 giờ", not "30%". */
export const UNITS = new Set(["gio", "ngay", "thang", "nam", "tuan", "phut", "tuoi", "lan", "quy", "dong", "ty", "trieu", "km", "ha", "m2", "tan", "ban", "suat"]);

/** Units asked with another word than the text uses: "mấy tiếng" is answered in giờ. */
const UNIT_SYNONYMS: Record<string, string> = { tieng: "gio", buoi: "ngay" };


// Question phrases, in folded form, that say what is asked but never occur in the answer text.
// Longest first so that "bao nhieu phan tram" wins over "bao nhieu".
const QUESTION_PHRASES = [
  "cho toi hoi", "cho em hoi", "cho minh hoi", "xin hoi", "cho hoi", "vui long cho biet", "cho biet",
  "bao nhieu", "bao lau", "bao gio", "khi nao", "luc nao", "ngay nao", "thang nao", "nam nao",
  "o dau", "noi nao", "cho nao", "nhu the nao", "the nao", "ra sao", "nhu nao", "tai sao", "vi sao",
  "la gi", "la ai", "nghia la gi", "la sao", "gom nhung gi", "gom nhung", "nhung gi", "nhung ai",
  "phai khong", "duoc khong", "hay khong", "co khong", "la bao nhieu", "ai", "gi", "nao", "may",
].sort((a, b) => b.split(" ").length - a.split(" ").length);

const PHRASE_SET = new Map<number, Set<string>>();
for (const phrase of QUESTION_PHRASES) {
  const n = phrase.split(" ").length;
  if (!PHRASE_SET.has(n)) PHRASE_SET.set(n, new Set());
  PHRASE_SET.get(n)!.add(phrase);
}
const MAX_PHRASE = Math.max(...PHRASE_SET.keys());

// "mấy" typed with diacritics is a question word; folded "may" is also "máy" (machine): keep the
// plain form as content.
const ACCENT_ONLY_QUESTION_WORDS = new Set(["may"]);

// Words after "bao nhiêu" that are not what is counted: "phần trăm", "tiền", "người" name the kind or
// are too general; "là", "mới", "được", "thì" continue the sentence.
const FOCUS_STOP = new Set(["phan", "tien", "la", "nguoi", "moi", "duoc", "thi", "co", "khong", "nua", "vay", "the", "roi", "de", "cho", "se", "da", "van", "cung", "nhu", "o", "tai", "trong", "khi"]);

const TRAILING_PARTICLES = new Set(["khong", "a", "ah", "vay", "nhi", "chua", "ha", "the", "nhe", "ko", "k"]);

const KIND_CUES: Array<[AnswerKind, RegExp]> = [
  ["percent", /\b(phan tram|ty le|ti le|bao nhieu %|tang truong|toc do tang)\b|%/],
  ["amount", /\b(bao nhieu tien|muc phi|le phi|phi|chi phi|gia|bao nhieu dong|ty dong|trieu dong|muc luong|luong toi thieu|tien luong|ngan sach|thu ngan sach|kinh phi|von|tri gia|muc phat|phat bao nhieu|tien)\b/],
  ["duration", /\b(bao lau|mat bao lau|thoi han|thoi gian|may ngay|bao nhieu ngay|bao nhieu thang|bao nhieu nam|bao nhieu gio|bao nhieu tuan|may thang|may nam|may gio|trong bao lau|keo dai)\b/],
  ["date", /\b(khi nao|ngay nao|bao gio|nam nao|thang nao|luc nao|thoi diem|ngay bao nhieu|ngay may|ban hanh ngay)\b/],
  ["person", /\b(la ai|ai la|nguoi nao|ai dang|ai giu|do ai|ai ky|ai chu tri|ten la gi)\b|^ai\b|\bai\s*\??$/],
  ["place", /\b(o dau|noi nao|cho nao|dia chi|tai dau|nop o dau|nop ho so o dau)\b/],
  ["count", /\b(bao nhieu|may|so luong|tong so|tuoi|do tuoi)\b/],
  ["definition", /\b(la gi|nghia la|the nao la|khai niem|dinh nghia|quy dinh gi|noi dung)\b/],
];

// "theo quyết định số mấy?", "số hiệu văn bản": the answer is an official number.
const DOC_NUMBER_ASKED = /\b(so hieu|(quyet dinh|nghi dinh|thong tu|bo luat|luat|van ban|chi thi|ket luan|nghi quyet|cong van)( so)? (so may|may|nao|bao nhieu|gi))\b/;

const LATEST_RE = /\b(moi nhat|gan day nhat|gan day|moi day|vua ban hanh|vua co|hom nay|tuan nay)\b/;
const YEAR_RE = /\b(19[5-9]\d|20\d\d|21\d\d)\b/;

// Chat shorthand and everyday words that official texts never use, rewritten to the words they do
// use. Only words absent from formal writing are here: "UBND" or "BHXH" also occur in the texts, so
// they stay as typed. Keys are folded; values keep their diacritics.
const REWRITES: Array<[RegExp, string]> = (
  [
    ["cty", "công ty"],
    ["dc|đc", "được"],
    ["ko|k|khg|hok", "không"],
    ["sdt|sđt", "số điện thoại"],
    ["nld|nlđ", "người lao động"],
    ["nsdld|nsdlđ", "người sử dụng lao động"],
    ["hdld|hđlđ|hđld", "hợp đồng lao động"],
    ["flycam", "tàu bay không người lái"],
    ["bn|bnh", "bao nhiêu"],
    ["tp", "thành phố"],
    ["nhiu", "nhiêu"],
  ] as Array<[string, string]>
).map(([from, to]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${from})(?![\\p{L}\\p{N}])`, "giu"), to]);

/** Rewrites chat shorthand ("cty", "dc", "ko") into the words official texts use. */
export function expandShorthand(question: string): string {
  let text = question.normalize("NFC");
  for (const [re, to] of REWRITES) text = text.replace(re, to);
  return text;
}

/** Takes a question apart: tokens, content tokens, answer kind, document numbers, year, latest. */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const text = expandShorthand(question.slice(0, ENGINE_SETTINGS.maxQuestionChars));
  const tokens = tokenize(text);
  const docNumbers = findDocNumbers(text, { question: true });
  const folded = foldDiacritics(normalizeText(text)).replace(/\s+/g, " ").trim();
  const isQuestionWord = new Array<boolean>(tokens.length).fill(false);
  // Mark question phrases (matched on folded tokens; "mấy" only when typed with its diacritics).
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_PHRASE, tokens.length - i); n >= 1; n--) {
      const phrase = tokens
        .slice(i, i + n)
        .map((t) => t.folded)
        .join(" ");
      if (!PHRASE_SET.get(n)?.has(phrase)) continue;
      if (n === 1 && ACCENT_ONLY_QUESTION_WORDS.has(phrase) && tokens[i]!.canon !== "mấy") continue;
      matched = n;
      break;
    }
    if (matched > 0) {
      for (let k = i; k < i + matched; k++) isQuestionWord[k] = true;
      i += matched;
    } else i++;
  }
  // Particles that end a question ("… không?", "… vậy?") carry nothing; elsewhere they may be words.
  for (let i = tokens.length - 1; i >= 0 && TRAILING_PARTICLES.has(tokens[i]!.folded); i--) isQuestionWord[i] = true;
  const inDocNumber = (t: Token) => docNumbers.some((m) => t.start >= m.start && t.end <= m.end);
  let content = tokens.map((_, i) => i).filter((i) => !isQuestionWord[i] && !inDocNumber(tokens[i]!));
  // A question made only of question words ("là gì?") keeps them: better some terms than none.
  if (content.length === 0) content = tokens.map((_, i) => i).filter((i) => !inDocNumber(tokens[i]!));
  let kind: AnswerKind = "other";
  if ((docNumbers.length > 0 && !/\b(bao nhieu|khi nao|ngay nao|ai)\b/.test(folded)) || DOC_NUMBER_ASKED.test(folded)) kind = "document";
  else for (const [candidate, re] of KIND_CUES) if (re.test(folded)) {
    kind = candidate;
    break;
  }
  // The syllables right after "bao nhiêu" / "mấy" name what is counted.
  const focus: string[] = [];
  const focusCanon: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const isBaoNhieu = tokens[i]!.folded === "nhieu" && tokens[i - 1]?.folded === "bao";
    const isMay = tokens[i]!.canon === "mấy" || (tokens[i]!.folded === "may" && !analysisAccented(tokens) && kindHint(folded));
    if (!isBaoNhieu && !isMay) continue;
    for (let k = i + 1; k < tokens.length && focus.length < 2; k++) {
      const t = tokens[k]!;
      if (t.breakBefore || isQuestionWord[k]) break;
      if (FOCUS_STOP.has(t.folded)) break;
      focus.push(t.folded);
      focusCanon.push(t.canon);
      if (UNITS.has(t.folded)) break;
    }
    break;
  }
  const first = focus[0] !== undefined ? (UNIT_SYNONYMS[focus[0]] ?? focus[0]) : undefined;
  const unit = first !== undefined && UNITS.has(first) ? first : null;
  const yearMatch = YEAR_RE.exec(folded);
  return {
    text,
    tokens,
    content,
    kind,
    docNumbers,
    year: yearMatch ? Number(yearMatch[1]) : null,
    wantsLatest: LATEST_RE.test(folded),
    accented: analysisAccented(tokens),
    focus: unit ? [unit] : focus,
    focusCanon: unit ? [unit] : focusCanon,
    focusAccented: !unit && focusCanon.some((c, i) => c !== focus[i]),
    unit,
  };
}

function analysisAccented(tokens: Token[]): boolean {
  return tokens.some((t) => t.accentHash !== 0);
}

// Typed without diacritics, "may" is a question word only where a count is plausibly asked.
function kindHint(folded: string): boolean {
  return /\bmay (ngay|gio|thang|nam|tuan|lan|nguoi|tuoi)\b/.test(folded);
}
