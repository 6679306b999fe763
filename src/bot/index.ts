import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, BotError, type Composer, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { systemClock } from "../clock.js";
import type { BotContext, BotDeps } from "./context.js";
import { createAnnounceFeature } from "./features/announce.js";
import { createAskFeature } from "./features/ask.js";
import { createBrowseFeature } from "./features/browse.js";
import { createHelpFeature } from "./features/help.js";
import { createInlineFeature } from "./features/inline.js";
import { createLanguageFeature } from "./features/language.js";
import { createMembershipFeature } from "./features/membership.js";
import { createPollCreateFeature } from "./features/poll-create.js";
import { createPollResultsFeature } from "./features/poll-results.js";
import { createPollVoteFeature } from "./features/poll-vote.js";
import { createOriginalFileFeature } from "./features/original-file.js";
import { createReadFeature } from "./features/read.js";
import { createSourcesFeature } from "./features/sources.js";
import { createStaffStatsFeature } from "./features/staff-stats.js";
import { createStartFeature } from "./features/start.js";
import { createSubscribeFeature } from "./features/subscribe.js";
import { createUnhandledFeature } from "./features/unhandled.js";
import { createTranslations, type Translations } from "./i18n.js";
import { chatTurn } from "./middlewares/chat-turn.js";
import { dedupePresses, type DedupePressesOptions } from "./middlewares/dedupe-presses.js";
import { rateLimit, type RateLimitOptions } from "./middlewares/rate-limit.js";
import { trackUser } from "./middlewares/track-user.js";
import { markUnreachable } from "./transformers.js";

export type { BotContext, BotDeps } from "./context.js";
export { toInputFile } from "./input-file.js";

/**
 * The features, in order, each created from what it needs and installed only when that exists
 * (polls and staff insight with `deps.polls`, subscriptions, announcements and sources with
 * `deps.push`): no handler checks again whether its part was wired. Commands come first;
 * `createAskFeature` answers any other private text, so a feature that reads plain text (a reply
 * to its own prompt) goes before it. The fallback stays last.
 */
export function createFeatures(deps: BotDeps): Composer<BotContext>[] {
  const { polls, push } = deps;
  return [
    // Before membership: a block must end the subscription as well as mark the user.
    ...(push ? [createSubscribeFeature(push)] : []),
    createMembershipFeature(),
    createStartFeature(),
    createHelpFeature(),
    createLanguageFeature(),
    ...(polls ? [createPollCreateFeature(polls), createPollResultsFeature(polls), createPollVoteFeature(polls), createStaffStatsFeature(polls)] : []),
    createBrowseFeature(),
    createReadFeature(),
    ...(deps.documents ? [createOriginalFileFeature(deps.documents)] : []),
    createInlineFeature(),
    ...(push ? [createAnnounceFeature(push), createSourcesFeature(push)] : []),
    createAskFeature(),
    createUnhandledFeature(),
  ];
}

/** Update types the bot asks Telegram for (long polling and webhook alike). */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "callback_query",
  "inline_query",
  "my_chat_member",
] as const;

/** Options of {@link createBot}. */
export interface CreateBotOptions {
  /** Bot API server root (`TELEGRAM_API_ROOT`). Defaults to Telegram's. */
  apiRoot?: string;
  /** The bot's own user, to skip `getMe` (tests, console mode). Defaults to asking Telegram at start. */
  botInfo?: UserFromGetMe;
  /** Retries of a call Telegram answered 429 (or a network failure). Defaults to 3. */
  maxRetryAttempts?: number;
  /** Longest `retry_after` waited out, in seconds; a longer one fails the call. Defaults to 60. */
  maxDelaySeconds?: number;
  /** Per-user message limit. Defaults to {@link rateLimit}'s. */
  rateLimit?: RateLimitOptions;
  /** Double-tap guard. Defaults to {@link dedupePresses}'s. */
  dedupePresses?: DedupePressesOptions;
  /** The process's one translation instance (`main.ts` makes it). Defaults to one over `deps.cityName`. */
  translations?: Translations;
}



/**
 * Creates the bot: API transformers (bounded auto-retry, 403 → user inactive), per-update logger
 * and dependencies, i18n, then the features behind an error boundary. Nothing is started: run it
 * with `startPolling`, `startWebhook` or `runConsole`.
 *
 * @example
 * const bot = createBot(config.botToken, { engine, users, questions, guards: createBotGuards(database), logger, cityName, contactLine });
 * const polling = await startPolling(bot, { logger });
 */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const now = deps.now ?? systemClock;
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  // The defaults of auto-retry are unbounded; a message that waited a minute is no longer worth sending.
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: options.maxRetryAttempts ?? 3, maxDelaySeconds: options.maxDelaySeconds ?? 60 }),
  );
  // Installed after auto-retry, so it runs first and sees the final outcome of each call.
  bot.api.config.use(markUnreachable(deps.users, deps.logger));

  bot.use((ctx, next) => {
    ctx.deps = deps;
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id });
    ctx.now = now;
    return next();
  });
  // One chat's updates are handled in order even under the runner's concurrency, and one at a
  // time across the instances sharing the database.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(chatTurn(deps.guards.chatTurns));
  bot.use((options.translations ?? createTranslations(deps.cityName)).plugin);
  bot.use(trackUser());
  bot.use(rateLimit(deps.guards.rateWindows, { now, ...options.rateLimit }));
  bot.use(dedupePresses(deps.guards.presses, { now, ...options.dedupePresses }));

  const features = bot.errorBoundary(apologise);
  for (const feature of createFeatures(deps)) features.use(feature);

  bot.catch((err) => {
    deps.logger.error({ err: err.error, update_id: err.ctx.update.update_id }, "bot: error outside the error boundary");
  });
  return bot;
}

// Logs the failure with its update id and tells the user briefly; never throws, so the bot keeps running.
async function apologise(err: BotError<BotContext>): Promise<void> {
  const { ctx, error } = err;
  const log = ctx.logger ?? ctx.deps.logger;
  const kind = error instanceof GrammyError ? "Telegram refused a call" : error instanceof HttpError ? "network" : "handler";
  log.error({ err: error, update_id: ctx.update.update_id }, `bot: update failed (${kind})`);
  // Telegram refuses to let the bot write to this user at all: an apology would fail the same way.
  if (error instanceof GrammyError && error.error_code === 403) return;
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("error-apology") });
    else if (ctx.chat && (ctx.chat.type === "private" || ctx.msg)) await ctx.reply(ctx.t("error-apology"));
  } catch (replyErr) {
    log.warn({ err: replyErr }, "bot: could not send the apology");
  }
}
