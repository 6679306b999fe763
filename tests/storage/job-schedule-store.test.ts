import { describe, expect, it } from "vitest";
import { createJobScheduleStore } from "../../src/storage/job-schedule-store.js";
import { DIALECTS, useTestDatabase } from "../support/databases.js";

describe.each(DIALECTS)("job schedule store on %s", (dialect) => {
  const db = useTestDatabase(dialect);

  it("keeps each job's latest next time", async () => {
    const schedule = createJobScheduleStore(db());
    expect(await schedule.all()).toEqual(new Map());
    await schedule.setNext("digest", 1_796_205_600_000, 1);
    await schedule.setNext("fetch", 1_796_170_000_000, 1);
    await schedule.setNext("digest", 1_796_292_000_000, 2);
    expect(await schedule.all()).toEqual(new Map([["digest", 1_796_292_000_000], ["fetch", 1_796_170_000_000]]));
  });
});
