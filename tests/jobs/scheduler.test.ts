import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createScheduler } from "../../src/jobs/scheduler.js";
import { openDatabase } from "../../src/storage/database.js";
import { createJobScheduleStore } from "../../src/storage/job-schedule-store.js";

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

  it("runs late, on the instance taking over, a job whose tick fell while no instance ran the jobs", async () => {
    const { db } = await openDatabase(":memory:");
    const schedule = createJobScheduleStore(db);
    const runs: string[] = [];
    const make = (name: string, mayRun: () => boolean) => {
      const scheduler = createScheduler({ logger, schedule, mayRun });
      scheduler.add("digest", "0 18 * * *", async () => void runs.push(name));
      scheduler.add("fetch", "*/10 * * * *", async () => {});
      scheduler.start();
      return scheduler;
    };
    let holder = "a";
    const a = make("a", () => holder === "a");
    const b = make("b", () => holder === "b");
    try {
      // The holder runs the digest and records its next time; nothing is overdue for the next holder.
      expect(await a.run("digest")).toBe("done");
      const next = (await schedule.all()).get("digest")!;
      expect(next).toBeGreaterThan(Date.now());
      expect(await b.runOverdue()).toEqual([]);
      holder = "b";
      expect(await b.runOverdue()).toEqual([]);
      expect((await schedule.all()).get("fetch")).toBeGreaterThan(Date.now());
      // The holder died a moment before 18:00: the time it recorded has passed when the next one takes over.
      await schedule.setNext("digest", Date.now() - 5000, Date.now());
      expect(await a.runOverdue()).toEqual([]);
      expect(await b.runOverdue()).toEqual(["digest"]);
      expect(runs).toEqual(["a", "b"]);
      expect((await schedule.all()).get("digest")).toBe(next);
      expect(await b.runOverdue()).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
