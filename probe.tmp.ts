import { readFileSync } from "node:fs";
import { readDocumentFile } from "./src/corpus/read-document-file.js";
import { parseAdminLayout } from "./src/corpus/admin-layout.js";
for (const f of ["a.pdf", "a.docx", "a-scan.pdf"]) {
  const t0 = Date.now();
  const r = await readDocumentFile(readFileSync("/tmp/docprobe/" + f), f, { ocr: { cacheDir: "/tmp/docprobe/ocr" } });
  const l = parseAdminLayout(r.pages.join("\n"));
  console.log(f, Date.now() - t0, "ms", r.title, r.ocrPages, JSON.stringify(l.meta));
  console.log(l.body.slice(0, 300).replace(/\n/g, " | "), " ... ", l.body.slice(-200).replace(/\n/g, " | "));
}
