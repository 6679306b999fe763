// Votes from its own process and its own connection, for the store's concurrency test.
import { openDatabase } from "../../src/storage/database.js";
import { createPollsStore } from "../../src/storage/polls-store.js";

const { target, pollId, voters, mode } = JSON.parse(process.argv[2] ?? "{}") as {
  target: string;
  pollId: number;
  voters: number[];
  mode: "toggle" | "set";
};
const database = await openDatabase(target, { poolSize: 2 });
const polls = createPollsStore(database.db);
const now = new Date("2026-11-26T08:01:00Z");
for (const userId of voters) {
  // Each voter ends on option 1 whatever the interleaving: toggles for voters of this process only,
  // replacing sets for voters that another process votes for at the same time.
  if (mode === "toggle") {
    await polls.toggleChoice(pollId, { userId }, 0, now);
    await polls.toggleChoice(pollId, { userId }, 1, now);
  } else {
    await polls.setChoices(pollId, { userId }, [0], now);
    await polls.setChoices(pollId, { userId }, [1], now);
  }
}
await database.close();
