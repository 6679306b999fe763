import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { docxFile, imagePdf, textPdf } from "./document-files.js";
import { lawDocument, readLaw } from "./law-document.js";

// Writes the demo corpus's document files (corpus/documents/), as a portal publishes them, from the real texts of the
// project's shared data folder (see corpus/SOURCES.md): a text PDF, a Word file, and an image-only PDF (a scan, read
// by OCR when the corpus loads). Codes not otherwise in the corpus, so that no article is there twice.
//   npx tsx scripts/build-corpus-documents.ts [../shared/data] [corpus]

const DATA_DIR = process.argv[2] ?? "../shared/data";
const OUT_DIR = join(process.argv[3] ?? "corpus", "documents");

const FILES = [
  { law: "92/2015/QH13", from: 186, to: 192, file: "bo-luat-to-tung-dan-su-khoi-kien.pdf", write: textPdf },
  { law: "100/2015/QH13", from: 260, to: 262, file: "bo-luat-hinh-su-toi-pham-giao-thong.docx", write: docxFile },
  { law: "101/2015/QH13", from: 144, to: 145, file: "bo-luat-to-tung-hinh-su-to-giac-toi-pham-ban-chup.pdf", write: imagePdf },
] as const;

mkdirSync(OUT_DIR, { recursive: true });
for (const f of FILES) {
  const { law, articles } = readLaw(DATA_DIR, f.law, f.from, f.to);
  const doc = lawDocument(law, articles, { excerpt: `trích Điều ${f.from} đến Điều ${f.to}` });
  const bytes = await f.write(doc);
  writeFileSync(join(OUT_DIR, f.file), bytes);
  process.stdout.write(`${join(OUT_DIR, f.file)}: ${articles.length} articles, ${bytes.length} bytes\n`);
}
