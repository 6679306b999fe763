import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseGolden, scoreGolden } from "../src/corpus/golden.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { createEngine } from "../src/index/engine.js";

// Minimum accuracy of the engine on the golden set, as fractions: a little under what `npm run eval` measures
// (top-1 92.4% / 92.4%, answer holds the words 57.1% / 57.1%, no answer 88.3%), so that a ranking change that
// loses ground fails here. The answer figures are a decision (the confidence threshold fitted for at most 5%
// answers to unanswerable questions): fewer answers than before, more of them right. Lower one only for a trade
// measured elsewhere and stated in the commit.
const THRESHOLDS = {
  accentedTop1: 0.92,
  accentedHolds: 0.56,
  plainTop1: 0.91,
  plainHolds: 0.55,
  noAnswer: 0.83,
};

const CORPUS_DIR = fileURLToPath(new URL("../corpus", import.meta.url));
const GOLDEN = readFileSync(new URL("./fixtures/golden.jsonl", import.meta.url), "utf8");

const corpus = await loadCorpus(CORPUS_DIR);

describe("the golden question set", () => {
  const questions = parseGolden(GOLDEN, "tests/fixtures/golden.jsonl");
  const byId = new Map(corpus.docs.map((d) => [d.id, d]));

  it("has enough questions with an answer in the corpus and without", () => {
    expect(questions.filter((q) => q.docId !== null).length).toBeGreaterThanOrEqual(90);
    expect(questions.filter((q) => q.docId === null).length).toBeGreaterThanOrEqual(20);
  });

  it("names shipped documents that hold the expected words", () => {
    const wrong = questions
      .filter((q) => q.docId !== null)
      .filter((q) => {
        const doc = byId.get(q.docId!);
        return !doc || !q.mustContain.every((w) => doc.body.toLowerCase().includes(w.toLowerCase()));
      })
      .map((q) => `${q.docId}: ${q.q}`);
    expect(wrong).toEqual([]);
    expect(questions.filter((q) => q.docId !== null && q.mustContain.length === 0)).toEqual([]);
  });

  it("asks each question a second time without diacritics", () => {
    const accented = questions.filter((q) => /[^\x00-\x7F]/.test(q.qPlain));
    expect(accented.map((q) => q.qPlain)).toEqual([]);
    expect(new Set(questions.map((q) => q.q)).size).toBe(questions.length);
  });
});

describe("the engine on the golden set", () => {
  it("reaches the accuracy thresholds", () => {
    const score = scoreGolden(createEngine(corpus.docs), parseGolden(GOLDEN));
    expect(score.accented.top1).toBeGreaterThanOrEqual(THRESHOLDS.accentedTop1);
    expect(score.accented.holds).toBeGreaterThanOrEqual(THRESHOLDS.accentedHolds);
    expect(score.plain.top1).toBeGreaterThanOrEqual(THRESHOLDS.plainTop1);
    expect(score.plain.holds).toBeGreaterThanOrEqual(THRESHOLDS.plainHolds);
    expect(score.noAnswer.correct).toBeGreaterThanOrEqual(THRESHOLDS.noAnswer);
  });
});
