import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Runs every bench/*.bench.ts in its own process (so one benchmark's heap never skews another's),
// passing the command-line arguments through: `npm run bench -- --corpus path/to/corpus.jsonl.gz`.
// A name filter runs only some: `npm run bench -- --only engine`.

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const passArgs = onlyAt >= 0 ? args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1) : args;
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file.replace(/\.bench\.ts$/, "")}\n\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", join(here, file), ...passArgs], {
    stdio: "inherit",
  });
  if (run.status !== 0) {
    failed += 1;
    process.stdout.write(`(${file} failed with exit code ${run.status})\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
