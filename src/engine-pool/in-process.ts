import type { Engine } from "../index/types.js";
import type { AsyncEngine } from "./types.js";

/**
 * The engine answering in the calling thread (`ENGINE_THREADS` 0 or 1): each question is computed
 * at once, the promise only carries the result. Tests and the command line prefer it.
 */
export function createInProcessEngine(engine: Engine): AsyncEngine {
  return {
    ask: async (question, options) => engine.ask(question, options),
    search: async (query, options) => engine.search(query, options),
    latest: (options) => engine.latest(options),
    byNumber: (number) => engine.byNumber(number),
    get: (id) => engine.get(id),
    add: (doc) => engine.add(doc),
    remove: (id) => engine.remove(id),
    get size() {
      return engine.size;
    },
    close: async () => {},
  };
}
