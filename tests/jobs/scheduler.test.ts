import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createScheduler } from "../../src/jobs/scheduler.js";

const logger = pino({ level: "silent" });

describe("scheduler", () => {
  it("skips a run while the previous one is going", async () => {
    const scheduler = createScheduler({ logger });
    let release!: () => void;
    let runs = 0;
    scheduler.add("slow", "*/10 * * * *", async () => {
      runs += 1;
      await new Promise<void>((r) => (release = r));
    });
    const first = scheduler.run("slow");
    expect(scheduler.isBusy("slow")).toBe(true);
    expect(await scheduler.run("slow")).toBe("skipped-overlap");
    release();
    expect(await first).toBe("done");
    expect(runs).toBe(1);
  });

  it("logs a failing job and keeps going", async () => {
    const scheduler = createScheduler({ logger });
    scheduler.add("bad", "0 18 * * *", async () => {
      throw new Error("boom");
    });
    expect(await scheduler.run("bad")).toBe("failed");
    expect(await scheduler.run("bad")).toBe("failed");
  });

  it("rejects an invalid expression with the job's name", () => {
    const scheduler = createScheduler({ logger });
    expect(() => scheduler.add("fetch", "every ten minutes", async () => {})).toThrow(/job "fetch".*not a valid cron/);
  });

  it("runs a six-field (seconds) expression on its timer", async () => {
    const scheduler = createScheduler({ logger }, { timeZone: "Asia/Ho_Chi_Minh" });
    let runs = 0;
    scheduler.add("tick", "* * * * * *", async () => {
      runs += 1;
    });
    scheduler.start();
    for (let i = 0; i < 40 && runs === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    expect(runs).toBeGreaterThan(0);
  });

  it("does nothing on an instance that does not hold the jobs lease", async () => {
    let leading = false;
    const scheduler = createScheduler({ logger, mayRun: () => leading });
    let runs = 0;
    scheduler.add("fetch", "*/10 * * * *", async () => void (runs += 1));
    expect(await scheduler.run("fetch")).toBe("standby");
    leading = true;
    expect(await scheduler.run("fetch")).toBe("done");
    expect(runs).toBe(1);
  });
});
