import { Composer } from "grammy";
import { formatStaffStats } from "../../polls/format-stats.js";
import type { BotContext } from "../context.js";
import { staffDeps } from "../polls-deps.js";

/** `/thongke` (`/stats`) in the staff chat: what citizens asked, what went unanswered, subscribers and polls. */
export const staffStatsFeature = new Composer<BotContext>();

staffStatsFeature.command(["thongke", "stats"], async (ctx) => {
  const deps = await staffDeps(ctx);
  if (!deps) return;
  const stats = await deps.insight.staffStats({ now: deps.now(), timeZone: deps.timeZone });
  const text = formatStaffStats(stats, await deps.polls.stats(), ctx.t, await ctx.i18n.getLocale(), deps.timeZone);
  await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
});
