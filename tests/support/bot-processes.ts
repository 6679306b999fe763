import { type ChildProcess, spawn, type StdioOptions } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import type { FakeBotApi } from "./fake-bot-api.js";
import { BOT_CORPUS } from "./test-bot.js";

// The bot as real processes: `src/main.ts` started the way an operator starts it, against the fake
// Bot API; several of them in webhook mode over one database, with a test posting each update to
// the instance of its choice (the load balancer's part). Used by the end-to-end tests and the bench.

/** The repository's root, where `npm start` runs. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** How the bot is started: `npm start` as an operator types it, or node with tsx's loader directly. */
export type Launcher = "npm" | "node";

/** Options of {@link spawnBot}. */
export interface SpawnBotOptions {
  /** Defaults to `node`: the process is the bot itself, so a signal reaches it without npm in between. */
  via?: Launcher;
  /** Defaults to standard input ignored, standard output and error piped. */
  stdio?: StdioOptions;
  /** Its own process group, so that {@link killGroup} reaches npm, tsx and node at once. */
  detached?: boolean;
}

/** Starts `src/main.ts` in the repository's root with exactly this environment. */
export function spawnBot(env: NodeJS.ProcessEnv, options: SpawnBotOptions = {}): ChildProcess {
  const [command, args] =
    options.via === "npm" ? ["npm", ["start"]] : [process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")]];
  return spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: options.stdio ?? ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
}

/**
 * A bot's environment for tests: nothing inherited but `PATH` and `HOME` (so a developer's own
 * variables never reach it), quiet hours off, no sources, logs silent; `overrides` win.
 */
export function botEnv(dir: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    DATA_DIR: join(dir, "data"),
    CORPUS_DIR: BOT_CORPUS,
    SOURCES_FILE: join(dir, "no-sources.json"),
    QUIET_HOURS: "",
    LOG_LEVEL: "silent",
    ENGINE_THREADS: "0",
    ...overrides,
  };
}

/** How a process ended, with everything it wrote. */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Gathers a child's output until it closes. */
export function collect(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Whether any process of the group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to every process of the group `pgid`; a group already gone is not an error. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Gone already.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` every `intervalMs` (default 50) until it returns something other than
 * `undefined`, `null` or `false`, and returns that; fails naming `what` after `timeoutMs` (default 20,000).
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Exclude<T, undefined | null | false>> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(options.intervalMs ?? 50);
  }
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The largest number of `times` (milliseconds) that fall within any `windowMs` span (closed at the start, open at the end). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** What `GET /healthz` answers; `jobs` and `instance` say which instance runs the scheduled jobs and the delivery. */
export interface Health {
  ok: boolean;
  database?: string;
  index?: { docs: number };
  instance?: string;
  jobs?: { running: boolean; holder: string | null };
}

/** Options of {@link startBotInstance}. */
export interface BotInstanceOptions {
  /** `INSTANCE_ID`, also the instance's name in failure messages. */
  id: string;
  /** `DATABASE_URL`; without it the instance keeps SQLite in its own `DATA_DIR`. */
  databaseUrl?: string;
  /** More of the environment (`STAFF_CHAT_ID`, `LEADER_LEASE_SECONDS`, `LOG_LEVEL`, …). */
  env?: Record<string, string>;
  /** Defaults to `npm`, as the operator starts it. */
  via?: Launcher;
  /** How long it may take to answer `GET /healthz`. Defaults to 90,000 ms. */
  readyTimeoutMs?: number;
}

/** The secret every instance checks on the webhook. */
export const WEBHOOK_SECRET = "instances_secret-1";

/** One bot process in webhook mode. */
export interface BotInstance {
  id: string;
  port: number;
  child: ChildProcess;
  /** Whether its process group is still alive. */
  alive(): boolean;
  /** Posts `update` to its webhook with the secret, as Telegram (through the load balancer) does; the HTTP status. */
  post(update: Update): Promise<number>;
  /** `GET /healthz`, or null when the instance does not answer. */
  health(): Promise<Health | null>;
  /** Kills the whole process group with `signal` (default SIGKILL) and waits until every process of it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** What it wrote to standard error, for failure messages (the last 64 KiB). */
  stderr(): string;
  /** Stops it (SIGTERM, SIGKILL after 10 s) and removes its `DATA_DIR`. */
  stop(): Promise<void>;
}

const STDERR_KEPT_CHARS = 64 * 1024;
const STOP_GRACE_MS = 10_000;

/**
 * Starts one bot process in webhook mode (`WEBHOOK_URL=http://127.0.0.1:<port>/hook`, the secret,
 * `PORT`) against `api`, with its own `DATA_DIR`, and waits until its `GET /healthz` answers 200.
 */
export async function startBotInstance(api: FakeBotApi, options: BotInstanceOptions): Promise<BotInstance> {
  const dir = mkdtempSync(join(tmpdir(), `civic-bot-${options.id}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = botEnv(dir, {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    WEBHOOK_URL: `${base}/hook`,
    WEBHOOK_SECRET,
    PORT: String(port),
    INSTANCE_ID: options.id,
    LOG_LEVEL: "warn",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const child = spawnBot(env, { via: options.via ?? "npm", detached: true });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString("utf8")).slice(-STDERR_KEPT_CHARS)));
  child.stdout?.resume();
  let exited = false;
  child.once("exit", () => (exited = true));
  const pgid = child.pid!;
  const alive = () => groupAlive(pgid);

  const health = async (): Promise<Health | null> => {
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
      return (await res.json()) as Health;
    } catch {
      return null;
    }
  };
  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    killGroup(pgid, signal);
    await waitFor(() => !alive(), `${options.id} to exit after ${signal}`, { timeoutMs: STOP_GRACE_MS });
  };
  const instance: BotInstance = {
    id: options.id,
    port,
    child,
    alive,
    async post(update) {
      const res = await fetch(`${base}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
        body: JSON.stringify(update),
      });
      await res.arrayBuffer();
      return res.status;
    },
    health,
    kill,
    stderr: () => stderr,
    async stop() {
      if (alive()) await kill("SIGTERM").catch(() => kill("SIGKILL"));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`${options.id} exited before it was ready:\n${stderr}`);
        return (await health())?.ok === true;
      },
      `${options.id} to answer GET /healthz`,
      { timeoutMs: options.readyTimeoutMs ?? 90_000, intervalMs: 200 },
    );
  } catch (err) {
    await instance.stop();
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return instance;
}

/** Starts instances `ids` at the same time (they migrate the shared database under its lock), each as {@link startBotInstance}. */
export async function startBotInstances(
  api: FakeBotApi,
  ids: string[],
  options: Omit<BotInstanceOptions, "id">,
): Promise<BotInstance[]> {
  const started = await Promise.allSettled(ids.map((id) => startBotInstance(api, { ...options, id })));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  return started.map((s) => (s as PromiseFulfilledResult<BotInstance>).value);
}
