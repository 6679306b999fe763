// Votes from its own process and its own connection, for the store's concurrency test.
import { openDatabase } from "../../src/storage/database.js";
import { createPollsStore } from "../../src/storage/polls-store.js";

const { path, pollId, voters, position } = JSON.parse(process.argv[2] ?? "{}") as { path: string; pollId: number; voters: number[]; position: number };
const db = openDatabase(path);
const polls = createPollsStore(db);
const now = new Date("2026-11-26T08:01:00Z");
for (const userId of voters) {
  polls.toggleChoice(pollId, { userId }, position, now);
  polls.toggleChoice(pollId, { userId }, (position + 1) % 3, now);
}
db.close();
