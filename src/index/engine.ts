import MiniSearch from "minisearch";
import type { AskOptions, AskResult, CorpusDoc, DocPage, Engine, SearchOptions, SearchPage } from "./types.js";

// Placeholder engine over MiniSearch defaults: same contract, no Vietnamese processing yet.
// TODO(#2): replace with the Vietnamese engine.

/** Creates an engine over the given documents. */
export function createEngine(docs: Iterable<CorpusDoc>): Engine {
  const byId = new Map<string, CorpusDoc>();
  const mini = new MiniSearch<CorpusDoc>({ fields: ["title", "body"], idField: "id" });
  const add = (doc: CorpusDoc) => {
    if (byId.has(doc.id)) mini.discard(doc.id);
    byId.set(doc.id, doc);
    mini.add(doc);
  };
  for (const doc of docs) add(doc);
  const search = (query: string, options: SearchOptions = {}): SearchPage => {
    const { limit = 5, offset = 0, type } = options;
    const results = mini
      .search(query)
      .map((r) => ({ doc: byId.get(r.id as string)!, score: r.score }))
      .filter((r) => r.doc && (!type || r.doc.type === type));
    return { total: results.length, hits: results.slice(offset, offset + limit) };
  };
  return {
    ask(question: string, options: AskOptions = {}): AskResult {
      const page = search(question, { limit: options.top ?? 5 });
      const hits = page.hits.map((h) => ({ docId: h.doc.id, title: h.doc.title, score: h.score }));
      return { question, answer: null, hits };
    },
    search,
    latest(options: SearchOptions = {}): DocPage {
      const { limit = 5, offset = 0, type } = options;
      const all = [...byId.values()]
        .filter((d) => !type || d.type === type)
        .sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
      return { total: all.length, docs: all.slice(offset, offset + limit) };
    },
    byNumber(number: string): CorpusDoc[] {
      const wanted = number.replace(/\s+/g, "").toLowerCase();
      return [...byId.values()].filter((d) => d.number?.replace(/\s+/g, "").toLowerCase() === wanted);
    },
    get: (id) => byId.get(id),
    add,
    remove(id: string): boolean {
      if (!byId.has(id)) return false;
      mini.discard(id);
      byId.delete(id);
      return true;
    },
    get size() {
      return byId.size;
    },
  };
}
