import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { OutboxStore } from "../storage/outbox-store.js";
import type { CampaignHook, OutboxApi } from "./deliver-outbox.js";

/** Collaborators of {@link createCampaignReporter}. */
export interface CampaignReporterDeps {
  api: OutboxApi;
  outbox: OutboxStore;
  logger: Logger;
  now: Clock;
  /** The progress reporter of each campaign kind. */
  hooks: ReadonlyMap<string, CampaignHook>;
  /** Least time between two reports while campaigns run, in milliseconds. */
  intervalMs: number;
}

/** Reports the campaigns whose rows moved: counts while they run, once more when nothing is pending. */
export interface CampaignReporter {
  /** Notes that a row of this campaign moved. */
  touch(campaignId: number | null): void;
  /** Notes every campaign still open (at start, and after a crash, they are reported again once their rows move). */
  touchOpen(): Promise<void>;
  /** Reports the campaigns touched since the last report, at most every `intervalMs` unless `force`. */
  report(force: boolean): Promise<void>;
}

/** Creates the delivery worker's campaign reporter. */
export function createCampaignReporter(deps: CampaignReporterDeps): CampaignReporter {
  const { api, outbox, logger, now } = deps;
  const dirty = new Set<number>();
  let lastReportAt = 0;
  return {
    touch(campaignId) {
      if (campaignId !== null) dirty.add(campaignId);
    },
    async touchOpen() {
      for (const c of (await outbox.openCampaigns())) dirty.add(c.id);
    },
    async report(force) {
      if (!force && now() - lastReportAt < deps.intervalMs) return;
      lastReportAt = now();
      const ids = [...dirty];
      dirty.clear();
      for (const id of ids) {
        const campaign = await outbox.getCampaign(id);
        if (!campaign || campaign.finishedAt !== null) continue;
        const progress = await outbox.campaignProgress(id);
        const finished = progress.pending === 0;
        if (finished) (await outbox.finishCampaign(id, now()));
        const hook = deps.hooks.get(campaign.kind);
        if (!hook) continue;
        try {
          await hook(api, campaign, progress, finished);
        } catch (err) {
          logger.error({ err, campaignId: id }, "outbox: campaign progress report failed");
        }
      }
    },
  };
}
