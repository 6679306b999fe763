import { createServer, type Server } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";
import { ALLOWED_UPDATES } from "./index.js";
import type { RunningBot } from "./polling.js";

/** What `GET /healthz` answers: `ok: false` answers 503. */
export type HealthReport = { ok: boolean } & Record<string, unknown>;

/** Options of {@link startWebhook}. */
export interface WebhookOptions {
  logger: Logger;
  /** Public HTTPS URL Telegram posts to (`WEBHOOK_URL`); its path is the one served. */
  url: string;
  /** Checked against `X-Telegram-Bot-Api-Secret-Token` (`WEBHOOK_SECRET`). Defaults to none. */
  secretToken?: string | undefined;
  /** Port of the HTTP server (`PORT`). */
  port: number;
  /** Host to listen on. Defaults to all interfaces. */
  host?: string;
  /** State reported by `GET /healthz` (database, index); `ok: false` answers 503. */
  health: () => HealthReport | Promise<HealthReport>;
}

/**
 * Serves the webhook on a plain node HTTP server (TLS ends at the reverse proxy) with `GET /healthz`,
 * then tells Telegram where to post, with `allowed_updates` and the secret token.
 */
export async function startWebhook(bot: Bot<BotContext>, options: WebhookOptions): Promise<RunningBot & { server: Server }> {
  await bot.init();
  const path = new URL(options.url).pathname || "/";
  const handle = webhookCallback(bot, "http", {
    ...(options.secretToken ? { secretToken: options.secretToken } : {}),
    onTimeout: "return",
  });
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      Promise.resolve()
        .then(() => options.health())
        .then(
          (health) => res.writeHead(health.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(health)),
          (err: unknown) => {
            options.logger.error({ err }, "bot: health check failed");
            res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ ok: false }));
          },
        );
    } else if (req.method === "POST" && req.url?.split("?")[0] === path) {
      handle(req, res).catch((err: unknown) => {
        options.logger.error({ err }, "bot: webhook request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  await bot.api.setWebhook(options.url, {
    allowed_updates: ALLOWED_UPDATES,
    ...(options.secretToken ? { secret_token: options.secretToken } : {}),
  });
  options.logger.info({ port: options.port, path }, "bot: webhook listening");
  let stopping: Promise<void> | undefined;
  const done = new Promise<void>((resolve) => server.once("close", () => resolve()));
  return {
    server,
    done,
    stop() {
      // close() waits for requests in flight; idle keep-alive sockets are closed at once.
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return stopping;
    },
  };
}
