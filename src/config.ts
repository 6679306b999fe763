import { availableParallelism } from "node:os";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";
import { isTimeZone } from "./time-zone.js";

/** pino's level names, plus `silent`. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** A log level accepted by `LOG_LEVEL`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const cronExpression = z
  .string()
  .trim()
  .refine((value) => [5, 6].includes(value.split(/\s+/).length), {
    message: "must be a cron expression of 5 fields (or 6 with seconds first)",
  });

const schema = z.object({
  BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+:\S+$/, { message: "must look like <digits>:<text>, as given by @BotFather" })
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.preprocess(
    emptyToUndefined,
    z.url({ message: "must be a URL such as https://api.telegram.org" }).default("https://api.telegram.org"),
  ),
  STAFF_CHAT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, { message: "must be a chat id (an integer, negative for groups)" })
      .transform(Number)
      .optional(),
  ),
  CITY_NAME: z.preprocess(emptyToUndefined, z.string().trim().default("Đông Hà")),
  CORPUS_DIR: z.preprocess(emptyToUndefined, z.string().default("corpus")),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("data")),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/i, { message: "must be a postgres:// URL (or empty for SQLite in DATA_DIR)" })
      .optional(),
  ),
  WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ message: "must be an https:// URL" }).optional()),
  WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, { message: "must be 1-256 characters of A-Z a-z 0-9 _ -" })
      .optional(),
  ),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(8080)),
  TZ: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("Asia/Ho_Chi_Minh")
      .refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Ho_Chi_Minh" }),
  ),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default("info")),
  CONTACT_LINE: z.preprocess(
    emptyToUndefined,
    z.string().trim().default("Bộ phận Tiếp nhận và Trả kết quả của UBND thành phố"),
  ),
  SOURCES_FILE: z.preprocess(emptyToUndefined, z.string().default("sources.json")),
  FETCH_CRON: z.preprocess(emptyToUndefined, cronExpression.default("*/10 * * * *")),
  DIGEST_CRON: z.preprocess(emptyToUndefined, cronExpression.default("0 18 * * *")),
  // Empty is meaningful here (quiet hours off), so it is not turned into the default.
  QUIET_HOURS: z
    .string()
    .trim()
    .default("22-6")
    .refine((value) => value === "" || /^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/.test(value), {
      message: 'must be "start-end" hours such as 22-6, or empty to turn quiet hours off',
    }),
  REPORT_CRON: z.preprocess(emptyToUndefined, cronExpression.default("0 8 * * 1")),
  INSTANCE_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, { message: "must be 1-100 characters of A-Z a-z 0-9 . _ : -" })
      .optional(),
  ),
  LEADER_LEASE_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "must be a number of seconds" })
      .int({ message: "must be a whole number of seconds" })
      .min(2, { message: "must be at least 2" })
      .max(300, { message: "must be at most 300" })
      .default(6),
  ),
  ENGINE_THREADS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "must be a whole number of threads (0 or 1: answer in the main thread)" })
      .int({ message: "must be a whole number of threads (0 or 1: answer in the main thread)" })
      .min(0, { message: "must be 0 or more" })
      .max(64, { message: "must be at most 64" })
      .default(availableParallelism()),
  ),
});

/** The validated configuration every module receives from `main.ts`. */
export interface Config {
  botToken: string | undefined;
  telegramApiRoot: string;
  staffChatId: number | undefined;
  cityName: string;
  corpusDir: string;
  dataDir: string;
  /** `DATABASE_URL`: PostgreSQL for all state; undefined means SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  port: number;
  timeZone: string;
  logLevel: LogLevel;
  contactLine: string;
  sourcesFile: string;
  fetchCron: string;
  digestCron: string;
  /** Quiet hours as [startHour, endHour), or null when turned off. */
  quietHours: [number, number] | null;
  reportCron: string;
  /** Worker threads answering questions; 0 or 1 answers in the main thread. */
  engineThreads: number;
  /** `INSTANCE_ID`: this instance's name among several over one database; undefined means `<hostname>-<pid>`. */
  instanceId: string | undefined;
  /** How long the jobs lease lasts unrenewed, in milliseconds: the longest wait before another instance takes over. */
  leaderLeaseMs: number;
}

/** Raised when the environment is invalid; `problems` lists every one of them. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`config: ${problems.length} problem(s) in the environment (.env):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * Validates an environment into a {@link Config}, listing every problem at once.
 *
 * @example
 * const config = parseConfig({ BOT_TOKEN: "123456:TEST" });
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
    );
  }
  const e = result.data;
  if (e.WEBHOOK_URL && !e.BOT_TOKEN) {
    throw new ConfigError(["WEBHOOK_URL: webhook mode needs BOT_TOKEN as well"]);
  }
  const quiet = e.QUIET_HOURS === "" ? null : (e.QUIET_HOURS.split("-").map(Number) as [number, number]);
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    staffChatId: e.STAFF_CHAT_ID,
    cityName: e.CITY_NAME,
    corpusDir: e.CORPUS_DIR,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    port: e.PORT,
    timeZone: e.TZ,
    logLevel: e.LOG_LEVEL,
    contactLine: e.CONTACT_LINE,
    sourcesFile: e.SOURCES_FILE,
    fetchCron: e.FETCH_CRON,
    digestCron: e.DIGEST_CRON,
    quietHours: quiet,
    reportCron: e.REPORT_CRON,
    engineThreads: e.ENGINE_THREADS,
    instanceId: e.INSTANCE_ID,
    leaderLeaseMs: e.LEADER_LEASE_SECONDS * 1000,
  };
}

/** Reads `.env` (if any) into `process.env` and validates it. The only reader of `process.env`. */
export function loadConfig(path = ".env"): Config {
  loadDotenv({ path, quiet: true });
  return parseConfig(process.env);
}
