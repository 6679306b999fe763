import type { Api } from "grammy";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Translator } from "../translate.js";
import { formatStaffStats } from "../polls/format-stats.js";
import type { InsightStore } from "../storage/insight-store.js";
import type { PollsStore } from "../storage/polls-store.js";

/** Collaborators of {@link sendWeeklyReport}. */
export interface WeeklyReportDeps {
  api: Pick<Api, "sendMessage">;
  insight: InsightStore;
  polls: PollsStore;
  translator: Translator;
  logger: Logger;
  /** Where the report goes; undefined sends nothing. */
  staffChatId: number | undefined;
  staffLocale: string;
  timeZone: string;
  now: Clock;
}

/** The weekly summary for the staff chat (on `REPORT_CRON`): the `/thongke` figures of the last 7 days. */
export async function sendWeeklyReport(deps: WeeklyReportDeps): Promise<boolean> {
  if (deps.staffChatId === undefined) return false;
  const stats = await deps.insight.staffStats({ now: new Date(deps.now()), timeZone: deps.timeZone, days: 7 });
  const text = formatStaffStats(
    stats,
    (await deps.polls.stats()),
    deps.translator(deps.staffLocale),
    deps.staffLocale,
    deps.timeZone,
    "stats-weekly-title",
  );
  await deps.api.sendMessage(deps.staffChatId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  deps.logger.info({ questions: stats.questions.total }, "report: weekly summary sent to the staff chat");
  return true;
}
