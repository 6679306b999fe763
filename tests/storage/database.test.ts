import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createRateWindowStore } from "../../src/storage/rate-windows-store.js";
import { DIALECTS, openTestDatabase } from "../support/databases.js";

describe.each(DIALECTS)("database on %s", (dialect) => {
  it("writes the guards' counters through commits that need not wait for the disk, seen at once by every store", async () => {
    const database = await openTestDatabase(dialect);
    try {
      if (dialect === "postgres") {
        const setting = async (db: typeof database.db) =>
          (await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(db)).rows[0]?.synchronous_commit;
        expect(await setting(database.relaxedDb)).toBe("off");
        expect(await setting(database.db)).toBe("on");
      } else {
        expect(database.relaxedDb).toBe(database.db);
      }
      const relaxed = createRateWindowStore(database.relaxedDb);
      const strict = createRateWindowStore(database.db);
      const first = await relaxed.count(4242, 1000, 10_000);
      const second = await strict.count(4242, 1001, 10_000);
      expect(second.messages).toBe(first.messages + 1);
    } finally {
      await database.close();
    }
  });
});
