import { InputFile, type Api } from "grammy";
import { closeDuePolls, type ClosePollsDeps } from "../jobs/close-polls.js";
import type { DeliveryWorker } from "../jobs/deliver-outbox.js";
import { registerPollDelivery, type PollDeliveryDeps } from "../jobs/poll-delivery.js";
import type { QuietHours } from "../jobs/quiet-hours.js";
import type { ReportPollResultsDeps } from "../jobs/report-poll-results.js";
import type { Scheduler } from "../jobs/scheduler.js";
import { sendWeeklyReport } from "../jobs/send-weekly-report.js";
import type { Logger } from "../logger.js";
import type { Translator } from "../polls/format-results.js";
import type { Db } from "../storage/database.js";
import { createInsightStore } from "../storage/insight-store.js";
import type { OutboxStore } from "../storage/outbox-store.js";
import { createPollsStore } from "../storage/polls-store.js";
import { MENU_COMMANDS, menuFor, type MenuCommand } from "./commands.js";
import { createI18n, DEFAULT_LOCALE } from "./i18n.js";
import type { PollsFeatureDeps } from "./polls-deps.js";

/** Name of the scheduled job that closes polls past their deadline. */
export const CLOSE_POLLS_JOB = "close-due-polls";
/** Name of the scheduled weekly summary to the staff chat. */
export const WEEKLY_REPORT_JOB = "weekly-report";
/**
 * Deadlines are checked every minute. A vote after the deadline is refused by the store whatever
 * the job's timing, so the minute only delays the closing edit and the final report, never the count.
 */
export const CLOSE_POLLS_CRON = "* * * * *";

/** The staff chat's command menu. */
export const STAFF_MENU_COMMANDS: MenuCommand[] = [
  { vi: "thamdo", en: "poll", description: "command-thamdo" },
  { vi: "ketqua", en: "results", description: "command-ketqua" },
  { vi: "dong", en: "close", description: "command-dong" },
  { vi: "xuat", en: "export", description: "command-xuat" },
  { vi: "thongke", en: "stats", description: "command-thongke" },
];

/** Options of {@link createPollsSetup}. */
export interface PollsSetupOptions {
  db: Db;
  outbox: OutboxStore;
  logger: Logger;
  /** `TZ`: deadlines are read and shown in it, and the weekly report's days are its days. */
  timeZone: string;
  /** `STAFF_CHAT_ID`. */
  staffChatId: number | undefined;
  /** `QUIET_HOURS`: polls reach private chats after them. */
  quietHours: QuietHours | null;
  /** `REPORT_CRON`. */
  reportCron: string;
  /** Clock. Defaults to the system clock. */
  now?: () => Date;
}

/**
 * Wires opinion polls and staff insight: the collaborators the bot's features receive (`deps`, for
 * `BotDeps.polls`), then, once the bot exists, `attach` registers the poll kinds with the outbox
 * worker and the deadline and weekly-report jobs with the scheduler.
 *
 * @example
 * const polls = createPollsSetup({ db, outbox, logger, timeZone, staffChatId, quietHours, reportCron });
 * const bot = createBot(token, { ...deps, polls: polls.deps });
 * polls.attach({ worker, scheduler, api: bot.api });
 */
export function createPollsSetup(options: PollsSetupOptions) {
  const { db, outbox, logger, timeZone, staffChatId } = options;
  const now = options.now ?? (() => new Date());
  const polls = createPollsStore(db);
  const insight = createInsightStore(db);
  const i18n = createI18n();
  const translator: Translator = (locale) => (key, variables) => i18n.t(locale, key, variables);
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
    quietHours: options.quietHours,
    now,
    wake: () => wake(),
  };
  const report: ReportPollResultsDeps = { polls, translator, timeZone, inputFile: (data, name) => new InputFile(data, name) };
  const closing: ClosePollsDeps = { polls, delivery, report, logger, staffChatId, staffLocale: DEFAULT_LOCALE, now };
  const deps: PollsFeatureDeps = { polls, insight, timeZone, now, logger, delivery, closing, report };

  return {
    deps,
    /** Registers delivery and jobs; call once, before starting the worker and the scheduler. */
    attach(parts: { worker: DeliveryWorker; scheduler: Scheduler; api: Api }): void {
      wake = () => parts.worker.wake();
      registerPollDelivery(parts.worker, delivery);
      parts.scheduler.add(CLOSE_POLLS_JOB, CLOSE_POLLS_CRON, async () => {
        await closeDuePolls(closing, parts.api);
      });
      parts.scheduler.add(WEEKLY_REPORT_JOB, options.reportCron, async () => {
        await sendWeeklyReport({
          api: parts.api,
          insight,
          polls,
          translator,
          logger,
          staffChatId,
          staffLocale: DEFAULT_LOCALE,
          timeZone,
          now,
        });
      });
    },
    /** Adds the staff commands to the menu of the staff chat only. A failure is logged, not fatal. */
    async registerStaffCommands(api: Api): Promise<void> {
      if (staffChatId === undefined) return;
      try {
        const scope = { type: "chat" as const, chat_id: staffChatId };
        const commands = [...STAFF_MENU_COMMANDS, ...MENU_COMMANDS];
        await api.setMyCommands(menuFor("vi", commands), { scope });
        await api.setMyCommands(menuFor("en", commands), { scope, language_code: "en" });
      } catch (err) {
        logger.warn({ err }, "polls: could not register the staff command menu; commands still work");
      }
    },
  };
}

/** What {@link createPollsSetup} returns. */
export type PollsSetup = ReturnType<typeof createPollsSetup>;
