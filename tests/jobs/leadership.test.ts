import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createLeadership, isDeadLocalProcess } from "../../src/jobs/leadership.js";
import { createLeaseStore } from "../../src/storage/lease-store.js";
import { DIALECTS, useTestDatabase } from "../support/databases.js";

const logger = pino({ level: "silent" });

describe.each(DIALECTS)("jobs leadership on %s", (dialect) => {
  const db = useTestDatabase(dialect);

  // Two instances over one database, on one hand-moved clock; nothing renews unless a test ticks.
  const pair = () => {
    let t = 1_000_000;
    const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
    const make = (instanceId: string) =>
      createLeadership({ leases: createLeaseStore(db()), instanceId, logger, now: clock.now, isDeadHolder: () => false }, { leaseMs: 6000, marginMs: 1000 });
    return { clock, a: make("a"), b: make("b") };
  };

  it("lets one instance run the jobs; the other takes over once the holder stops renewing", async () => {
    const { clock, a, b } = pair();
    const changes: string[] = [];
    a.onChange((leading) => changes.push(`a:${leading}`));
    b.onChange((leading) => changes.push(`b:${leading}`));
    await a.tick();
    await b.tick();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    expect([a.holder(), b.holder()]).toEqual(["a", "a"]);
    clock.advance(2000);
    await a.tick();
    await b.tick();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    // `a` stalls: by its own clock it stops a margin before the stored lease ends, so both are never leaders.
    clock.advance(5000);
    expect(a.isLeader()).toBe(false);
    await b.tick();
    expect(b.isLeader()).toBe(false);
    clock.advance(1000);
    await b.tick();
    expect([a.isLeader(), b.isLeader()]).toEqual([false, true]);
    expect(b.holder()).toBe("b");
    // `a` comes back: it asks and is refused.
    await a.tick();
    expect([a.isLeader(), a.holder()]).toEqual([false, "b"]);
    expect(changes).toEqual(["a:true", "b:true", "a:false"]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("gives the lease back when stopped, so that the other takes it at its next ask", async () => {
    const { a, b } = pair();
    await a.tick();
    await b.tick();
    await a.stop();
    expect(a.isLeader()).toBe(false);
    await b.tick();
    expect(b.isLeader()).toBe(true);
    await b.stop();
  });

  it("counts the holder by process: a second process under the same INSTANCE_ID waits for the lease to run out", async () => {
    let t = 1_000_000;
    const now = () => t;
    const leases = createLeaseStore(db());
    const make = () => createLeadership({ leases, instanceId: "bot1", logger, now, isDeadHolder: () => false }, { leaseMs: 6000, marginMs: 1000 });
    const first = make();
    const second = make();
    await first.tick();
    await second.tick();
    expect([first.isLeader(), second.isLeader()]).toEqual([true, false]);
    expect([first.holder(), second.holder()]).toEqual(["bot1", "bot1"]);
    t += 3000;
    await first.tick();
    await second.tick();
    expect(second.isLeader()).toBe(false);
    // The first one is gone (a restart): the second takes the lease once it has run out.
    t += 6000;
    await second.tick();
    expect([first.isLeader(), second.isLeader()]).toEqual([false, true]);
    await Promise.all([first.stop(), second.stop()]);
  });

  it("takes the lease of a holder known dead without waiting for it to run out", async () => {
    const { clock } = pair();
    const leases = createLeaseStore(db());
    const now = clock.now;
    await leases.acquire("jobs", "gone", now(), 6000);
    const c = createLeadership({ leases, instanceId: "c", logger, now, isDeadHolder: (h) => h === "gone" }, { leaseMs: 6000 });
    await c.tick();
    expect(c.isLeader()).toBe(true);
    await c.stop();
  });
});

describe("isDeadLocalProcess", () => {
  it("knows only default ids of this machine whose process is gone", async () => {
    const { hostname } = await import("node:os");
    expect(isDeadLocalProcess(`${hostname()}-${process.pid}`)).toBe(false);
    expect(isDeadLocalProcess(`${hostname()}-${process.ppid}`)).toBe(false);
    // Pids are below 2^22 on Linux: this one cannot be running.
    expect(isDeadLocalProcess(`${hostname()}-99999999`)).toBe(true);
    expect(isDeadLocalProcess(`other-host-99999999`)).toBe(false);
    expect(isDeadLocalProcess("bot1")).toBe(false);
  });
});
