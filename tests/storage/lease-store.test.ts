import { describe, expect, it } from "vitest";
import { createLeaseStore } from "../../src/storage/lease-store.js";
import { DIALECTS, useTestDatabase } from "../support/databases.js";

describe.each(DIALECTS)("lease store on %s", (dialect) => {
  const db = useTestDatabase(dialect);

  it("gives the lease to one holder until it runs out, renewing keeps when it was taken", async () => {
    const leases = createLeaseStore(db());
    expect(await leases.acquire("jobs", "a", 1000, 6000)).toBe(true);
    expect(await leases.acquire("jobs", "b", 2000, 6000)).toBe(false);
    expect(await leases.acquire("jobs", "a", 3000, 6000)).toBe(true);
    expect(await leases.get("jobs")).toEqual({ name: "jobs", holder: "a", expiresAt: 9000, acquiredAt: 1000 });
    // Still held at 8999 (renewed at 3000), free from 9000.
    expect(await leases.acquire("jobs", "b", 8999, 6000)).toBe(false);
    expect(await leases.acquire("jobs", "b", 9000, 6000)).toBe(true);
    expect(await leases.get("jobs")).toMatchObject({ holder: "b", expiresAt: 15000, acquiredAt: 9000 });
    expect(await leases.acquire("jobs", "a", 10000, 6000)).toBe(false);
  });

  it("is taken from a holder known to be dead, and free at once when given back", async () => {
    const leases = createLeaseStore(db());
    await leases.acquire("jobs", "a", 0, 6000);
    expect(await leases.acquire("jobs", "b", 1000, 6000, "c")).toBe(false);
    expect(await leases.acquire("jobs", "b", 1000, 6000, "a")).toBe(true);
    await leases.release("jobs", "a");
    expect((await leases.get("jobs"))?.holder).toBe("b");
    await leases.release("jobs", "b");
    expect(await leases.get("jobs")).toBeUndefined();
    expect(await leases.acquire("jobs", "a", 1001, 6000)).toBe(true);
  });

  it("keeps leases of different names apart", async () => {
    const leases = createLeaseStore(db());
    expect(await leases.acquire("jobs", "a", 0, 6000)).toBe(true);
    expect(await leases.acquire("other", "b", 0, 6000)).toBe(true);
  });

  it("lets exactly one of many holders asking at once take a free lease", async () => {
    const leases = createLeaseStore(db());
    const holders = Array.from({ length: 8 }, (_, i) => `h${i}`);
    const got = await Promise.all(holders.map((h) => leases.acquire("jobs", h, 5000, 6000)));
    expect(got.filter(Boolean)).toHaveLength(1);
    expect((await leases.get("jobs"))?.holder).toBe(holders[got.indexOf(true)]);
  });
});
