import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseGolden } from "../src/corpus/golden.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { createEngine } from "../src/index/engine.js";

// The city's own page among tens of thousands of unrelated articles: the golden questions about the
// seed page, and those with no answer in the corpus, asked of an engine over the benchmark corpus
// plus the shipped corpus's pages of the city (corpus/news/*.txt).
//   npm run bench -- --only seed [--corpus path.jsonl.gz]

const { values } = parseArgs({
  options: { corpus: { type: "string", default: "../shared/data/bench/vntc-53k.jsonl.gz" }, only: { type: "string" } },
  allowPositionals: true,
});

const big = (await loadCorpus(values.corpus!)).docs;
// The saved pages of the city website (ids news/…); the Quảng Trị news items (vntc-…) are of the
// benchmark's kind already.
const city = (await loadCorpus("corpus")).docs.filter((d) => d.id.startsWith("news/"));
const engine = createEngine([...big, ...city]);
const cityIds = new Set(city.map((d) => d.id));
const golden = parseGolden(readFileSync("tests/fixtures/golden.jsonl", "utf8"));

let answered = 0;
let asked = 0;
let nulls = 0;
let unanswerable = 0;
const misses: string[] = [];
for (const g of golden) {
  if (g.docId !== null && !cityIds.has(g.docId)) continue;
  for (const q of [g.q, g.qPlain]) {
    const r = engine.ask(q);
    if (g.docId === null) {
      unanswerable++;
      if (r.answer === null) nulls++;
      continue;
    }
    asked++;
    const ok = r.answer?.docId === g.docId && g.mustContain.every((w) => r.answer!.text.toLowerCase().includes(w.toLowerCase()));
    if (ok) answered++;
    else misses.push(q);
  }
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
process.stdout.write(`corpus: ${values.corpus} + ${city.length} page(s) of the city (${big.length + city.length} documents)\n\n`);
process.stdout.write("| questions | n | answered with the expected words / answer null |\n|---|---|---|\n");
process.stdout.write(`| about the city's page | ${asked} | ${answered} (${pct(answered, asked)}) |\n`);
process.stdout.write(`| with no answer in the corpus | ${unanswerable} | ${nulls} null (${pct(nulls, unanswerable)}) |\n`);
process.stdout.write(`\nnot answered as expected: ${misses.join(" · ")}\n`);
