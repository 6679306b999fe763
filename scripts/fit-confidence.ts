// Fits the answer-confidence model (`src/index/confidence-weights.json`) on the development question sets in
// ../shared/data/dev-qa (see its README), and prints how it does on the questions it was not fitted on.
//
//   npx tsx scripts/fit-confidence.ts [--data DIR] [--bench FILE] [--data-dir DIR] [--limit N] [--scale-limit N] [--write]
//
// Rows are the engine's best sentence for a question with its features (`AnswerFeatures`) and a label: 1 when the
// sentence holds the expected answer, 0 otherwise. They come from
// - answerable questions over their own passages: ViQuAD reading, UIT regulation, ALQAC short answers;
// - the same questions at scale, over the 53,759 bench articles with the law articles and the passages mixed in,
//   once with their gold text present (label: holds or not) and once with it removed, when the answer occurs in no
//   other text (label 0: any answer is wrong).
// Questions are split by a hash of their id: about 70% fit the model, the rest judge it (printed beside the
// hand-set weights). The threshold is the lowest one at which no more than MAX_FALSE_ANSWER_RATE of the
// unanswerable questions get an answer, on the fitting part. The golden set is never used here: it stays the test.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadBigCorpus, cachedOccurrences, DEFAULT_BENCH_FILE } from "../src/eval/big-corpus.js";
import { DEFAULT_DEV_DATA, readLegal, readReading, readRegulation, sample, sampleOrder, type DevQuestion } from "../src/eval/dev-sets.js";
import { holdsAny, matchForm } from "../src/eval/judge.js";
import { askedForm, FORMS } from "../src/eval/measure.js";
import { CONFIDENCE_MODEL, FEATURE_NAMES, confidence, featureVector, type ConfidenceModel } from "../src/index/confidence.js";
import { createEngine, type VietEngine } from "../src/index/engine.js";
import type { CorpusDoc } from "../src/index/types.js";

/** At most this share of unanswerable questions may get an answer (the target: null for ≥ 95%). */
const MAX_FALSE_ANSWER_RATE = 0.05;
/** L2 penalty of the logistic fit (keeps weights small where features are correlated). */
const L2 = 0.002;
const EPOCHS = 4000;
const LEARNING_RATE = 0.5;

interface Row {
  x: number[];
  y: 0 | 1;
  /** Which question population the row comes from, for the report. */
  group: "answerable" | "scale-answerable" | "unanswerable";
  set: string;
  fit: boolean;
}

/** A population's questions, for rates that count the questions with no candidate too. */
interface Population {
  group: Row["group"];
  set: string;
  fit: boolean;
  rows: Row[];
  /** Questions asked, with or without a candidate. */
  asked: number;
}

const { values } = parseArgs({
  options: {
    data: { type: "string", default: DEFAULT_DEV_DATA },
    bench: { type: "string", default: DEFAULT_BENCH_FILE },
    "data-dir": { type: "string", default: "data" },
    limit: { type: "string" },
    /** Questions of each set asked at 53k scale. */
    "scale-limit": { type: "string", default: "300" },
    write: { type: "boolean", default: false },
    /** Keep the rows in this file, or (`--rows-in`) read them from it instead of asking the engine. */
    "rows-out": { type: "string" },
    "rows-in": { type: "string" },
    /** Only the sets over their own passages (no 53k engine): a quick look at the candidates. */
    "small-only": { type: "boolean", default: false },
  },
});
const limit = values.limit === undefined ? undefined : Number(values.limit);
const isFit = (id: string) => sampleOrder(`fit/${id}`) < "b3";
const populations = new Map<string, Population>();

function record(group: Row["group"], set: string, q: DevQuestion, engine: VietEngine, asked: string, label: (text: string) => boolean): void {
  const fit = isFit(q.id);
  const key = `${group}/${set}/${fit}`;
  let pop = populations.get(key);
  if (!pop) populations.set(key, (pop = { group, set, fit, rows: [], asked: 0 }));
  pop.asked++;
  const { candidate } = engine.explain(asked);
  if (!candidate) return;
  pop.rows.push({ x: featureVector(candidate.features), y: label(candidate.answer.text) ? 1 : 0, group, set, fit });
}

if (values["rows-in"]) {
  for (const p of JSON.parse(readFileSync(values["rows-in"], "utf8")) as Population[]) populations.set(`${p.group}/${p.set}/${p.fit}`, p);
} else {
  await askEverything();
  if (values["rows-out"]) writeFileSync(values["rows-out"], JSON.stringify([...populations.values()]));
}

async function askEverything(): Promise<void> {
const t0 = Date.now();
  const sets = [
    { name: "reading", set: readReading(values.data) },
    { name: "regulation", set: readRegulation(values.data) },
    { name: "legal", set: readLegal(values.data) },
  ];
  for (const { name, set } of sets) {
    const engine = createEngine(set.docs);
    for (const q of sample(set.questions.filter((x) => x.judged), (x) => x.id, limit)) {
      for (const form of FORMS) record("answerable", name, q, engine, askedForm(q.question, form), (t) => holdsAny(t, q.answers));
    }
    process.stderr.write(`${name}: done (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  }
  
  // At scale: the bench articles and the law articles (one snapshot), with the passages of the other sets added.
  if (values["small-only"]) {
    for (const p of populations.values()) {
      const holds = p.rows.filter((r) => r.y === 1).length;
      process.stdout.write(`${p.set} ${p.fit ? "fit" : "held out"}: ${p.asked} asked, candidate holds ${((100 * holds) / p.asked).toFixed(1)}%, no candidate ${((100 * (p.asked - p.rows.length)) / p.asked).toFixed(1)}%\n`);
    }
    process.exit(0);
  }
  const big = await loadBigCorpus(values["data-dir"], values.data, values.bench);
  const engine = big.loaded.engine;
  const extra: CorpusDoc[] = [...sets[0]!.set.docs, ...sets[1]!.set.docs];
  for (const doc of extra) engine.add(doc);
  const scaleLimit = Number(values["scale-limit"]);
  const chosen = sets.flatMap(({ name, set }) =>
    sample(set.questions.filter((x) => x.judged), (x) => x.id, name === "legal" ? undefined : scaleLimit).map((q) => ({ name, q })),
  );
  const occurrences = cachedOccurrences(values["data-dir"], big, extra, chosen.flatMap((c) => c.q.answers));
  process.stderr.write(`scale: engine ${big.loaded.origin}, ${engine.size} documents (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  let skipped = 0;
  for (const { name, q } of chosen) {
    for (const form of FORMS) record("scale-answerable", name, q, engine, askedForm(q.question, form), (t) => holdsAny(t, q.answers));
    const gold = new Set(q.goldIds);
    const elsewhere = q.answers.some((a) => [...(occurrences.get(matchForm(a)) ?? [])].some((id) => !gold.has(id)));
    if (elsewhere) {
      skipped++;
      continue;
    }
    const removed = q.goldIds.map((id) => engine.get(id)).filter((d): d is CorpusDoc => d !== undefined);
    for (const doc of removed) engine.remove(doc.id);
    for (const form of FORMS) record("unanswerable", name, q, engine, askedForm(q.question, form), () => false);
    for (const doc of removed) engine.add(doc);
  }
  process.stderr.write(`scale: done, ${skipped} questions skipped as unanswerable (answer elsewhere) (${Math.round((Date.now() - t0) / 1000)} s)\n`);
}

// ---------------------------------------------------------------------------------------------------------------

const all = [...populations.values()];
const fitRows = all.filter((p) => p.fit).flatMap((p) => p.rows);
const model = fitLogistic(fitRows);
model.threshold = chooseThreshold(model, all.filter((p) => p.fit));

function fitLogistic(rows: Row[]): ConfidenceModel {
  const n = FEATURE_NAMES.length;
  const w = new Array<number>(n).fill(0);
  let b = 0;
  // Each population weighs the same in total, so the many reading questions do not drown the laws.
  const weightOf = new Map<string, number>();
  for (const r of rows) weightOf.set(`${r.group}/${r.set}`, (weightOf.get(`${r.group}/${r.set}`) ?? 0) + 1);
  const groups = weightOf.size;
  const rowWeight = (r: Row) => rows.length / groups / weightOf.get(`${r.group}/${r.set}`)!;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gw = new Array<number>(n).fill(0);
    let gb = 0;
    let total = 0;
    for (const r of rows) {
      let z = b;
      for (let i = 0; i < n; i++) z += w[i]! * r.x[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const k = rowWeight(r);
      const err = (p - r.y) * k;
      for (let i = 0; i < n; i++) gw[i]! += err * r.x[i]!;
      gb += err;
      total += k;
    }
    for (let i = 0; i < n; i++) w[i]! -= LEARNING_RATE * (gw[i]! / total + L2 * w[i]!);
    b -= LEARNING_RATE * (gb / total);
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    bias: round(b),
    weights: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, round(w[i]!)])) as ConfidenceModel["weights"],
    threshold: 0.5,
  };
}

function probability(model: ConfidenceModel, x: number[]): number {
  const features = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, x[i]!])) as unknown as Parameters<typeof confidence>[0];
  return confidence(features, model);
}

/** The lowest threshold at which at most MAX_FALSE_ANSWER_RATE of the unanswerable questions get an answer. */
function chooseThreshold(model: ConfidenceModel, pops: Population[]): number {
  const unanswerable = pops.filter((p) => p.group === "unanswerable");
  const asked = unanswerable.reduce((sum, p) => sum + p.asked, 0);
  const scores = unanswerable.flatMap((p) => p.rows.map((r) => probability(model, r.x))).sort((a, b) => b - a);
  const allowed = Math.floor(asked * MAX_FALSE_ANSWER_RATE);
  const t = scores[allowed] ?? 0;
  return Math.round(Math.min(0.99, t + 1e-6) * 1000) / 1000;
}

function report(label: string, m: ConfidenceModel): void {
  process.stdout.write(`\n${label} (threshold ${m.threshold})\n\n| population | part | questions | answer holds | answered | null |\n|---|---|---:|---:|---:|---:|\n`);
  for (const p of [...all].sort((a, b) => `${a.group}${a.set}${a.fit}`.localeCompare(`${b.group}${b.set}${b.fit}`))) {
    const answered = p.rows.filter((r) => probability(m, r.x) >= m.threshold);
    const holds = answered.filter((r) => r.y === 1).length;
    const pct = (k: number) => `${((100 * k) / Math.max(1, p.asked)).toFixed(1)}%`;
    process.stdout.write(
      `| ${p.group} ${p.set} | ${p.fit ? "fit" : "held out"} | ${p.asked} | ${p.group === "unanswerable" ? "" : pct(holds)} | ${pct(answered.length)} | ${pct(p.asked - answered.length)} |\n`,
    );
  }
}

const hand = { ...CONFIDENCE_MODEL, threshold: chooseThreshold(CONFIDENCE_MODEL, all.filter((p) => p.fit)) };
report("hand-set weights in use, at their own threshold", CONFIDENCE_MODEL);
report("hand-set weights, threshold chosen like the fitted one's", hand);
report("fitted", model);
tradeoff(model);
process.stdout.write(`\n${JSON.stringify(model, null, 2)}\n`);

/** Held-out answer-holds and false-answer rates of the fitted model at several thresholds. */
function tradeoff(m: ConfidenceModel): void {
  process.stdout.write("\n| threshold | answerable: holds (held out) | at 53k: holds (held out) | unanswerable: answered (held out) |\n|---:|---:|---:|---:|\n");
  const rate = (group: Row["group"], t: number, holdsOnly: boolean) => {
    const pops = all.filter((p) => !p.fit && p.group === group);
    const asked = pops.reduce((sum, p) => sum + p.asked, 0);
    const hit = pops.flatMap((p) => p.rows).filter((r) => probability(m, r.x) >= t && (!holdsOnly || r.y === 1)).length;
    return `${((100 * hit) / Math.max(1, asked)).toFixed(1)}%`;
  };
  for (const t of [0.2, 0.3, 0.4, m.threshold, 0.6, 0.7]) {
    process.stdout.write(`| ${t} | ${rate("answerable", t, true)} | ${rate("scale-answerable", t, true)} | ${rate("unanswerable", t, false)} |\n`);
  }
}
if (values.write) {
  const counts = all.map((p) => `${p.group} ${p.set} ${p.fit ? "fit" : "held out"}: ${p.asked}`).join("; ");
  const out = {
    note: `Fitted by scripts/fit-confidence.ts on the fitting part (about 70%, by id hash) of ViQuAD 1.0 dev, UIT regulation QA and ALQAC short answers, over their passages and at 53k scale with gold present and removed; threshold: at most ${MAX_FALSE_ANSWER_RATE * 100}% answers to unanswerable questions. Questions asked: ${counts}.`,
    ...model,
  };
  writeFileSync(new URL("../src/index/confidence-weights.json", import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write("wrote src/index/confidence-weights.json\n");
}
