import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanText } from "../src/corpus/clean-text.js";
import type { AdminDocument } from "./document-files.js";

// A code of law as the Official Gazette prints it, from the shared data's metadata and article texts: "QUỐC HỘI" and
// the national motto, the number, "BỘ LUẬT" and its name, the preamble, the articles under their chapters, the
// closing formula with the date of adoption, and the signature of the Chairwoman or Chairman of the National Assembly.

/** A code's metadata row in `laws/documents.jsonl`. */
export interface LawRow {
  id: string;
  ten_van_ban: string;
  so_hieu_van_ban: string;
  noi_ban_hanh: string;
  nguoi_ky: string;
  ngay_ban_hanh: string;
}

/** One article row in `laws/articles.jsonl`. */
export interface ArticleRow {
  law_id: string;
  article_id: string;
  title: string;
  path: string;
  text: string;
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as T);

/** Reads one code's metadata and its articles numbered `from`..`to` from the shared data folder. */
export function readLaw(dataDir: string, lawId: string, from: number, to: number): { law: LawRow; articles: ArticleRow[] } {
  const law = readJsonl<LawRow>(join(dataDir, "laws", "documents.jsonl")).find((l) => l.id === lawId);
  if (!law) throw new Error(`law ${lawId} not found in ${dataDir}/laws/documents.jsonl`);
  const articles = readJsonl<ArticleRow>(join(dataDir, "laws", "articles.jsonl")).filter(
    (a) => a.law_id === lawId && Number(a.article_id) >= from && Number(a.article_id) <= to,
  );
  return { law, articles };
}

const VIETNAMESE_MONTH_DATE = (ddmmyyyy: string) => {
  const [d, m, y] = ddmmyyyy.split("/").map(Number);
  return `ngày ${d} tháng ${m} năm ${y}`;
};

/** The name of a code from its title: `Bộ luật Lao động 2019` → `LAO ĐỘNG`. */
const codeName = (title: string) => title.replace(/^Bộ luật\s+/i, "").replace(/\s+\d{4}$/, "").toLocaleUpperCase("vi");

/** Lays out a code (or the articles chosen of it) as the Gazette prints it. */
export function lawDocument(law: LawRow, articles: ArticleRow[], options: { excerpt: string | null }): AdminDocument {
  const body: string[] = ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", `Quốc hội ban hành ${law.ten_van_ban.replace(/\s+\d{4}$/, "")}.`];
  // The path is "Code > Phần … > Chương …: NAME > Mục …": each level is printed once, where it begins.
  let printed: string[] = [];
  for (const a of articles) {
    const levels = a.path.split(" > ").slice(1);
    levels.forEach((level, depth) => {
      if (printed[depth] === level) return;
      const [label = "", name] = level.split(":");
      body.push(label.trim(), ...(name ? [name.trim()] : []));
      printed = [...printed.slice(0, depth), level];
    });
    body.push(cleanText(a.title));
    body.push(...cleanText(a.text).split("\n").filter((l) => l.trim() !== ""));
  }
  body.push(`Bộ luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam thông qua ${VIETNAMESE_MONTH_DATE(law.ngay_ban_hanh)}.`);
  const title = `${law.ten_van_ban}${options.excerpt ? ` (${options.excerpt})` : ""}`;
  return {
    issuer: [law.noi_ban_hanh.toLocaleUpperCase("vi")],
    motto: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
    numberLine: `Bộ luật số: ${law.so_hieu_van_ban}`,
    type: "BỘ LUẬT",
    summary: [codeName(law.ten_van_ban)],
    body,
    recipients: [],
    signature: ["CHỦ TỊCH QUỐC HỘI", law.nguoi_ky],
    properties: { title, subject: law.so_hieu_van_ban, author: law.noi_ban_hanh },
  };
}
