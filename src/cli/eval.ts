import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { type GoldenOutcome, parseGolden, scoreGolden } from "../corpus/golden.js";
import { formatProblem, loadCorpus } from "../corpus/load-corpus.js";
import { createEngine } from "../index/engine.js";

// `npm run eval [-- --corpus PATH] [--golden PATH] [--failures N]`: runs the golden question set against the
// engine over the corpus and prints accuracy for questions with and without diacritics and for no-answer questions.

const DEFAULT_GOLDEN = "tests/fixtures/golden.jsonl";
const DEFAULT_FAILURES_SHOWN = 40;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: "string" }, golden: { type: "string" }, failures: { type: "string" } },
  });
  const corpusPath = values.corpus ?? loadConfig().corpusDir;
  const goldenPath = values.golden ?? DEFAULT_GOLDEN;
  const shown = Number(values.failures ?? DEFAULT_FAILURES_SHOWN);

  const { dataDir } = loadConfig();
  const corpus = await loadCorpus(corpusPath, { dataDir, ocr: { cacheDir: join(dataDir, "ocr") } });
  for (const p of corpus.problems) process.stderr.write(`corpus: ${formatProblem(p)}\n`);
  const started = performance.now();
  const engine = createEngine(corpus.docs);
  const built = performance.now();
  const questions = parseGolden(readFileSync(goldenPath, "utf8"), goldenPath);
  const score = scoreGolden(engine, questions);
  const asked = performance.now();

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(`corpus ${corpusPath}: ${engine.size} documents, index built in ${Math.round(built - started)} ms`);
  out(`golden ${goldenPath}: ${questions.length} questions × 2 forms, asked in ${Math.round(asked - built)} ms`);
  out();
  out("| questions                  |   n | top-1 doc | answer holds the words |");
  out("|----------------------------|----:|----------:|-----------------------:|");
  out(`| with diacritics            | ${String(score.accented.total).padStart(3)} |   ${pct(score.accented.top1)} | ${pct(score.accented.holds).padStart(22)} |`);
  out(`| without diacritics         | ${String(score.plain.total).padStart(3)} |   ${pct(score.plain.top1)} | ${pct(score.plain.holds).padStart(22)} |`);
  out(`| no answer in corpus (null) | ${String(score.noAnswer.total).padStart(3)} |           | ${pct(score.noAnswer.correct).padStart(22)} |`);
  out();
  out("| kind of answer (both forms) |   n | answer holds the words |");
  out("|-----------------------------|----:|-----------------------:|");
  for (const [kind, k] of Object.entries(score.byKind)) {
    out(`| ${kind.padEnd(27)} | ${String(k.total).padStart(3)} | ${pct(k.holds).padStart(22)} |`);
  }
  out();
  out(`failures: ${score.failures.length}${score.failures.length > shown ? ` (first ${shown}; --failures N for more)` : ""}`);
  for (const f of score.failures.slice(0, shown)) out(describe(f));
}

function describe(f: GoldenOutcome): string {
  const want = f.question.docId === null ? "no answer" : `${f.question.docId} ${JSON.stringify(f.question.mustContain)}`;
  const top = f.result.hits[0]?.docId ?? "-";
  const answer = f.result.answer ? `${f.result.answer.docId}: ${f.result.answer.text.slice(0, 90)}` : "null";
  return `- [${f.form}] ${f.asked}\n    want ${want}; top ${top}; answer ${answer}`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `eval: ${err instanceof Error ? err.message : String(err)}`}\n`);
  process.exit(1);
});
