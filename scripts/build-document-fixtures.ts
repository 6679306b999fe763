import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lawDocument, readLaw } from "./law-document.js";

// Writes the real text the document tests build their files from (a text PDF, a DOCX and an image-only PDF of the
// same document, see tests/support/document-fixtures.ts): articles 109-112 of the Labour Code 2019 with the code's
// header and signature, taken from the project's shared data folder.
//   npx tsx scripts/build-document-fixtures.ts [../shared/data]

const DATA_DIR = process.argv[2] ?? "../shared/data";
const OUT = "tests/fixtures/documents/labour-code-109-112.json";

const { law, articles } = readLaw(DATA_DIR, "45/2019/QH14", 109, 112);
const doc = lawDocument(law, articles, { excerpt: "trích Điều 109 đến Điều 112" });
mkdirSync(join(OUT, ".."), { recursive: true });
writeFileSync(OUT, JSON.stringify(doc, null, 1) + "\n");
process.stdout.write(`${OUT}: ${articles.length} articles\n`);

// The encrypted PDF of the tests: the text PDF protected with a user password by qpdf (a Debian package), committed
// because qpdf is not needed anywhere else.
const { textPdf } = await import("./document-files.js");
const { execFileSync } = await import("node:child_process");
const { mkdtempSync, rmSync } = await import("node:fs");
const { tmpdir } = await import("node:os");
const temp = mkdtempSync(join(tmpdir(), "civic-fixtures-"));
try {
  writeFileSync(join(temp, "plain.pdf"), await textPdf(doc));
  const encrypted = "tests/fixtures/documents/encrypted.pdf";
  execFileSync("qpdf", ["--encrypt", "mat-khau", "mat-khau", "256", "--", join(temp, "plain.pdf"), encrypted]);
  process.stdout.write(`${encrypted}: encrypted with qpdf\n`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
