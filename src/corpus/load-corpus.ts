import { readFileSync } from "node:fs";
import type { CorpusDoc } from "../index/types.js";

// Placeholder loader: one .jsonl file only. TODO(#2): all three formats, recursively.

/** A problem found while loading the corpus; the rest still loads. */
export interface CorpusProblem {
  path: string;
  line: number | null;
  message: string;
}

/** Documents loaded from a corpus path, with the problems met on the way. */
export interface LoadedCorpus {
  docs: CorpusDoc[];
  problems: CorpusProblem[];
}

/** Loads the corpus at `path`. */
export function loadCorpus(path: string): LoadedCorpus {
  const docs: CorpusDoc[] = [];
  const problems: CorpusProblem[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const raw = JSON.parse(line);
        docs.push({ id: String(raw.id), type: raw.type ?? "news", title: raw.title, body: raw.body, date: null, url: null, number: null, issuer: null, source: null, tags: [] });
      } catch (err) {
        problems.push({ path, line: i + 1, message: String(err) });
      }
    });
  return { docs, problems };
}
