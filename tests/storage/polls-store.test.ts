import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fork } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, type DialectName, openDatabase } from "../../src/storage/database.js";
import { inProcessChatTurns } from "../../src/storage/chat-turns.js";
import { createPollsStore, type NewPoll } from "../../src/storage/polls-store.js";
import { createTestSchema, DIALECTS, useTestDatabase } from "../support/databases.js";

const T0 = new Date("2026-11-26T08:00:00Z");
/** Voters per process in the concurrency test. */
const VOTERS = 60;
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const basePoll: NewPoll = {
  question: "Bạn đi làm bằng phương tiện gì?",
  options: ["Xe máy", "Xe buýt", "Đi bộ"],
  multiple: false,
  anonymous: false,
  audience: "subscribers",
  createdBy: 1,
  closesAt: at(60),
};

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database that several connections (or processes) open: a SQLite file, or a fresh PostgreSQL schema. */
async function sharedTarget(dialect: DialectName): Promise<string> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "polls-store-"));
    dirs.push(dir);
    return join(dir, "db.sqlite");
  }
  const created = await createTestSchema();
  opened.push({ db: undefined as never, dialect, chatTurns: inProcessChatTurns, ping: async () => true, close: created.drop });
  return created.url;
}

async function openShared(target: string) {
  const database = await openDatabase(target, { poolSize: 4 });
  // Closed before the schema is dropped: afterEach closes in reverse order of opening.
  opened.unshift(database);
  return { db: database.db, polls: createPollsStore(database.db) };
}

describe.each(DIALECTS)("polls store on %s", (dialect) => {
  const db = useTestDatabase(dialect);
  const openStore = () => ({ db: db(), polls: createPollsStore(db()) });
  async function openPoll(poll: Partial<NewPoll> = {}) {
    const { polls } = openStore();
    const created = await polls.createDraft({ ...basePoll, ...poll }, T0);
    await polls.openPoll(created.id, T0);
    return { db: db(), polls, id: created.id };
  }

  it("keeps a draft out of voting until it is opened, and opens it once", async () => {
    const { polls } = openStore();
    const poll = await polls.createDraft(basePoll, T0);
    expect(poll).toMatchObject({ status: "draft", options: ["Xe máy", "Xe buýt", "Đi bộ"], anonymous: false });
    expect((await polls.toggleChoice(poll.id, { userId: 7 }, 0, at(1)))).toEqual({ status: "not-found" });
    expect((await polls.openPoll(poll.id, at(1)))).toBe(true);
    expect((await polls.openPoll(poll.id, at(2)))).toBe(false);
    expect((await polls.latestPoll())?.id).toBe(poll.id);
  });

  it("counts one vote per person across copies, changed and withdrawn", async () => {
    const { polls, id } = await openPoll();
    await polls.recordCopy(id, 100, 1, T0);
    await polls.recordCopy(id, -500, 9, T0);
    expect((await polls.toggleChoice(id, { userId: 100, name: "An" }, 0, at(1)))).toEqual({ status: "recorded", choices: [0] });
    // The same person votes again from the group copy: it replaces, not adds.
    expect((await polls.toggleChoice(id, { userId: 100, name: "An" }, 1, at(2)))).toEqual({ status: "recorded", choices: [1] });
    expect((await polls.toggleChoice(id, { userId: 200 }, 1, at(2)))).toEqual({ status: "recorded", choices: [1] });
    expect((await polls.toggleChoice(id, { userId: 300 }, 2, at(2)))).toMatchObject({ status: "recorded" });
    // Pressing one's own choice again withdraws it.
    expect((await polls.toggleChoice(id, { userId: 300 }, 2, at(3)))).toEqual({ status: "withdrawn", choices: [] });
    expect((await polls.results(id))).toMatchObject({ counts: [0, 2, 0], participants: 2 });
    expect((await polls.choicesOf(id, 100))).toEqual([1]);
  });

  it("toggles options in a multiple-choice poll", async () => {
    const { polls, id } = await openPoll({ multiple: true });
    await polls.toggleChoice(id, { userId: 1 }, 0, at(1));
    await polls.toggleChoice(id, { userId: 1 }, 2, at(1));
    await polls.toggleChoice(id, { userId: 2 }, 2, at(1));
    expect((await polls.results(id))).toMatchObject({ counts: [1, 0, 2], participants: 2 });
    await polls.toggleChoice(id, { userId: 1 }, 0, at(2));
    expect((await polls.choicesOf(id, 1))).toEqual([2]);
    expect((await polls.setChoices(id, { userId: 2 }, [], at(3)))).toEqual({ status: "withdrawn", choices: [] });
    expect((await polls.results(id))).toMatchObject({ counts: [0, 0, 1], participants: 1 });
  });

  it("refuses options that do not exist and several options in a single-choice poll", async () => {
    const { polls, id } = await openPoll();
    expect((await polls.toggleChoice(id, { userId: 1 }, 3, at(1)))).toEqual({ status: "invalid-option" });
    expect((await polls.setChoices(id, { userId: 1 }, [0, 1], at(1)))).toEqual({ status: "invalid-option" });
    expect((await polls.results(id))?.participants).toBe(0);
  });

  it("counts no vote after the deadline or after closing, and closes once", async () => {
    const { polls, id } = await openPoll();
    await polls.toggleChoice(id, { userId: 1 }, 0, at(10));
    expect((await polls.toggleChoice(id, { userId: 2 }, 0, at(60)))).toEqual({ status: "closed" });
    expect((await polls.listDuePolls(at(59)))).toEqual([]);
    expect((await polls.listDuePolls(at(60)))).toEqual([id]);
    expect((await polls.closePoll(id, at(61)))).toBe(true);
    expect((await polls.closePoll(id, at(62)))).toBe(false);
    expect((await polls.listDuePolls(at(70)))).toEqual([]);
    expect((await polls.setChoices(id, { userId: 1 }, [], at(20)))).toEqual({ status: "closed" });
    expect((await polls.results(id))).toMatchObject({ counts: [1, 0, 0], participants: 1, poll: { status: "closed" } });
  });

  it("stores no identity for anonymous polls, yet still finds each person's ballot while open", async () => {
    const { db, polls, id } = await openPoll({ anonymous: true });
    await polls.toggleChoice(id, { userId: 123456789, name: "Nguyễn Văn A" }, 0, at(1));
    await polls.toggleChoice(id, { userId: 123456789, name: "Nguyễn Văn A" }, 1, at(2));
    expect((await polls.choicesOf(id, 123456789))).toEqual([1]);
    expect((await polls.results(id))).toMatchObject({ counts: [0, 1, 0], participants: 1 });
    const ballots = await db.selectFrom("poll_ballots").selectAll().execute();
    expect(ballots).toHaveLength(1);
    expect(ballots[0]).toMatchObject({ user_id: null, voter_name: null });
    expect(JSON.stringify(ballots)).not.toContain("123456789");
    expect((await polls.namedVotes(id))).toEqual([]);
    await polls.closePoll(id, at(3));
    expect((await db.selectFrom("polls").select("salt").where("id", "=", id).executeTakeFirstOrThrow()).salt).toBeNull();
  });

  it("lists named votes with who chose what", async () => {
    const { polls, id } = await openPoll();
    await polls.toggleChoice(id, { userId: 5, name: "Lê Thị Hoa" }, 2, at(1));
    expect((await polls.namedVotes(id))).toEqual([
      { userId: 5, name: "Lê Thị Hoa", position: 2, label: "Đi bộ", votedAt: at(1) },
    ]);
  });

  it("tracks copies and which are closed", async () => {
    const { polls, id } = await openPoll();
    await polls.recordCopy(id, 100, 1, T0);
    await polls.recordCopy(id, 100, 1, T0);
    await polls.recordCopy(id, 200, 4, T0);
    await polls.markCopyClosed({ pollId: id, chatId: 100, messageId: 1 }, at(1));
    expect((await polls.listCopies(id)).map((c) => [c.chatId, c.closed])).toEqual([[100, true], [200, false]]);
    expect((await polls.listCopies(id, true)).map((c) => c.chatId)).toEqual([200]);
  });

  it("keeps the guided flow's state", async () => {
    const { polls } = openStore();
    await polls.saveDraftState({ userId: 1, chatId: -5, step: "options", data: { question: "Hỏi?" } }, T0);
    expect((await polls.getDraftState(1))).toEqual({ userId: 1, chatId: -5, step: "options", data: { question: "Hỏi?" } });
    await polls.clearDraftState(1);
    expect((await polls.getDraftState(1))).toBeUndefined();
  });

  it("reports open polls and their participants", async () => {
    const { polls, id } = await openPoll();
    await polls.toggleChoice(id, { userId: 1 }, 0, at(1));
    expect((await polls.stats())).toEqual({
      open: 1,
      closed: 0,
      openPolls: [{ id, question: basePoll.question, participants: 1, closesAt: at(60) }],
    });
  });

  // Two connections in one process: on SQLite a waiting connection would block the thread that holds
  // the other one's lock, so there the processes below stand for two instances.
  const onPostgres = dialect === "postgres" ? it : () => undefined;
  onPostgres("keeps exact totals when two connections vote at the same time", async () => {
    const target = await sharedTarget(dialect);
    const a = await openShared(target);
    const b = await openShared(target);
    const poll = await a.polls.createDraft(basePoll, T0);
    await a.polls.openPoll(poll.id, T0);
    const votes = Array.from({ length: 200 }, (_, i) => i);
    // Interleave both connections, each voter on both, as two bot processes would.
    await Promise.all(
      votes.map(async (i) => {
        await Promise.resolve();
        const store = i % 2 === 0 ? a.polls : b.polls;
        const other = i % 2 === 0 ? b.polls : a.polls;
        await store.toggleChoice(poll.id, { userId: i }, i % 3, at(1));
        await other.toggleChoice(poll.id, { userId: i }, (i + 1) % 3, at(2));
      }),
    );
    const results = await a.polls.results(poll.id);
    expect(results?.participants).toBe(200);
    const expected = [0, 0, 0];
    for (const i of votes) expected[(i + 1) % 3]! += 1;
    expect(results?.counts).toEqual(expected);
  });

  it("keeps exact totals when processes with their own connections vote at once", async () => {
    const target = await sharedTarget(dialect);
    const { polls } = await openShared(target);
    const poll = await polls.createDraft(basePoll, T0);
    await polls.openPoll(poll.id, T0);
    const workerFile = fileURLToPath(new URL("../support/vote-worker.ts", import.meta.url));
    // Four processes; processes 0 and 1 share their voters, so the same people vote from two places at once.
    const runs = [0, 1, 2, 3].map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const voters = Array.from({ length: VOTERS }, (_, i) => (w < 2 ? i : w * 1000 + i));
          const child = fork(workerFile, [JSON.stringify({ target, pollId: poll.id, voters, mode: w < 2 ? "set" : "toggle" })], {
            execArgv: ["--import", "tsx"],
            stdio: ["ignore", "ignore", "pipe", "ipc"],
          });
          let stderr = "";
          child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
          child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vote worker exited ${code}: ${stderr}`))));
          child.once("error", reject);
        }),
    );
    await Promise.all(runs);
    const results = await polls.results(poll.id);
    // Each voter ends on option 1: the shared voters + 2 × the others.
    expect(results).toMatchObject({ participants: 3 * VOTERS, counts: [0, 3 * VOTERS, 0] });
  }, 120_000);
});
