import { join } from "node:path";
import { createInterface } from "node:readline";
import { ConfigError, loadConfig } from "./config.js";
import { loadCorpus } from "./corpus/load-corpus.js";
import { createEngine } from "./index/engine.js";
import { createLogger } from "./logger.js";
import { openDatabase } from "./storage/database.js";

// Composition root: config → logger → database → corpus and index → (bot → jobs) → start.
// TODO(#3): the real bot and its console mode replace this question loop.

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, secrets: config.botToken ? [config.botToken] : [] });
  const db = openDatabase(join(config.dataDir, "civic-bot.sqlite"));
  const corpus = loadCorpus(config.corpusDir);
  for (const p of corpus.problems) logger.warn(p, "corpus: skipped a malformed entry");
  const engine = createEngine(corpus.docs);
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    const result = engine.ask(line);
    process.stdout.write(`${result.answer?.text ?? result.hits[0]?.title ?? "Không tìm thấy."}\n`);
  }
  db.close();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`civic-bot: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
