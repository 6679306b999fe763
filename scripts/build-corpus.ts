import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { cleanText } from "../src/corpus/clean-text.js";
import { parseDate } from "../src/corpus/parse-date.js";
import type { CorpusDoc } from "../src/index/types.js";
import { splitNewsHeadline } from "./news-headline.js";

// Builds the shipped demo corpus in corpus/ from the project's shared data folder (see corpus/SOURCES.md):
//   npx tsx scripts/build-corpus.ts [../shared/data] [corpus]
// The output is committed, so a clone works without the data folder; rerun this after changing the script.

const DATA_DIR = process.argv[2] ?? "../shared/data";
const OUT_DIR = process.argv[3] ?? "corpus";
const SEED_FILE = "dongha-2024-05-22-xay-dung-dang.txt";
// The codes shipped one article per document: the Labour Code (work, leave, wages, retirement) and the Civil Code
// (contracts, property, inheritance, age of majority): the two a citizen most often needs.
const CODES = ["45/2019/QH14", "91/2015/QH13"];

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);

const writeJsonl = (path: string, docs: CorpusDoc[]) => {
  mkdirSync(join(path, ".."), { recursive: true });
  // Compact records: the loader fills the fields left out with null.
  const compact = docs.map((doc) => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))));
  writeFileSync(path, compact.map((d) => JSON.stringify(d)).join("\n") + "\n");
  process.stdout.write(`${path}: ${docs.length} documents\n`);
};

const tidy = (text: string) => cleanText(text).replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").trim();

// ---- News: the Quảng Trị articles of the VNTC corpus ----

interface VntcArticle {
  id: string;
  title: string;
  body: string;
  source: string;
  topic: string;
  mentions_dong_ha: boolean;
}

const SOURCE_NAMES: Record<string, string> = {
  "vnexpress.net": "VnExpress",
  "tuoitre.vn": "Tuổi Trẻ",
  "thanhnien.vn": "Thanh Niên",
  "nld.com.vn": "Người Lao Động",
};

const TOPICS: Record<string, string> = {
  "Chinh tri Xa hoi": "Chính trị - Xã hội",
  "Phap luat": "Pháp luật",
  "Doi song": "Đời sống",
  "The thao": "Thể thao",
  "Van hoa": "Văn hóa",
  "The gioi": "Thế giới",
  "Khoa hoc": "Khoa học",
  "Suc khoe": "Sức khỏe",
  "Kinh doanh": "Kinh doanh",
  "Vi tinh": "Vi tính",
};

// Places of Quảng Trị province: an article is local when its headline or lead names one, or when they come up at least
// once every 1,500 characters. Others (a Harry Potter translation, a bombing in Pakistan, national weather) mention
// the province in passing and are not the city's news.
const LOCAL_PLACES =
  /Quảng Trị|Đông Hà|Khe Sanh|Cửa Việt|Cửa Tùng|Vĩnh Linh|Gio Linh|Hướng Hóa|Hướng Hoá|Triệu Phong|Hải Lăng|Cam Lộ|Đakrông|Đa Krông|Cồn Cỏ|Lao Bảo|Thành Cổ/gu;
const LOCAL_CHARS_PER_MENTION = 1500;
const LEAD_CHARS = 500;

const isLocal = (a: VntcArticle) => {
  const text = `${a.title}\n${a.body}`;
  const mentions = text.match(LOCAL_PLACES)?.length ?? 0;
  return new RegExp(LOCAL_PLACES.source, "u").test(`${a.title} ${a.body.slice(0, LEAD_CHARS)}`) || mentions * LOCAL_CHARS_PER_MENTION >= text.length;
};

function buildNews(): CorpusDoc[] {
  const all = readJsonl<VntcArticle>(join(DATA_DIR, "news", "quangtri-vntc.jsonl"));
  const local = all.filter(isLocal);
  process.stdout.write(`news: ${all.length - local.length} articles left out as not about Quảng Trị\n`);
  return local.map((a) => {
    const { title, body } = splitNewsHeadline(a.id, a.source, tidy(a.title), tidy(a.body));
    return {
      id: a.id,
      type: "news",
      title,
      body,
      date: null,
      url: null,
      number: null,
      issuer: null,
      source: SOURCE_NAMES[a.source] ?? a.source,
      tags: [TOPICS[a.topic] ?? a.topic, ...(a.mentions_dong_ha ? ["Đông Hà"] : [])],
    };
  });
}

// ---- Laws: one document per article ----

interface LawMeta {
  id: string;
  ten_van_ban: string;
  so_hieu_van_ban: string;
  loai_van_ban: string;
  linhvuc: string;
  noi_ban_hanh: string;
  nguoi_ky: string;
  ngay_ban_hanh: string;
  ngay_hieu_luc: string;
  ngay_cong_bao: string;
  so_cong_bao: string;
  tinh_trang: string;
}

interface LawArticle {
  id: string;
  law_id: string;
  title: string;
  path: string;
  text: string;
}

function buildLaw(lawId: string): { meta: LawMeta; docs: CorpusDoc[] } {
  const meta = readJsonl<LawMeta>(join(DATA_DIR, "laws", "documents.jsonl")).find((d) => d.id === lawId);
  if (!meta) throw new Error(`build-corpus: law ${lawId} not found in laws/documents.jsonl`);
  const docs = readJsonl<LawArticle>(join(DATA_DIR, "laws", "articles.jsonl"))
    .filter((a) => a.law_id === lawId)
    .map(
      (a): CorpusDoc => ({
        id: a.id,
        type: "document",
        title: tidy(a.title),
        body: tidy(a.text),
        date: parseDate(meta.ngay_ban_hanh),
        url: null,
        number: meta.so_hieu_van_ban,
        issuer: meta.noi_ban_hanh,
        source: meta.ten_van_ban,
        // The chapter ("Chương VII: THỜI GIỜ LÀM VIỆC, THỜI GIỜ NGHỈ NGƠI"), for browsing and topics.
        tags: a.path.split(" > ").slice(1).map((part) => tidy(part.replace(/:\s*/, ": "))),
      }),
    );
  return { meta, docs };
}

// Chapter names are in capitals in the source; the one proper noun among them keeps its capitals.
const sentenceCase = (text: string) => {
  const lower = text.toLocaleLowerCase("vi").replace("cộng hòa xã hội chủ nghĩa việt nam", "Cộng hòa xã hội chủ nghĩa Việt Nam");
  return lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
};

/** One Markdown document about the code itself: who passed and signed it, when, and its chapters. */
function lawOverview(meta: LawMeta, articles: CorpusDoc[]): string {
  const chapters: Array<{ name: string; first: string; last: string }> = [];
  for (const article of articles) {
    const chapter = article.tags.find((t) => t.startsWith("Chương")) ?? "";
    const number = /^Điều (\d+[a-z]?)/.exec(article.title)?.[1] ?? "";
    const last = chapters.at(-1);
    if (last && last.name === chapter) last.last = number;
    else chapters.push({ name: chapter, first: number, last: number });
  }
  const front = stringify({
    id: meta.so_hieu_van_ban,
    title: meta.ten_van_ban,
    type: "document",
    date: parseDate(meta.ngay_ban_hanh),
    number: meta.so_hieu_van_ban,
    issuer: meta.noi_ban_hanh,
    source: meta.ten_van_ban,
    tags: [meta.linhvuc],
  });
  const body = [
    `${meta.ten_van_ban}, số hiệu ${meta.so_hieu_van_ban}, là ${meta.loai_van_ban.toLocaleLowerCase("vi")} do ${meta.noi_ban_hanh} ban hành ngày ${meta.ngay_ban_hanh}; người ký: ${meta.nguoi_ky}.`,
    `Bộ luật có hiệu lực thi hành từ ngày ${meta.ngay_hieu_luc}; tình trạng: ${meta.tinh_trang.toLocaleLowerCase("vi")}.`,
    `Đăng Công báo ngày ${meta.ngay_cong_bao} (${meta.so_cong_bao.replace(/^Từ/, "từ")}). Lĩnh vực: ${meta.linhvuc}.`,
    `Bộ luật gồm ${articles.length} điều, chia thành ${chapters.length} chương:`,
    "",
    ...chapters.map((c) => {
      const [label, name = ""] = c.name.split(/:\s*/);
      return `- ${label}: ${sentenceCase(name)} (Điều ${c.first}${c.last !== c.first ? ` đến Điều ${c.last}` : ""}).`;
    }),
  ];
  return `---\n${front}---\n${body.join("\n")}\n`;
}

// ---- Administrative procedures ----

interface Procedure {
  id: string;
  title: string;
  procedure_code: string;
  decision_number: string;
  level: string;
  field: string;
  raw: {
    content: Record<string, string>;
    tables: {
      hinh_thuc_nop: Array<{ hinh_thuc: string; thoi_han_giai_quyet: string; phi_le_phi: string; mo_ta: string }>;
      thanh_phan_ho_so: Array<{ ten_giay_to: string; ghi_chu: string }>;
      can_cu_phap_ly: Array<{ trich_yeu: string }>;
    };
  };
}

const ISSUERS: Record<string, string> = { BQP: "Bộ Quốc phòng" };
const NO_INFO = /^(không có thông tin|)$/i;

/** `Quyết định số 6225/QĐ-BQP` → `6225/QĐ-BQP`; a bare `Quyết định số 4777` has no official number. */
function decisionNumber(raw: string): string | null {
  const match = /(\d+)\s*\/\s*(QĐ-[A-ZĐ]+)/.exec(raw);
  return match ? `${match[1]}/${match[2]}` : null;
}

// `\b` does not see Vietnamese letters as word characters, hence the Unicode look-arounds.
const lowerUnit = (text: string) =>
  text.replace(/(?<!\p{L})(Ngày làm việc|Ngày|Giờ|Tháng|Đồng)(?!\p{L})/gu, (unit) => unit.toLowerCase());

function feeLines(raw: string): string[] {
  return raw
    .split("\n")
    .map((line) => tidy(line))
    .filter((line) => line !== "" && !/^File đính kèm/i.test(line))
    .map((line) => {
      const [label = "Phí", ...rest] = line.split(/\s*:\s*/);
      let amount = lowerUnit(rest.join(": ")).replace(/^1\.\s*/, "").trim();
      const free = /^(0|o|không)\s*đồng/i;
      if (free.test(amount)) amount = amount.replace(free, "0 đồng (miễn phí)");
      else if (/^đồng\s*\(.*\)$/.test(amount)) amount = amount.replace(/^đồng\s*\((.*)\)$/, "$1");
      else if (amount === "đồng" || amount === "") amount = "không quy định";
      amount = amount.replace(/\s*\(\s*\)$/, "");
      return `${label}: ${amount.charAt(0).toLowerCase()}${amount.slice(1)}`.replace(/[.;]$/, "") + ".";
    });
}

const WAYS: Record<string, string> = { "dịch vụ bưu chính": "qua dịch vụ bưu chính" };
const joinWays = (ways: string[]) =>
  ways.length > 1 ? `${ways.slice(0, -1).join(", ")} hoặc ${ways.at(-1)}` : (ways[0] ?? "");
const sentence = (text: string) => (/[.!?:;]$/.test(text) ? text : `${text}.`);

/** Groups the filing ways that share a value: `[["30 ngày làm việc", ["trực tiếp", "trực tuyến"]]]`. */
function groupWays(rows: Array<{ way: string; value: string }>): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const { way, value } of rows) groups.set(value, [...(groups.get(value) ?? []), way]);
  return [...groups.entries()];
}

function buildProcedures(): CorpusDoc[] {
  return readJsonl<Procedure>(join(DATA_DIR, "procedures", "procedures.jsonl")).map((p) => {
    const c = p.raw.content;
    const number = decisionNumber(p.decision_number);
    const issuerCode = number?.split("-").pop() ?? "";
    const issuer = ISSUERS[issuerCode] ?? null;
    const lines: string[] = [];
    const add = (label: string, value: string | undefined) => {
      const v = tidy(value ?? "");
      if (!NO_INFO.test(v)) lines.push(`${label}: ${v.replace(/\n+/g, " ")}`);
    };
    lines.push(`Mã thủ tục: ${p.procedure_code}. Lĩnh vực: ${p.field}. Cấp thực hiện: ${p.level}.`);
    lines.push(`Thủ tục được công bố tại ${tidy(p.decision_number).replace(/^(\d)/, "Quyết định số $1")}${issuer ? ` của ${issuer}` : ""}.`);
    // Deadlines and fees per way of filing, one line when all ways share them.
    const rows = p.raw.tables.hinh_thuc_nop.map((row) => {
      const way = tidy(row.hinh_thuc).toLowerCase();
      const deadline = lowerUnit(tidy(row.thoi_han_giai_quyet)).replace(/[.;]$/, "").replace(/^Không quy định$/, "không quy định") || "không quy định";
      const note = tidy(row.mo_ta).replace(/\n+/g, " ").replace(/[.;]$/, "");
      // The portal often repeats the deadline at the start of its note ("27 ngày làm việc, kể từ …").
      if (note.startsWith(deadline) && note.length > deadline.length) {
        return { way: WAYS[way] ?? way, deadline: sentence(note), fees: feeLines(row.phi_le_phi).join(" ") };
      }
      const noteText =
        note === "" || NO_INFO.test(note) || note === "Không quy định" || note === deadline
          ? ""
          : /^\p{Ll}/u.test(note)
            ? ` (${note})`
            : `. ${note}`;
      return { way: WAYS[way] ?? way, deadline: sentence(`${deadline}${noteText}`), fees: feeLines(row.phi_le_phi).join(" ") };
    });
    const deadlines = groupWays(rows.map((r) => ({ way: r.way, value: r.deadline })));
    for (const [deadline, ways] of deadlines) {
      lines.push(
        deadlines.length === 1
          ? `Thời hạn giải quyết: ${deadline}${ways.length > 0 ? ` Hình thức nộp: ${joinWays(ways)}.` : ""}`
          : `Thời hạn giải quyết khi nộp ${joinWays(ways)}: ${deadline}`,
      );
    }
    const fees = groupWays(rows.filter((r) => r.fees !== "").map((r) => ({ way: r.way, value: r.fees })));
    for (const [fee, ways] of fees) lines.push(fees.length === 1 ? fee : `Khi nộp ${joinWays(ways)}: ${fee}`);
    const steps = tidy(c["trình_tự_thực_hiện"] ?? "").replace(/\s*(Bước \d+\s*[:.])/g, "\n$1").trim();
    if (steps) lines.push(`Trình tự thực hiện:\n${steps}`);
    const papers = p.raw.tables.thanh_phan_ho_so
      .map((paper) => {
        const originals = /Bản chính:\s*(\d+)/.exec(paper.ghi_chu)?.[1] ?? "0";
        const copies = /Bản sao:\s*(\d+)/.exec(paper.ghi_chu)?.[1] ?? "0";
        const counts = [
          Number(originals) > 0 ? `${Number(originals)} bản chính` : "",
          Number(copies) > 0 ? `${Number(copies)} bản sao` : "",
        ].filter(Boolean);
        const name = tidy(paper.ten_giay_to).replace(/\n+/g, " ").replace(/^[-+•]\s*/, "").replace(/[.;]$/, "");
        return name ? `- ${name}${counts.length ? ` (${counts.join(", ")})` : ""}.` : "";
      })
      .filter(Boolean);
    if (papers.length > 0) lines.push(`Hồ sơ gồm:\n${papers.join("\n")}`);
    add("Đối tượng thực hiện", c["đối_tượng_thực_hiện"]);
    add("Cơ quan thực hiện", c["cơ_quan_thực_hiện"]);
    add("Cơ quan có thẩm quyền", c["cơ_quan_có_thẩm_quyền"]);
    add("Địa chỉ tiếp nhận hồ sơ", c["địa_chỉ_tiếp_nhận_hs"]);
    add("Kết quả thực hiện", c["kết_quả_thực_hiện"]);
    add("Yêu cầu, điều kiện thực hiện", c["yêu_cầu_điều_kiện_thực_hiện"]);
    const bases = p.raw.tables.can_cu_phap_ly.map((b) => tidy(b.trich_yeu).replace(/\n+/g, " ")).filter(Boolean);
    if (bases.length > 0) lines.push(`Căn cứ pháp lý:\n${bases.map((b) => `- ${b}`).join("\n")}`);
    return {
      id: p.id,
      type: "document",
      title: tidy(p.title),
      body: lines.join("\n"),
      date: null,
      url: null,
      number,
      issuer,
      source: "Cổng Dịch vụ công quốc gia",
      tags: [tidy(p.field)],
    };
  });
}

function main(): void {
  mkdirSync(join(OUT_DIR, "news"), { recursive: true });
  copyFileSync(join(DATA_DIR, "seed", SEED_FILE), join(OUT_DIR, "news", SEED_FILE));
  process.stdout.write(`${join(OUT_DIR, "news", SEED_FILE)}: copied\n`);
  writeJsonl(join(OUT_DIR, "news", "quangtri.jsonl"), buildNews());
  for (const lawId of CODES) {
    const { meta, docs } = buildLaw(lawId);
    const base = join(OUT_DIR, "laws", lawId.replace(/\//g, "-"));
    writeJsonl(`${base}.jsonl`, docs);
    writeFileSync(`${base}.md`, lawOverview(meta, docs));
    process.stdout.write(`${base}.md: overview\n`);
  }
  writeJsonl(join(OUT_DIR, "procedures", "thu-tuc-hanh-chinh.jsonl"), buildProcedures());
}

main();
