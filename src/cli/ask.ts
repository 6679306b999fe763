import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { loadEngine } from "../corpus/engine-store.js";
import type { AskResult } from "../index/types.js";
import { createLogger } from "../logger.js";

// `npm run ask -- "câu hỏi"` prints one answer for a person; `npm run --silent ask -- --json` reads
// questions from stdin, one per line, and writes one JSON object per line (the SPEC's ask contract).
// Only answers go to stdout; logs go to stderr.

const USAGE = `Usage:
  npm run ask -- "Đông Hà có bao nhiêu đảng viên?"        one answer, for a person
  npm run --silent ask -- --json [--corpus PATH] [--top N]  questions on stdin, JSON lines out
Options:
  --json          JSON output (with no question: read questions from stdin, one per line)
  --corpus PATH   corpus directory or .jsonl / .jsonl.gz file (default: CORPUS_DIR)
  --top N         number of documents in "hits" (default 5)`;

function formatForPerson(result: AskResult): string {
  const lines: string[] = [];
  if (result.answer) {
    const { answer } = result;
    lines.push(answer.text);
    if (answer.figure) lines.push(`Số liệu: ${answer.figure}`);
    lines.push(`Nguồn: ${answer.title}${answer.date ? ` (${answer.date})` : ""}${answer.url ? ` ${answer.url}` : ""} [${answer.docId}]`);
  } else {
    lines.push("Chưa tìm thấy câu trả lời trong dữ liệu hiện có.");
  }
  if (result.hits.length > 0) {
    lines.push("", "Tài liệu liên quan:");
    result.hits.forEach((hit, i) => lines.push(`  ${i + 1}. ${hit.title} [${hit.docId}] (${hit.score})`));
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: "boolean", default: false },
      corpus: { type: "string" },
      top: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 100) {
    throw new UsageError(`ask: --top must be an integer from 1 to 100, got "${values.top}"`);
  }
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const { engine, problems } = await loadEngine({
    corpusPath: values.corpus ?? config.corpusDir,
    dataDir: config.dataDir,
    logger,
  });
  for (const problem of problems) logger.warn(problem, "corpus: skipped a malformed entry");
  const question = positionals.join(" ").trim();
  if (question) {
    const result = engine.ask(question, { top });
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatForPerson(result)}\n`);
    return;
  }
  if (!values.json) throw new UsageError(`ask: give a question, or --json to read questions from stdin\n${USAGE}`);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const q = line.replace(/\r$/, "");
    let result: AskResult;
    try {
      result = engine.ask(q, { top });
    } catch (err) {
      // One bad question must not stop the batch: answer it with nothing and go on.
      logger.error({ err, question: q.slice(0, 200) }, "ask: question failed");
      result = { question: q, answer: null, hits: [] };
    }
    if (!process.stdout.write(`${JSON.stringify(result)}\n`)) await new Promise((r) => process.stdout.once("drain", r));
  }
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError || err instanceof UsageError ? err.message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
