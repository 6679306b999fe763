import type { Api, InputFile } from "grammy";
import { type Clock, systemClock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Db } from "../storage/database.js";
import { createInsightStore, type InsightStore } from "../storage/insight-store.js";
import type { OutboxStore } from "../storage/outbox-store.js";
import { createPollsStore, type PollsStore } from "../storage/polls-store.js";
import { DEFAULT_LOCALE, type Translator } from "../translate.js";
import { closeDuePolls, type ClosePollsDeps } from "./close-polls.js";
import type { DeliveryWorker } from "./deliver-outbox.js";
import { registerPollDelivery, type PollDeliveryDeps } from "./poll-delivery.js";
import type { QuietHours } from "./quiet-hours.js";
import type { ReportPollResultsDeps } from "./report-poll-results.js";
import type { Scheduler } from "./scheduler.js";
import { sendWeeklyReport } from "./send-weekly-report.js";

/** Name of the scheduled job that closes polls past their deadline. */
export const CLOSE_POLLS_JOB = "close-due-polls";
/** Name of the scheduled weekly summary to the staff chat. */
export const WEEKLY_REPORT_JOB = "weekly-report";
/**
 * Deadlines are checked every minute. A vote after the deadline is refused by the store whatever
 * the job's timing, so the minute only delays the closing edit and the final report, never the count.
 */
export const CLOSE_POLLS_CRON = "* * * * *";

/** Collaborators of the poll and staff-insight features of the bot. */
export interface PollsFeatureDeps {
  polls: PollsStore;
  insight: InsightStore;
  timeZone: string;
  now: Clock;
  logger: Logger;
  delivery: PollDeliveryDeps;
  closing: ClosePollsDeps;
  report: ReportPollResultsDeps;
}

/** Collaborators of {@link createPollsRuntime}. */
export interface PollsRuntimeDeps {
  db: Db;
  outbox: OutboxStore;
  logger: Logger;
  translator: Translator;
  /** Wraps bytes for upload (grammY's `InputFile`), given by the bot layer so jobs need no grammY value. */
  inputFile: (data: Uint8Array, filename: string) => InputFile;
  /** `TZ`: deadlines are read and shown in it, and the weekly report's days are its days. */
  timeZone: string;
  /** `STAFF_CHAT_ID`; without it staff commands answer that they are not set up, and no report is sent. */
  staffChatId: number | undefined;
  /** `QUIET_HOURS`: polls reach private chats after them. */
  quietHours: QuietHours | null;
  /** `REPORT_CRON`. */
  reportCron: string;
  /** Defaults to the system clock. */
  now?: Clock;
}

/** Opinion polls and staff insight, wired: what the bot's features receive, and the jobs to attach. */
export interface PollsRuntime {
  /** For `createBot`'s polls features. */
  deps: PollsFeatureDeps;
  /** Registers the poll kinds with the delivery worker and the deadline and weekly-report jobs; call once, before starting them. */
  attach(parts: { worker: DeliveryWorker; scheduler: Scheduler; api: Api }): void;
}

/**
 * Wires opinion polls and staff insight over the database and the push outbox: the stores, the
 * delivery and closing collaborators, and (in `attach`) the outbox kinds and scheduled jobs.
 *
 * @example
 * const polls = createPollsRuntime({ db, outbox, logger, translator, inputFile, timeZone, staffChatId, quietHours, reportCron });
 * const bot = createBot(token, { ...deps, polls: polls.deps });
 * polls.attach({ worker, scheduler, api: bot.api });
 */
export function createPollsRuntime(deps: PollsRuntimeDeps): PollsRuntime {
  const { db, outbox, logger, timeZone, staffChatId, translator } = deps;
  const now = deps.now ?? systemClock;
  const polls = createPollsStore(db);
  const insight = createInsightStore(db);
  let wake = () => {};
  const delivery: PollDeliveryDeps = {
    polls,
    outbox,
    recipients: { listPollRecipients: (audience) => insight.pollAudience(audience) },
    translator,
    logger,
    timeZone,
    staffChatId,
    staffLocale: DEFAULT_LOCALE,
    quietHours: deps.quietHours,
    now,
    wake: () => wake(),
  };
  const report: ReportPollResultsDeps = { polls, translator, timeZone, inputFile: deps.inputFile };
  const closing: ClosePollsDeps = { polls, delivery, report, logger, staffChatId, staffLocale: DEFAULT_LOCALE, now };
  return {
    deps: { polls, insight, timeZone, now, logger, delivery, closing, report },
    attach(parts) {
      wake = () => parts.worker.wake();
      registerPollDelivery(parts.worker, delivery);
      parts.scheduler.add(CLOSE_POLLS_JOB, CLOSE_POLLS_CRON, async () => {
        await closeDuePolls(closing, parts.api);
      });
      parts.scheduler.add(WEEKLY_REPORT_JOB, deps.reportCron, async () => {
        await sendWeeklyReport({ api: parts.api, insight, polls, translator, logger, staffChatId, staffLocale: DEFAULT_LOCALE, timeZone, now });
      });
    },
  };
}
