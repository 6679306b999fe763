// Starts an engine thread from the TypeScript sources: a worker does not inherit the main thread's
// TypeScript loader, so it registers tsx itself, then loads the worker module named in workerData.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
