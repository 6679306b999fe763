import { loadCorpus } from "../src/corpus/load-corpus.js";
import { createEngine } from "../src/index/engine.js";
const e = createEngine(loadCorpus("corpus").docs);
for (const q of process.argv.slice(2)) { const r = e.explain(q); console.log(q, r.confidence.toFixed(3), r.candidate?.answer.text.slice(0,200), r.candidate?.answer.docId, JSON.stringify(r.candidate?.features)); }
