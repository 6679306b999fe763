import type { CorpusDoc } from "../index/types.js";

/** A problem found while loading the corpus; the entry is skipped and the rest still loads. */
export interface CorpusProblem {
  /** The file, as given to the loader (relative to the corpus root inside the parsers). */
  path: string;
  /** 1-based line number, or null when the problem concerns the whole file. */
  line: number | null;
  /** What is wrong and how to fix it. */
  message: string;
}

/** What one parser returns for one file: its documents (with the line each starts on) and its problems. */
export interface ParsedFile {
  docs: CorpusDoc[];
  /** `lines[i]` is the 1-based line where `docs[i]` starts (1 for whole-file formats). */
  lines: number[];
  problems: CorpusProblem[];
}

/** Formats one problem for a log line or an error message: `corpus/a.jsonl line 12: missing "title"`. */
export function formatProblem(problem: CorpusProblem): string {
  return `${problem.path}${problem.line === null ? "" : ` line ${problem.line}`}: ${problem.message}`;
}
