import { mkdtempSync, rmSync, writeFileSync, readFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadEngine, snapshotPath } from "../../src/corpus/engine-store.js";

let dir: string;
let corpus: string;
let data: string;

const line = (id: string, title: string, body: string) => JSON.stringify({ id, type: "news", title, body });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "civic-store-"));
  corpus = join(dir, "corpus.jsonl");
  data = join(dir, "data");
  writeFileSync(corpus, `${line("a", "Đảng viên", "Tổng số đảng viên 7.210 đồng chí.")}\n`);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("loadEngine", () => {
  it("builds once, then reloads from the snapshot", async () => {
    expect((await loadEngine({ corpusPath: corpus, dataDir: data })).origin).toBe("built");
    const second = await loadEngine({ corpusPath: corpus, dataDir: data });
    expect(second.origin).toBe("snapshot");
    expect(second.engine.ask("bao nhiêu đảng viên").answer?.figure).toBe("7.210");
  });

  it("rebuilds when the corpus changed", async () => {
    await loadEngine({ corpusPath: corpus, dataDir: data });
    writeFileSync(corpus, `${line("b", "Ngân sách", "Tổng thu ngân sách 361,503 tỷ đồng.")}\n`);
    const later = new Date(Date.now() + 5000);
    utimesSync(corpus, later, later);
    const reloaded = await loadEngine({ corpusPath: corpus, dataDir: data });
    expect(reloaded.origin).toBe("built");
    expect(reloaded.engine.get("b")).toBeDefined();
  });

  it("rebuilds a corrupt snapshot instead of failing", async () => {
    await loadEngine({ corpusPath: corpus, dataDir: data });
    const file = snapshotPath(corpus, data);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const reloaded = await loadEngine({ corpusPath: corpus, dataDir: data });
    expect(reloaded.origin).toBe("built");
    expect((await loadEngine({ corpusPath: corpus, dataDir: data })).origin).toBe("snapshot");
  });

  it("saves documents added later into the snapshot", async () => {
    const first = await loadEngine({ corpusPath: corpus, dataDir: data });
    first.engine.add({ id: "n", type: "news", title: "Tin mới", body: "Đông Hà có 9 phường.", date: null, url: null, number: null, issuer: null, source: null, tags: [] });
    first.save();
    expect((await loadEngine({ corpusPath: corpus, dataDir: data })).engine.get("n")?.title).toBe("Tin mới");
  });
});
