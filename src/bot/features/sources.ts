import { Composer } from "grammy";
import type { BotContext, PushBotDeps } from "../context.js";
import { escapeHtml } from "../../html.js";
import { truncate } from "../../text-limits.js";
import { formatInstant } from "../../time-zone.js";
import { staffOnly } from "../staff.js";

/** `/nguon` (`/sources`) for staff: each source's last success, last error and items. */
export function createSourcesFeature(push: PushBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command(["nguon", "sources"], staffOnly(), async (ctx) => {
    const when = (ms: number | null) => (ms === null ? ctx.t("sources-never") : formatInstant(ms, push.timeZone));
    const states = new Map((await push.stores.sourceStates.all()).map((s) => [s.name, s]));
    const counts = await push.stores.items.countBySource();
    const names = [...push.sources.map((s) => ({ name: s.name, type: s.type })), ...(states.has("corpus") ? [{ name: "corpus", type: "corpus" }] : [])];
    if (names.length === 0) return void (await ctx.reply(ctx.t("sources-none")));
    const now = ctx.now();
    const blocks = names.map(({ name, type }) => {
      const s = states.get(name);
      const lines = [
        ctx.t("sources-line", { name: escapeHtml(name), type, items: counts.get(name) ?? 0, success: when(s?.lastSuccessAt ?? null) }),
      ];
      if (s && s.failures > 0) {
        lines.push(ctx.t("sources-error", { failures: s.failures, when: when(s.lastErrorAt), error: escapeHtml(truncate(s.lastError ?? "", 300)) }));
        if (s.nextAttemptAt > now) lines.push(ctx.t("sources-backoff", { until: when(s.nextAttemptAt) }));
      }
      return lines.join("\n");
    });
    await ctx.reply([ctx.t("sources-title"), ...blocks].join("\n\n"), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });
  return feature;
}
