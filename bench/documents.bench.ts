import { parseArgs } from "node:util";
import { foldDiacritics } from "../src/index/normalize.js";
import { readDocumentFile } from "../src/corpus/read-document-file.js";
import { imagePdf, textPdf } from "../scripts/document-files.js";
import { lawDocument, readLaw } from "../scripts/law-document.js";

// Reading document files: a text PDF and the same pages as an image-only PDF (a scan), built from the Labour Code's
// real text (articles 1 to N), read the way the corpus loader reads them. Prints pages per second for each and
// the OCR's character error rate against the text layer, page by page.
//   npm run bench -- --only documents [--data ../shared/data] [--articles 46]

const { values } = parseArgs({
  options: { data: { type: "string", default: "../shared/data" }, articles: { type: "string", default: "46" }, only: { type: "string" } },
  allowPositionals: true,
});

const { law, articles } = readLaw(values.data!, "45/2019/QH14", 1, Number(values.articles));
const doc = lawDocument(law, articles, { excerpt: `Điều 1 đến Điều ${values.articles}` });
const text = await textPdf(doc);
const scan = await imagePdf(doc);

const textStarted = performance.now();
const rounds = 5;
let read = await readDocumentFile(text, "bench.pdf", { ocr: null });
for (let i = 1; i < rounds; i++) read = await readDocumentFile(text, "bench.pdf", { ocr: null });
const textS = (performance.now() - textStarted) / 1000;
const pages = read.pages.length;

const ocrStarted = performance.now();
const ocr = await readDocumentFile(scan, "bench-scan.pdf", { ocr: { cacheDir: null, maxPages: 1000, timeoutMs: 3_600_000 } });
const ocrS = (performance.now() - ocrStarted) / 1000;

// Character error rate: edit distance between what OCR read and the text layer of the same page, over the text
// layer's length; spaces and line breaks squeezed (layout is not content), case and marks kept.
const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
let errors = 0;
let errorsFolded = 0;
let chars = 0;
for (let p = 0; p < pages; p++) {
  const truth = squeeze(read.pages[p]!);
  const seen = squeeze(ocr.pages[p] ?? "");
  errors += editDistance(seen, truth);
  errorsFolded += editDistance(foldDiacritics(seen.toLowerCase()), foldDiacritics(truth.toLowerCase()));
  chars += truth.length;
}
const number = /45\/2019\/QH14/.test(ocr.pages[0] ?? "");

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
process.stdout.write(`| file | pages | time (s) | pages/s |\n|---|---:|---:|---:|\n`);
process.stdout.write(`| text PDF (${rounds} reads) | ${pages * rounds} | ${textS.toFixed(2)} | ${((pages * rounds) / textS).toFixed(1)} |\n`);
process.stdout.write(`| image-only PDF, OCR (Tesseract vie, 144 dpi) | ${ocr.ocrPages.length} | ${ocrS.toFixed(1)} | ${(ocr.ocrPages.length / ocrS).toFixed(3)} |\n\n`);
process.stdout.write(`| OCR over ${pages} pages (${chars} characters) | character error rate |\n|---|---:|\n`);
process.stdout.write(`| as written (marks and case count) | ${pct(errors / chars)} |\n| folded (no marks, lower case: what plain search sees) | ${pct(errorsFolded / chars)} |\n`);
process.stdout.write(`\nnumber 45/2019/QH14 read exactly on page 1: ${number ? "yes" : "no"}\n`);
