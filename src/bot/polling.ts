import { run } from "@grammyjs/runner";
import type { Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";
import { ALLOWED_UPDATES } from "./index.js";

/** Options of {@link startPolling}. */
export interface PollingOptions {
  logger: Logger;
  /** Long-polling timeout of `getUpdates`, in seconds. Defaults to 30. */
  timeoutSeconds?: number;
}

/** A running bot; `stop()` stops fetching, waits for the updates in hand and resolves. */
export interface RunningBot {
  stop(): Promise<void>;
  /** Settles when the bot has stopped: resolves after `stop()`, rejects when it could not go on (401, 409). */
  done: Promise<void>;
}

/**
 * Starts long polling through @grammyjs/runner: drops a webhook left from webhook mode, then fetches with `allowed_updates` always listed (leaving it out would keep
 * whatever an earlier run set).
 */
export async function startPolling(bot: Bot<BotContext>, options: PollingOptions): Promise<RunningBot> {
  // The runner retries a failing getUpdates quietly; say why in the log, for 409 (a second process
  // polling with the same token) is an operator's problem, not one that waiting solves.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method === "getUpdates" && !result.ok) {
      const hint = result.error_code === 409 ? "; is another process polling with this token?" : "";
      options.logger.error({ error_code: result.error_code, description: result.description }, `bot: getUpdates failed${hint}`);
    }
    return result;
  });
  await bot.init();
  await bot.api.deleteWebhook();
  // The runner's stop() ends fetching but does not wait for the updates its sink is still
  // handling, so they are tracked here: shutdown must not close the database under them.
  const inFlight = new Set<Promise<void>>();
  const adapter = {
    api: bot.api,
    init: () => bot.init(),
    errorHandler: (err: BotError<BotContext>) => bot.errorHandler(err),
    handleUpdate(update: Update): Promise<void> {
      const handling = bot.handleUpdate(update);
      inFlight.add(handling);
      const forget = () => void inFlight.delete(handling);
      handling.then(forget, forget);
      return handling;
    },
  };
  const handle = run(adapter, {
    runner: {
      fetch: { allowed_updates: ALLOWED_UPDATES, timeout: options.timeoutSeconds ?? 30 },
      silent: true,
      // Keep retrying a failing getUpdates (network loss) instead of crashing the process.
      maxRetryTime: Number.POSITIVE_INFINITY,
      retryInterval: "exponential",
    },
  });
  options.logger.info({ username: bot.botInfo.username }, "bot: polling");
  // The runner gives up on 401 (token revoked) and 409 (another poller): nothing to retry then.
  const done = handle.task() ?? Promise.resolve();
  let stopping: Promise<void> | undefined;
  return {
    done,
    stop() {
      stopping ??= (async () => {
        if (handle.isRunning()) await handle.stop();
        await Promise.allSettled([...inFlight]);
      })();
      return stopping;
    },
  };
}
