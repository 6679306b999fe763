import { pino, type Logger } from "pino";
import type { LogLevel } from "./config.js";

export type { Logger };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Minimum level written. Defaults to `info`. */
  level?: LogLevel;
  /** Secrets to blank out wherever they appear in a message (the bot token). Defaults to none. */
  secrets?: string[];
}

/**
 * Creates the one pino logger of the process, writing JSON lines to stderr (stdout belongs to
 * the console chat and `ask --json`). Known secret-bearing keys are redacted, and the bot token
 * is blanked out of messages and error texts, where URLs of failed API calls would carry it.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const scrub = (text: string) => secrets.reduce((acc, secret) => acc.split(secret).join("[redacted]"), text);
  return pino(
    {
      level: options.level ?? "info",
      redact: {
        paths: ["token", "botToken", "config.botToken", "*.token", "*.botToken", "headers.authorization"],
        censor: "[redacted]",
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
      serializers: {
        err: (err: unknown) => {
          const serialized = pino.stdSerializers.err(err as Error);
          if (secrets.length === 0) return serialized;
          return JSON.parse(scrub(JSON.stringify(serialized)));
        },
      },
    },
    pino.destination(2),
  );
}
