import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CorpusError, corpusFingerprint, formatProblem, loadCorpus } from "../../src/corpus/load-corpus.js";

const SEED = new URL("../fixtures/seed/dongha-2024-05-22-xay-dung-dang.txt", import.meta.url);
const record = (r: object) => JSON.stringify(r);

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "corpus-"));
  mkdirSync(join(root, "seed"));
  mkdirSync(join(root, "news", "2024"), { recursive: true });
  copyFileSync(SEED, join(root, "seed", "dongha.txt"));
  writeFileSync(join(root, "news", "2024", "kl-21.md"), "---\ntitle: Kết luận 21\ntype: document\nnumber: 21-KL/TW\n---\nNội dung.");
  writeFileSync(join(root, "news", "a.jsonl"), [record({ id: "a1", title: "A", body: "a" }), record({ id: "a2", title: "B", body: "b" })].join("\n"));
  writeFileSync(join(root, "news", "b.jsonl.gz"), gzipSync(record({ id: "b1", title: "C", body: "c" })));
  writeFileSync(join(root, "SOURCES.md"), "# Sources\nNot a document.");
  writeFileSync(join(root, "news", "README.md"), "No front matter here.");
  writeFileSync(join(root, "notes.csv"), "ignored");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("loadCorpus", () => {
  it("reads every format recursively and skips SOURCES/README files", async () => {
    const { docs, problems } = await loadCorpus(root);
    expect(problems).toEqual([]);
    expect(docs.map((d) => d.id)).toEqual(["news/2024/kl-21", "a1", "a2", "b1", "seed/dongha"]);
    expect(docs.find((d) => d.id === "seed/dongha")!.date).toBe("2024-05-22");
    expect(docs.find((d) => d.id === "news/2024/kl-21")!.number).toBe("21-KL/TW");
  });

  it("loads one .jsonl or .jsonl.gz file", async () => {
    expect((await loadCorpus(join(root, "news", "a.jsonl"))).docs.map((d) => d.id)).toEqual(["a1", "a2"]);
    expect((await loadCorpus(join(root, "news", "b.jsonl.gz"))).docs.map((d) => d.id)).toEqual(["b1"]);
  });

  it("reports problems with the path as given and loads the rest", async () => {
    writeFileSync(join(root, "news", "c.jsonl"), [record({ id: "c1", title: "C", body: "c" }), record({ id: "c2", body: "c" })].join("\n"));
    writeFileSync(join(root, "broken.jsonl.gz"), "not gzip");
    const { docs, problems } = await loadCorpus(root);
    expect(docs.map((d) => d.id)).toContain("c1");
    expect(problems.map(formatProblem)).toEqual([
      `${join(root, "broken.jsonl.gz")}: cannot read: incorrect header check`,
      `${join(root, "news", "c.jsonl")} line 2: missing "title"`,
    ]);
  });

  it("reports a duplicate id and keeps the first", async () => {
    writeFileSync(join(root, "news", "c.jsonl"), ["", record({ id: "a1", title: "Other", body: "x" })].join("\n"));
    const { docs, problems } = await loadCorpus(root);
    expect(docs.filter((d) => d.id === "a1").map((d) => d.title)).toEqual(["A"]);
    expect(problems).toEqual([
      {
        path: join(root, "news", "c.jsonl"),
        line: 2,
        message: `duplicate id "a1" (first in ${join(root, "news", "a.jsonl")} line 1); kept the first`,
      },
    ]);
  });

  it("throws an actionable CorpusError for a missing path or an unknown file", async () => {
    await expect(loadCorpus(join(root, "nope"))).rejects.toThrow(CorpusError);
    await expect(loadCorpus(join(root, "nope"))).rejects.toThrow(/does not exist; set CORPUS_DIR/);
    await expect(loadCorpus(join(root, "notes.csv"))).rejects.toThrow(/not a corpus file/);
  });
});

describe("corpusFingerprint", () => {
  it("is stable, and changes when a file is added, edited or touched", async () => {
    const first = corpusFingerprint(root);
    expect(corpusFingerprint(root)).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64}$/);

    writeFileSync(join(root, "notes.csv"), "still ignored");
    expect(corpusFingerprint(root)).toBe(first);

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "news", "a.jsonl"), later, later);
    const touched = corpusFingerprint(root);
    expect(touched).not.toBe(first);

    writeFileSync(join(root, "news", "d.jsonl"), record({ id: "d", title: "D", body: "d" }));
    expect(corpusFingerprint(root)).not.toBe(touched);
  });
});
