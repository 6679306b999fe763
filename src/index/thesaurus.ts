import { canonicalText, foldDiacritics } from "./normalize.js";
import { tokenize } from "./tokenize.js";

// Words citizens use for the words official texts use. Each entry was read against the texts it
// is for (the Labour Code, the Civil Code, the procedures, traffic and residence rules): a citizen
// asks "nghỉ phép năm", the Code says "nghỉ hằng năm". Applied to questions only, as a second
// reading of the question whose words weigh less than the words typed (see `thesaurusWeight`):
// the question keeps its own words, and a text that uses them still wins.

/** One entry: the phrases citizens use, the phrase the texts use, and where it does not apply. */
export interface ThesaurusEntry {
  /** Phrases as asked (any of them), with diacritics; matched accent-insensitively. */
  asked: string[];
  /** The phrase the texts use, with diacritics. */
  texts: string;
  /** The entry does not apply right after these words (folded): "tiền lương" is already the texts' word. */
  notAfter?: string[];
  /** …nor right before these words (folded): "làm thêm giờ" is already the texts' phrase. */
  notBefore?: string[];
}

/** The reviewed entries. Each is tested in `tests/index/thesaurus.test.ts`. */
export const THESAURUS: readonly ThesaurusEntry[] = [
  { asked: ["tối đa"], texts: "không quá" },
  { asked: ["tối thiểu"], texts: "ít nhất" },
  { asked: ["nghỉ phép năm", "nghỉ phép"], texts: "nghỉ hằng năm" },
  { asked: ["tuổi thành niên"], texts: "người thành niên" },
  { asked: ["công ty", "chủ lao động", "sếp"], texts: "người sử dụng lao động" },
  { asked: ["nhân viên", "công nhân"], texts: "người lao động" },
  { asked: ["lương"], texts: "tiền lương", notAfter: ["tien", "muc"] },
  { asked: ["mức phạt", "tiền phạt", "bị phạt"], texts: "phạt tiền" },
  { asked: ["làm giấy tờ", "làm giấy"], texts: "thủ tục" },
  { asked: ["tăng ca", "làm thêm"], texts: "làm thêm giờ", notBefore: ["gio"] },
  { asked: ["nghỉ đẻ", "nghỉ sinh"], texts: "nghỉ thai sản" },
  { asked: ["mang bầu", "có bầu", "có thai"], texts: "mang thai" },
  { asked: ["đuổi việc"], texts: "sa thải" },
  { asked: ["nghỉ việc"], texts: "chấm dứt hợp đồng lao động" },
  { asked: ["lấy vợ", "lấy chồng", "cưới nhau"], texts: "kết hôn" },
  { asked: ["ly dị", "bỏ nhau"], texts: "ly hôn" },
  { asked: ["hộ khẩu"], texts: "thường trú" },
  { asked: ["về hưu"], texts: "nghỉ hưu" },
  { asked: ["vượt đèn đỏ"], texts: "không chấp hành hiệu lệnh của đèn tín hiệu giao thông" },
  { asked: ["xe máy"], texts: "xe mô tô" },
  { asked: ["bằng lái"], texts: "giấy phép lái xe" },
  { asked: ["chứng minh thư"], texts: "chứng minh nhân dân" },
  { asked: ["sổ đỏ"], texts: "giấy chứng nhận quyền sử dụng đất" },
  { asked: ["người già"], texts: "người cao tuổi" },
  { asked: ["trẻ con", "con nít"], texts: "trẻ em" },
  { asked: ["làm đêm"], texts: "làm việc vào ban đêm" },
];

interface CompiledEntry {
  asked: string[][];
  texts: string;
  notAfter: Set<string>;
  notBefore: Set<string>;
}

const COMPILED: CompiledEntry[] = THESAURUS.map((e) => ({
  asked: e.asked.map((phrase) => foldDiacritics(canonicalText(phrase)).split(/\s+/)).sort((a, b) => b.length - a.length),
  texts: e.texts,
  notAfter: new Set(e.notAfter ?? []),
  notBefore: new Set(e.notBefore ?? []),
}));

/**
 * The question in the texts' words: each citizen phrase replaced by the phrase official texts use
 * (matched on whole syllables, accent-insensitively), or null when no entry applies.
 *
 * @example
 * inTextsWords("nghỉ phép năm được bao nhiêu ngày") // "nghỉ hằng năm được bao nhiêu ngày"
 */
export function inTextsWords(question: string): string | null {
  const tokens = tokenize(question);
  const folded = tokens.map((t) => t.folded);
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    let applied = 0;
    for (const entry of COMPILED) {
      for (const phrase of entry.asked) {
        const n = phrase.length;
        if (i + n > tokens.length || phrase.some((w, k) => folded[i + k] !== w)) continue;
        if (tokens.slice(i + 1, i + n).some((t) => t.breakBefore)) continue;
        if (i > 0 && !tokens[i]!.breakBefore && entry.notAfter.has(folded[i - 1]!)) continue;
        if (i + n < tokens.length && !tokens[i + n]!.breakBefore && entry.notBefore.has(folded[i + n]!)) continue;
        replacements.push({ start: tokens[i]!.start, end: tokens[i + n - 1]!.end, text: entry.texts });
        applied = n;
        break;
      }
      if (applied > 0) break;
    }
    if (applied > 0) i += applied - 1;
  }
  if (replacements.length === 0) return null;
  // Offsets are those of the normalised question, which keeps the length of NFC text.
  let text = question.normalize("NFC");
  for (const r of replacements.reverse()) text = `${text.slice(0, r.start)}${r.text}${text.slice(r.end)}`;
  return text;
}
