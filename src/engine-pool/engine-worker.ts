import { parentPort, workerData } from "node:worker_threads";
import { restoreEngine, type VietEngine } from "../index/engine.js";
import { decodeSnapshot } from "../index/snapshot.js";
import { searchIds, type DocChange, type WorkerInit, type WorkerReply, type WorkerRequest } from "./protocol.js";

// One engine thread: the engine restored over the shared snapshot (its arrays are views of the
// shared memory, not copies), then questions answered one message at a time.

const port = parentPort!;
const init = workerData as WorkerInit;
const { state } = decodeSnapshot(new Uint8Array(init.snapshot, init.byteOffset, init.byteLength));
const engine = restoreEngine(state);
for (const change of init.changes) apply(engine, change);
post({ type: "ready", docs: engine.size });

port.on("message", (request: WorkerRequest) => {
  if (request.type === "add" || request.type === "remove") return apply(engine, request);
  const started = performance.now();
  try {
    const result =
      request.type === "ask"
        ? engine.ask(request.question, request.options)
        : searchIds(engine.search(request.query, request.options));
    post({ type: "done", id: request.id, result, ms: performance.now() - started });
  } catch (err) {
    // A bug in answering one question is that question's failure, not the thread's.
    post({ type: "failed", id: request.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});

function apply(target: VietEngine, change: DocChange): void {
  if (change.type === "add") target.add(change.doc);
  else target.remove(change.id);
}

function post(reply: WorkerReply): void {
  port.postMessage(reply);
}
