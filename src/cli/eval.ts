import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { type GoldenOutcome, type GoldenScore, parseGolden, scoreGolden } from "../corpus/golden.js";
import { formatProblem, loadCorpus } from "../corpus/load-corpus.js";
import { createEngine } from "../index/engine.js";
import type { CorpusDoc } from "../index/types.js";
import { DEFAULT_BENCH_FILE, cachedOccurrences, loadBigCorpus } from "../eval/big-corpus.js";
import { DEFAULT_DEV_DATA, type DevQuestion, type DevSet, readLegal, readReading, readRegulation, sample } from "../eval/dev-sets.js";
import { HELD_OUT_SOURCES, type HeldOutQuestion, type SetReport, measureAnswered, measureNumbers, measureUnanswerable } from "../eval/measure.js";
import { formatReport, jsonSummary } from "../eval/report.js";

// `npm run eval [-- --set NAME] [--data DIR] [--limit N] [--failures N] [--json]`: measures the engine.
// Without --set: the golden question set against the shipped corpus (accuracy with and without diacritics and for
// no-answer questions). With --set: the development sets in ../shared/data/dev-qa (legal, reading, regulation,
// unanswerable, numbers; `all` runs golden, legal, reading and regulation, the quick ones).

const DEFAULT_GOLDEN = "tests/fixtures/golden.jsonl";
const DEFAULT_FAILURES_SHOWN = 40;
const DEFAULT_NUMBERS_SAMPLED = 300;
const SETS = ["golden", "legal", "reading", "regulation", "unanswerable", "numbers", "all"] as const;
const QUICK_SETS = ["golden", "legal", "reading", "regulation"] as const;
// The golden set's page about the city: its questions, asked without it, make the city's unanswerable questions.
const SEED_PAGE_ID = "news/dongha-2024-05-22-xay-dung-dang";

type SetName = (typeof SETS)[number];

interface Options {
  corpusPath: string;
  goldenPath: string;
  dataDir: string;
  devDir: string;
  benchFile: string;
  limit: number | undefined;
  numbers: number;
  shown: number;
  json: boolean;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: "string" },
      corpus: { type: "string" },
      golden: { type: "string" },
      data: { type: "string" },
      bench: { type: "string" },
      limit: { type: "string" },
      numbers: { type: "string" },
      failures: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const set = (values.set ?? "golden") as SetName;
  if (!SETS.includes(set)) throw new Error(`--set must be one of ${SETS.join(", ")}`);
  const config = loadConfig();
  const options: Options = {
    corpusPath: values.corpus ?? config.corpusDir,
    goldenPath: values.golden ?? DEFAULT_GOLDEN,
    dataDir: config.dataDir,
    devDir: values.data ?? DEFAULT_DEV_DATA,
    benchFile: values.bench ?? DEFAULT_BENCH_FILE,
    limit: positive(values.limit, "--limit"),
    numbers: positive(values.numbers, "--numbers") ?? DEFAULT_NUMBERS_SAMPLED,
    shown: values.failures === undefined ? (values.set === undefined ? DEFAULT_FAILURES_SHOWN : 10) : Number(values.failures),
    json: values.json ?? false,
  };
  if (set === "golden" && !options.json) return await printGolden(options);
  if (set !== "golden" && !existsSync(options.devDir)) {
    throw new Error(`the development sets are not at "${options.devDir}"; give their folder with --data DIR`);
  }
  const names = set === "all" ? QUICK_SETS : [set];
  const reports: SetReport[] = [];
  for (const name of names) {
    const report = await runSet(name, options);
    reports.push(report);
    if (!options.json) process.stdout.write(`${formatReport(report, options.shown).join("\n")}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(jsonSummary(reports, options.shown), null, 2)}\n`);
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0, found "${value}"`);
  return n;
}

async function runSet(name: Exclude<SetName, "all">, options: Options): Promise<SetReport> {
  const started = performance.now();
  const report = await measureSet(name, options);
  return { ...report, ms: performance.now() - started };
}

async function measureSet(name: Exclude<SetName, "all">, options: Options): Promise<Omit<SetReport, "ms">> {
  switch (name) {
    case "golden":
      return await goldenReport(options);
    case "legal":
    case "reading":
    case "regulation": {
      const read: (dir: string) => DevSet = name === "legal" ? readLegal : name === "reading" ? readReading : readRegulation;
      const devSet = read(options.devDir);
      const questions = sample(devSet.questions, (q) => q.id, options.limit);
      const engine = createEngine(devSet.docs);
      const limited = questions.length < devSet.questions.length ? `sampled ${questions.length} of ${devSet.questions.length} questions` : "";
      return measureAnswered(name, engine, questions, [devSet.note, limited]);
    }
    case "unanswerable":
      return await unanswerable(options);
    case "numbers": {
      const big = await loadBigCorpus(options.dataDir, options.devDir, options.benchFile);
      return measureNumbers(big.loaded.engine, big.docs, options.limit ?? options.numbers, [`engine ${big.loaded.origin}`]);
    }
  }
}

async function unanswerable(options: Options): Promise<Omit<SetReport, "ms">> {
  const big = await loadBigCorpus(options.dataDir, options.devDir, options.benchFile);
  const legal = readLegal(options.devDir).questions.filter((q) => q.judged);
  const regulation = readRegulation(options.devDir).questions;
  const seed = (await loadShipped(options)).docs.find((d) => d.id === SEED_PAGE_ID);
  const city: DevQuestion[] = seed
    ? parseGolden(readFileSync(options.goldenPath, "utf8"), options.goldenPath)
        .filter((g) => g.docId === SEED_PAGE_ID && g.mustContain.length === 1)
        .map((g, i) => ({ id: `golden-seed-${i}`, question: g.q, answers: g.mustContain, goldIds: [SEED_PAGE_ID], judged: true }))
    : [];
  const held: HeldOutQuestion[] = [
    ...legal.map((question) => ({ source: "legal" as const, question, remove: question.goldIds, present: [] })),
    ...regulation.map((question) => ({ source: "regulation" as const, question, remove: question.goldIds, present: [] })),
    ...city.map((question) => ({ source: "city" as const, question, remove: [], present: [seed as CorpusDoc] })),
  ];
  // Where the answers occur is found for every question, sampled or not, so that one cached scan serves every --limit.
  const occurrences = cachedOccurrences(options.dataDir, big, seed ? [seed] : [], held.flatMap((h) => h.question.answers));
  // --limit samples within each source, so that a quick run still asks legal and city questions.
  const chosen = HELD_OUT_SOURCES.flatMap((s) => sample(held.filter((h) => h.source === s), (h) => h.question.id, options.limit));
  const notes = [`engine ${big.loaded.origin} (${big.dir})`, seed ? "" : `the seed page ${SEED_PAGE_ID} is not in ${options.corpusPath}: no city questions`];
  if (chosen.length < held.length) notes.push(`sampled ${chosen.length} of ${held.length} questions (at most ${options.limit} a source)`);
  return measureUnanswerable(big.loaded.engine, chosen, occurrences, notes);
}

async function goldenReport(options: Options): Promise<Omit<SetReport, "ms">> {
  const { engine, questions, score } = await runGolden(options);
  const t = (share: number, of: number) => ({ hit: Math.round(share * of), of });
  return {
    name: "golden",
    docs: engine.size,
    questions: questions.length,
    notes: [`${options.goldenPath} over ${options.corpusPath}`],
    columns: [
      { key: "top1", heading: "right doc first" },
      { key: "holds", heading: "answer holds the words" },
      { key: "noAnswer", heading: "no-answer questions: null" },
    ],
    rows: [
      { label: "accented", metrics: { top1: t(score.accented.top1, score.accented.total), holds: t(score.accented.holds, score.accented.total) } },
      { label: "plain", metrics: { top1: t(score.plain.top1, score.plain.total), holds: t(score.plain.holds, score.plain.total) } },
      { label: "both forms", metrics: { noAnswer: t(score.noAnswer.correct, score.noAnswer.total) } },
    ],
    failures: score.failures.map((f) => ({
      label: f.form,
      question: f.asked,
      expected: f.question.docId === null ? "null" : `${f.question.docId} ${JSON.stringify(f.question.mustContain)}`,
      got: f.result.answer?.text ?? null,
      docId: f.result.answer?.docId ?? f.result.hits[0]?.docId ?? null,
    })),
  };
}

/** The shipped corpus, its PDF/DOCX/DOC files read with OCR cached under DATA_DIR. */
function loadShipped(options: Options) {
  return loadCorpus(options.corpusPath, { dataDir: options.dataDir, ocr: { cacheDir: join(options.dataDir, "ocr") } });
}

async function runGolden(options: Options) {
  const corpus = await loadShipped(options);
  for (const p of corpus.problems) process.stderr.write(`corpus: ${formatProblem(p)}\n`);
  const engine = createEngine(corpus.docs);
  const questions = parseGolden(readFileSync(options.goldenPath, "utf8"), options.goldenPath);
  const score: GoldenScore = scoreGolden(engine, questions);
  return { engine, questions, score };
}

async function printGolden(options: Options): Promise<void> {
  const started = performance.now();
  const { engine, questions, score } = await runGolden(options);
  const asked = performance.now();
  const { corpusPath, goldenPath, shown } = options;

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(`corpus ${corpusPath}: ${engine.size} documents; golden ${goldenPath}: ${questions.length} questions × 2 forms, built and asked in ${Math.round(asked - started)} ms`);
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
