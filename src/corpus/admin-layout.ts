import { parseDate } from "./parse-date.js";

// Vietnamese administrative documents follow one layout (Nghị định 30/2020/NĐ-CP on văn thư; party documents follow
// Hướng dẫn 36-HD/VPTW with "ĐẢNG CỘNG SẢN VIỆT NAM" in place of the national motto):
//   ISSUER                         | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc
//   Số: 123/QĐ-UBND                | Đông Hà, ngày 12 tháng 3 năm 2024
//   TYPE (QUYẾT ĐỊNH) / summary (Về việc …)      — a công văn has "V/v …" under its number instead
//   body
//   Nơi nhận: - …; - Lưu: VT.      | KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / (signature, seal) / Name
// Text extraction gives the two columns either interleaved line by line or joined on one line; OCR gives either too.
// Everything here works line by line and tolerates both.

/** What the layout of an administrative document says about it; a field the text does not show is null. */
export interface AdminMetadata {
  /** Issuing body as printed, one line (`ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ`). */
  issuer: string | null;
  /** Official number (`123/QĐ-UBND`, `21-KL/TW`). */
  number: string | null;
  /** Kind of document as Vietnamese write it in a sentence (`Quyết định`, `Bộ luật`, `Công văn`). */
  kind: string | null;
  /** The title: the kind and the summary (trích yếu), `Quyết định về việc …`, `Bộ luật Lao động`. */
  title: string | null;
  /** The summary line(s) alone (`Về việc …`), as printed. */
  summary: string | null;
  /** Place of issue (`Đông Hà`). */
  place: string | null;
  /** Date of issue, `YYYY-MM-DD`. */
  date: string | null;
  /** The signer's name (`Nguyễn Thị Kim Ngân`). */
  signer: string | null;
}

/** The metadata, and the text a citizen may be answered from: header, recipients and signature block left out. */
export interface AdminLayout {
  meta: AdminMetadata;
  body: string;
}

// Types of document of Nghị định 30/2020 (art. 7), the legal documents of Luật 80/2015, and the party's; longest first.
const KINDS = [
  "THÔNG TƯ LIÊN TỊCH",
  "NGHỊ QUYẾT LIÊN TỊCH",
  "HIẾN PHÁP",
  "BỘ LUẬT",
  "LUẬT",
  "PHÁP LỆNH",
  "NGHỊ ĐỊNH",
  "NGHỊ QUYẾT",
  "QUYẾT ĐỊNH",
  "THÔNG TƯ",
  "CHỈ THỊ",
  "KẾT LUẬN",
  "QUY CHẾ",
  "QUY ĐỊNH",
  "THÔNG CÁO",
  "THÔNG BÁO",
  "HƯỚNG DẪN",
  "CHƯƠNG TRÌNH",
  "KẾ HOẠCH",
  "PHƯƠNG ÁN",
  "ĐỀ ÁN",
  "DỰ ÁN",
  "BÁO CÁO",
  "BIÊN BẢN",
  "TỜ TRÌNH",
  "CÔNG ĐIỆN",
  "GIẤY MỜI",
  "LỆNH",
  "QUY TRÌNH",
];
const KIND_LINE = new RegExp(`^(${KINDS.join("|")})(?=\\s|$|:)\\s*(.*)$`, "u");
const MOTTO = [
  /C[OỘ]NG\s+H[OÒ][AÀ]\s+X[AÃ]\s+H[OỘ]I\s+CH[UỦ]\s+NGH[IĨ]A\s+VI[EỆ]T\s+NAM/giu,
  /Đ[ộo]c\s+l[ậa]p\s*[-–—]\s*T[ựu]\s+do\s*[-–—]\s*H[ạa]nh\s+ph[úu]c/giu,
  /Đ[AẢ]NG\s+C[OỘ]NG\s+S[AẢ]N\s+VI[EỆ]T\s+NAM/gu,
];
const NUMBER = /(?:^|\s|\b)(?:Luật\s+|Bộ\s+luật\s+|Pháp\s+lệnh\s+)?[Ss]ố(?:\s+hiệu)?\s*[:.]?\s*(\d+[0-9A-Za-zĐđ./\-–]*[A-Za-zĐđ][0-9A-Za-zĐđ./\-–]*)/u;
const PLACE_DATE = /(?:^|\s)([\p{Lu}][\p{L}.\- ]{0,40}?)\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
// Laws carry their date in the closing formula rather than in the header.
const ADOPTED = /thông qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const RECIPIENTS = /(?:^|\s)Nơi\s+nhận\s*:?/u;
const SUBJECT_LINE = /^(?:V\/v|V\/V|Về việc)\s*:?\s*(.+)$/u;
const NAME = /((?:\p{Lu}[\p{Ll}]*\s+){1,5}\p{Lu}[\p{Ll}]*)$/u;
// Capacity lines of the signature block (KT. = ký thay, TM. = thay mặt, TL. = thừa lệnh, TUQ. = thừa ủy quyền).
const CAPACITY = /^(KT|TM|T\/M|TL|TUQ|Q|K\/T)\.?\s|^(CHỦ TỊCH|PHÓ CHỦ TỊCH|BÍ THƯ|PHÓ BÍ THƯ|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG|PHÓ TRƯỞNG|CHÁNH|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG)\b/u;
const SIGNED = /^\((?:Đã ký|đã ký|Ký|ký)[^)]*\)$/u;
const HEADER_LINES = 14;

const isUpper = (line: string) => /\p{Lu}/u.test(line) && line === line.toLocaleUpperCase("vi");
const sentenceCase = (text: string) => {
  const lower = text.toLocaleLowerCase("vi");
  return lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
};
const isoDate = (d: string, m: string, y: string) => parseDate(`${d}/${m}/${y}`);
const isName = (line: string) => NAME.test(line) && NAME.exec(line)![1] === line && !isUpper(line) && line.split(/\s+/).length >= 2;

/**
 * Reads the administrative layout of a document's text: issuer, number, place and date, kind, summary (trích yếu)
 * and signer, and the body without the header, the "Nơi nhận:" list and the signature block. What the text does not
 * show stays null; a text that is not laid out as an administrative document is returned whole as the body.
 *
 * @example
 * parseAdminLayout("UBND THÀNH PHỐ ĐÔNG HÀ\nSố: 123/QĐ-UBND\nĐông Hà, ngày 12 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc …")
 */
export function parseAdminLayout(text: string): AdminLayout {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .filter((l) => l !== "" && !/^[-–—_*=.]{3,}$/.test(l) && l !== "*");
  const meta: AdminMetadata = { issuer: null, number: null, kind: null, title: null, summary: null, place: null, date: null, signer: null };

  // The kind line ends the header; within the first lines only, so a "QUYẾT ĐỊNH:" inside the body is not taken.
  let kindAt = -1;
  let kindRest = "";
  for (let i = 0; i < Math.min(lines.length, HEADER_LINES); i++) {
    const match = KIND_LINE.exec(lines[i]!);
    if (match && isUpper(match[1]!) && (match[2] === "" || isUpper(match[2]!) || /^Về(?=\s)/u.test(match[2]!))) {
      kindAt = i;
      meta.kind = sentenceCase(match[1]!);
      kindRest = match[2]!.trim();
      break;
    }
  }
  let headerEnd = kindAt;
  let bodyStart = kindAt + 1;
  let placeDateAfter: string | null = null;
  const summaryLines: string[] = [];
  if (kindAt < 0) {
    // A công văn: no kind line, its subject is the "V/v …" line under the number.
    const subjectAt = lines.slice(0, HEADER_LINES).findIndex((l) => SUBJECT_LINE.test(l));
    if (subjectAt >= 0) {
      meta.kind = "Công văn";
      headerEnd = subjectAt;
      summaryLines.push(lines[subjectAt]!);
      // The subject may wrap onto the next line, which then starts in lower case.
      bodyStart = subjectAt + 1;
      while (bodyStart < lines.length && /^\p{Ll}/u.test(lines[bodyStart]!) && summaryLines.length < 3) summaryLines.push(lines[bodyStart++]!);
      // The place and date stand beside the number on the right, so they may come out after the subject.
      if (bodyStart < lines.length && PLACE_DATE.test(lines[bodyStart]!)) placeDateAfter = lines[bodyStart++]!;
    }
  }
  const header = headerEnd >= 0 ? lines.slice(0, headerEnd) : lines.slice(0, Math.min(lines.length, 6));
  if (placeDateAfter) header.push(placeDateAfter);
  const found = readHeader(header);
  if (headerEnd < 0 && !found.number && !found.date) return { meta, body: reflow(lines) };
  Object.assign(meta, found);

  // The summary: the rest of the kind line, then the lines under it that belong to the title.
  if (kindAt >= 0) {
    if (kindRest) summaryLines.push(kindRest);
    while (bodyStart < lines.length && summaryLines.length < 4) {
      const line = lines[bodyStart]!;
      const startsBody = /^(Căn cứ|Chương\b|Điều \d|Kính gửi|Phần\b|I\.|1\.)/u.test(line) || CAPACITY.test(line);
      const continues =
        summaryLines.length === 0
          ? /^(Về|V\/v|Ban hành|Quy định|Hướng dẫn|Phê duyệt|Sửa đổi)(?=\s)/u.test(line) || isUpper(line)
          : /^\p{Ll}/u.test(line) || (isUpper(line) && isUpper(summaryLines.at(-1)!));
      if (startsBody || !continues) break;
      summaryLines.push(line);
      bodyStart++;
    }
    // "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ" under the title names who decides: a formula, not body text.
    if (bodyStart < lines.length && isUpper(lines[bodyStart]!) && /^(CHỦ TỊCH|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|ỦY BAN|UỶ BAN|HỘI ĐỒNG|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG)/u.test(lines[bodyStart]!)) bodyStart++;
  }
  if (summaryLines.length > 0) {
    const summary = summaryLines.join(" ").replace(/^(V\/v|V\/V)\s*:?\s*/u, "Về việc ");
    meta.summary = summary;
    meta.title = meta.kind === "Công văn" ? summary : `${meta.kind} ${titleTail(summaryLines)}`;
  } else if (meta.kind) meta.title = null;

  // The end: the recipients list and the signature block beside it.
  let tailStart = lines.length;
  const recipientsAt = findLastIndex(lines, (l) => RECIPIENTS.test(l));
  if (recipientsAt >= bodyStart) tailStart = recipientsAt;
  else {
    // No recipients list (laws, many party documents): the signature block is the run of capacity lines, "(Đã ký)"
    // and the name at the very end.
    let i = lines.length - 1;
    if (i >= bodyStart && isName(lines[i]!)) {
      i--;
      while (i >= bodyStart && (CAPACITY.test(lines[i]!) || SIGNED.test(lines[i]!) || (isUpper(lines[i]!) && lines[i]!.length < 60))) i--;
      if (i < lines.length - 2) tailStart = i + 1;
    }
  }
  const tail = lines.slice(tailStart);
  meta.signer = findSigner(tail);
  const body = lines.slice(bodyStart, tailStart).filter((l) => l !== "");
  if (RECIPIENTS.test(lines[tailStart] ?? "") && recipientsAt >= 0) {
    // "… chịu trách nhiệm thi hành Quyết định này./. Nơi nhận:" joined on one line keeps its first half.
    const before = lines[tailStart]!.split(RECIPIENTS)[0]!.trim();
    if (before) body.push(before);
  }
  if (!meta.date) {
    const adopted = ADOPTED.exec(body.join(" "));
    if (adopted) meta.date = isoDate(adopted[1]!, adopted[2]!, adopted[3]!);
  }
  return { meta, body: reflow(body) };
}

// A name printed in capitals (`LAO ĐỘNG`) is written as a name (`Lao động`); capitals in a longer summary are
// lowered but for Roman numerals (`KHÓA XIII`); "Về việc" after the kind is lower case.
function titleTail(summaryLines: string[]): string {
  if (summaryLines.every(isUpper) && !/^VỀ\s/u.test(summaryLines[0]!)) return sentenceCase(summaryLines.join(" "));
  const text = summaryLines
    .map((l) => (isUpper(l) ? l.split(" ").map((w) => (/^[IVXLC]+$/.test(w) ? w : w.toLocaleLowerCase("vi"))).join(" ") : l))
    .join(" ");
  return text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);
}

function readHeader(header: string[]): Pick<AdminMetadata, "issuer" | "number" | "place" | "date"> {
  let number: string | null = null;
  let place: string | null = null;
  let date: string | null = null;
  const issuerParts: string[] = [];
  for (const raw of header) {
    let line = raw;
    for (const motto of MOTTO) line = line.replace(motto, " ");
    const pd = PLACE_DATE.exec(line);
    if (pd && !date) {
      place = pd[1]!.trim();
      date = isoDate(pd[2]!, pd[3]!, pd[4]!);
      line = line.replace(pd[0], " ");
    }
    const num = NUMBER.exec(line);
    if (num && !number) {
      number = num[1]!.replace(/[–]/g, "-").replace(/[.,;]+$/, "");
      line = line.slice(0, num.index);
    }
    line = line.replace(/\s+/g, " ").trim();
    // The issuer is printed in capitals; what is left in lower case is not part of it.
    if (line && isUpper(line)) issuerParts.push(line);
  }
  return { issuer: issuerParts.length ? issuerParts.join(" ") : null, number, place, date };
}

function findSigner(tail: string[]): string | null {
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = tail[i]!.replace(/\s*\((?:Đã ký|đã ký)[^)]*\)\s*/u, " ").trim();
    if (SIGNED.test(line) || line === "") continue;
    if (isName(line)) return line;
    // A name printed beside a recipient on the same line, or after the capacity lines.
    const match = NAME.exec(line);
    if (match && match[1]!.split(/\s+/).length >= 2 && !isUpper(match[1]!) && /[.;:)]\s+\S/.test(line)) return match[1]!.trim();
    if (/^[-+•]/.test(line) || RECIPIENTS.test(line)) continue;
    if (!isUpper(line)) return null;
  }
  return null;
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

// A heading or list item starts its own line; anything else that does not end a sentence was wrapped by the page.
const OWN_LINE = /^(\d+(\.\d+)*\.\s|[a-zđ]\)\s|[-+•]\s|Điều \d+\.|Chương [IVXLC\d]+\b|Mục \d+\.|Phần thứ|[IVX]+\.\s)/u;

/** Joins the lines a page wrapped back into paragraphs; headings, list items and sentence ends keep their breaks. */
export function reflow(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    const joins =
      prev !== undefined &&
      ((/^\p{Ll}/u.test(line) && !OWN_LINE.test(line)) ||
        (!/[.:;!?)”"]$/.test(prev) && !OWN_LINE.test(line) && !isUpper(prev) && !OWN_LINE.test(prev) && !isUpper(line)));
    if (joins) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out.join("\n");
}
