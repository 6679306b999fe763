import type { AskOptions, AskResult, CorpusDoc, SearchOptions, SearchPage } from "../index/types.js";

// Messages between the pool and its worker threads. Each port delivers in order, which is what
// makes a document added before a question visible to that question.

/** A change to the documents, sent to every worker and replayed to a replacement. */
export type DocChange = { type: "add"; doc: CorpusDoc } | { type: "remove"; id: string };

/** What a worker receives once, at start. */
export interface WorkerInit {
  /** The index snapshot's bytes, in a SharedArrayBuffer: every worker reads the same memory. */
  snapshot: SharedArrayBuffer;
  byteOffset: number;
  byteLength: number;
  /** Changes made since the snapshot, in order. */
  changes: DocChange[];
}

/** A request to a worker. */
export type WorkerRequest =
  | DocChange
  | { type: "ask"; id: number; question: string; options: AskOptions }
  | { type: "search"; id: number; query: string; options: SearchOptions };

/** A search result as it crosses threads: document ids, read back from the pool's own store. */
export interface SearchIds {
  total: number;
  hits: Array<{ id: string; score: number }>;
}

/** A search page reduced to ids and scores, to cross threads without copying the documents. */
export function searchIds(page: SearchPage): SearchIds {
  return { total: page.total, hits: page.hits.map((h) => ({ id: h.doc.id, score: h.score })) };
}

/** A worker's message to the pool. */
export type WorkerReply =
  | { type: "ready"; docs: number }
  | { type: "done"; id: number; result: AskResult | SearchIds; ms: number }
  | { type: "failed"; id: number; message: string };
