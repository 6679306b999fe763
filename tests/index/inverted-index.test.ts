import { describe, expect, it } from "vitest";
import { InvertedIndex } from "../../src/index/inverted-index.js";

const build = (docs: Array<Record<number, number>>) => {
  const index = new InvertedIndex({ k1: 1.2, b: 0.75 });
  for (const terms of docs) index.addDocument(new Map(Object.entries(terms).map(([k, v]) => [Number(k), v])), Object.values(terms).reduce((a, b) => a + b, 0));
  index.freeze();
  return index;
};

describe("InvertedIndex", () => {
  it("ranks by BM25: a rare term weighs more, a higher frequency helps", () => {
    const index = build([{ 1: 1, 2: 1 }, { 1: 3 }, { 2: 1, 3: 1 }]);
    const acc = index.createAccumulator();
    index.accumulate(acc, 1, 1);
    const top = index.top(acc, 3);
    expect(top.map((t) => t.doc)).toEqual([1, 0]);
    expect(index.idf(3)).toBeGreaterThan(index.idf(1));
    expect(index.df(1)).toBe(2);
    expect(index.df(99)).toBe(0);
  });

  it("finds documents added after the build and forgets removed ones", () => {
    const index = build([{ 1: 1 }]);
    const added = index.addDocument(new Map([[1, 2]]), 2);
    expect(index.postings(1)).toEqual([0, added]);
    index.removeDocument(0);
    expect(index.postings(1)).toEqual([added]);
    const acc = index.createAccumulator();
    index.accumulate(acc, 1, 1);
    expect(index.top(acc, 5).map((t) => t.doc)).toEqual([added]);
    expect(index.liveCount).toBe(1);
  });

  it("scores common terms only for the candidates already found", () => {
    const index = build([{ 1: 1, 9: 1 }, { 9: 1 }, { 9: 1 }]);
    const acc = index.createAccumulator();
    index.accumulate(acc, 1, 1);
    index.accumulateForCandidates(acc, [{ hash: 9, weight: 1, idf: index.idf(9) }], 10);
    expect(index.top(acc, 5).map((t) => t.doc)).toEqual([0]);
  });

  it("survives a round trip through its arrays", () => {
    const index = build([{ 1: 1, 2: 2 }, { 2: 1 }]);
    const restored = InvertedIndex.fromArrays(index.toArrays(), { k1: 1.2, b: 0.75 });
    expect(restored.df(2)).toBe(2);
    expect(restored.idf(1)).toBeCloseTo(index.idf(1));
  });
});
