import { Composer } from "grammy";
import type { PollsFeatureDeps } from "../../jobs/start-polls.js";
import { formatStaffStats } from "../../polls/format-stats.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../staff.js";

/** `/thongke` (`/stats`) in the staff chat: what citizens asked, what went unanswered, subscribers and polls. */
export function createStaffStatsFeature(deps: PollsFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command(["thongke", "stats"], staffOnly({ inStaffChat: true }), async (ctx) => {
    const stats = await deps.insight.staffStats({ now: new Date(deps.now()), timeZone: deps.timeZone });
    const text = formatStaffStats(stats, (await deps.polls.stats()), ctx.t, await ctx.i18n.getLocale(), deps.timeZone);
    await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });
  return feature;
}
