// The real engine thread, with one fault added for tests: a question starting with STALL_MARK keeps
// the thread busy forever (as a runaway question would), so that a test can kill the thread while
// it holds that question, or see the next questions wait.
import { parentPort } from "node:worker_threads";

const STALL_MARK = "⏳";

// Registered before the engine's own listener, so it sees each question first.
parentPort!.on("message", (request: { type: string; question?: string }) => {
  if (request.type === "ask" && request.question?.startsWith(STALL_MARK)) for (;;);
});
await import("../../src/engine-pool/engine-worker.js");
