import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createButtonPressStore } from "../../src/storage/button-presses-store.js";
import { type Database, openDatabase } from "../../src/storage/database.js";
import { createRateWindowStore } from "../../src/storage/rate-windows-store.js";
import { chatTurnLocks, createTestSchema, DIALECTS, testDatabaseUrl, useTestDatabase } from "../support/databases.js";

const WINDOW_MS = 10_000;

describe.each(DIALECTS)("rate windows on %s", (dialect) => {
  const db = useTestDatabase(dialect);

  it("counts a user's messages in a fixed window and starts a new one after it", async () => {
    const windows = createRateWindowStore(db());
    expect(await windows.count(7, 1_000, WINDOW_MS)).toEqual({ start: 1_000, messages: 1 });
    expect(await windows.count(7, 5_000, WINDOW_MS)).toEqual({ start: 1_000, messages: 2 });
    expect(await windows.count(8, 5_000, WINDOW_MS)).toEqual({ start: 5_000, messages: 1 });
    expect(await windows.count(7, 10_999, WINDOW_MS)).toEqual({ start: 1_000, messages: 3 });
    expect(await windows.count(7, 11_000, WINDOW_MS)).toEqual({ start: 11_000, messages: 1 });
  });

  it("loses no message counted at once through several connections", async () => {
    const windows = createRateWindowStore(db());
    const counts = await Promise.all(Array.from({ length: 20 }, () => windows.count(7, 1_000, WINDOW_MS)));
    expect(counts.map((c) => c.messages).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("gives the window's notice to one caller, and again in the next window", async () => {
    const windows = createRateWindowStore(db());
    const { start } = await windows.count(7, 1_000, WINDOW_MS);
    const claims = await Promise.all([windows.claimNotice(7, start), windows.claimNotice(7, start), windows.claimNotice(7, start)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const next = await windows.count(7, 11_000, WINDOW_MS);
    expect(await windows.claimNotice(7, start)).toBe(false);
    expect(await windows.claimNotice(7, next.start)).toBe(true);
  });

  it("deletes ended windows only", async () => {
    const windows = createRateWindowStore(db());
    await windows.count(1, 1_000, WINDOW_MS);
    await windows.count(2, 5_000, WINDOW_MS);
    expect(await windows.deleteEnded(11_000, WINDOW_MS)).toBe(1);
    expect((await db().selectFrom("rate_windows").select("user_id").execute()).map((r) => r.user_id)).toEqual([2]);
    expect(await windows.count(2, 6_000, WINDOW_MS)).toEqual({ start: 5_000, messages: 2 });
  });
});

describe.each(DIALECTS)("button presses on %s", (dialect) => {
  const db = useTestDatabase(dialect);

  it("tells a repeat within the window from a new press", async () => {
    const presses = createButtonPressStore(db());
    expect(await presses.press("1|m|r:1:0", 1_000, 5_000)).toBe(false);
    expect(await presses.press("1|m|r:1:0", 4_000, 5_000)).toBe(true);
    expect(await presses.press("2|m|r:1:0", 4_000, 5_000)).toBe(false);
    // A repeat restarts the window, as a client resending keeps being one press.
    expect(await presses.press("1|m|r:1:0", 8_999, 5_000)).toBe(true);
    expect(await presses.press("1|m|r:1:0", 13_999, 5_000)).toBe(false);
  });

  it("makes exactly one of two presses at once the repeat", async () => {
    const presses = createButtonPressStore(db());
    const results = await Promise.all([presses.press("1|m|x", 1_000, 5_000), presses.press("1|m|x", 1_000, 5_000)]);
    expect(results.sort()).toEqual([false, true]);
  });

  it("deletes old presses only", async () => {
    const presses = createButtonPressStore(db());
    await presses.press("old", 1_000, 5_000);
    await presses.press("new", 4_000, 5_000);
    expect(await presses.deleteEnded(6_000, 5_000)).toBe(1);
    expect((await db().selectFrom("button_presses").select("press_key").execute()).map((r) => r.press_key)).toEqual(["new"]);
  });
});

describe("chat turns on sqlite", () => {
  it("runs the handler and gives back its result (one process: sequentialize orders)", async () => {
    const database = await openDatabase(":memory:");
    expect(await database.chatTurns.withChatTurn(1, async () => 42)).toBe(42);
    await database.close();
  });
});

describe("chat turns on postgres", () => {
  const opened: Array<() => Promise<void>> = [];
  const gates: Array<() => void> = [];
  afterEach(async () => {
    // A failed test may leave a turn waiting on its gate, which would keep its pool from closing.
    for (const open of gates.splice(0)) open();
    for (const close of opened.splice(0).reverse()) await close();
  });

  /** Two instances over one fresh schema, and a connection that watches the server's locks. */
  async function twoInstances(): Promise<{ a: Database; b: Database; admin: pg.Client; open: () => Promise<Database> }> {
    const schema = await createTestSchema();
    opened.push(schema.drop);
    const open = async () => {
      const database = await openDatabase(schema.url, { poolSize: 2, chatTurnPoolSize: 2 });
      opened.push(() => database.close());
      return database;
    };
    const a = await open();
    const b = await open();
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    opened.push(() => admin.end());
    return { a, b, admin, open };
  }

  // Chat ids drawn at random: advisory locks are per database, not per schema, and other runs may share it.
  const someChat = () => randomInt(1_000_000, 2_000_000_000);

  async function until(check: () => Promise<boolean>): Promise<void> {
    while (!(await check())) await sleep(10);
  }

  function gate(): { promise: Promise<void>; open: () => void } {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    gates.push(open);
    return { promise, open };
  }

  it("lets a second instance handle a chat only after the first one finished with it", async () => {
    const { a, b, admin } = await twoInstances();
    const chatId = someChat();
    const events: string[] = [];
    const release = gate();
    const first = a.chatTurns.withChatTurn(chatId, async () => {
      events.push("a start");
      await release.promise;
      events.push("a end");
    });
    await until(async () => events.includes("a start"));
    const second = b.chatTurns.withChatTurn(chatId, async () => {
      events.push("b start");
      events.push("b end");
    });
    await until(async () => events.includes("b start") || (await chatTurnLocks(admin, chatId)).waiting === 1);
    expect(events).toEqual(["a start"]);
    release.open();
    await Promise.all([first, second]);
    expect(events).toEqual(["a start", "a end", "b start", "b end"]);
    expect(await chatTurnLocks(admin, chatId)).toEqual({ granted: 0, waiting: 0 });
  });

  it("lets the waiting instances in in the order they asked", async () => {
    const { a, b, admin, open } = await twoInstances();
    const c = await open();
    const chatId = someChat();
    const events: string[] = [];
    const release = gate();
    const first = a.chatTurns.withChatTurn(chatId, async () => {
      events.push("a");
      await release.promise;
    });
    await until(async () => events.includes("a"));
    const second = b.chatTurns.withChatTurn(chatId, async () => void events.push("b"));
    await until(async () => (await chatTurnLocks(admin, chatId)).waiting === 1);
    const third = c.chatTurns.withChatTurn(chatId, async () => void events.push("c"));
    await until(async () => (await chatTurnLocks(admin, chatId)).waiting === 2);
    release.open();
    await Promise.all([first, second, third]);
    expect(events).toEqual(["a", "b", "c"]);
  });

  it("lets other chats through while one is held", async () => {
    const { a, b } = await twoInstances();
    const chatId = someChat();
    const release = gate();
    let started = false;
    const held = a.chatTurns.withChatTurn(chatId, async () => {
      started = true;
      await release.promise;
    });
    await until(async () => started);
    expect(await b.chatTurns.withChatTurn(chatId + 1, async () => "other chat")).toBe("other chat");
    release.open();
    await held;
  });

  it("frees the chat when the holder's connection dies, and the holder's handler still finishes", async () => {
    const { a, b, admin } = await twoInstances();
    const chatId = someChat();
    const release = gate();
    let started = false;
    const held = a.chatTurns.withChatTurn(chatId, async () => {
      started = true;
      await release.promise;
      return "finished";
    });
    await until(async () => started);
    const { holder } = await chatTurnLocks(admin, chatId);
    expect(holder).toBeDefined();
    await admin.query("SELECT pg_terminate_backend($1)", [holder]);
    expect(await b.chatTurns.withChatTurn(chatId, async () => "taken over")).toBe("taken over");
    release.open();
    expect(await held).toBe("finished");
    // The pool replaced the dead connection: the first instance takes turns again.
    expect(await a.chatTurns.withChatTurn(chatId, async () => "again")).toBe("again");
  });

  it("passes the handler's error on and frees the chat", async () => {
    const { a, b } = await twoInstances();
    const chatId = someChat();
    await expect(a.chatTurns.withChatTurn(chatId, async () => Promise.reject(new Error("handler failed")))).rejects.toThrow("handler failed");
    expect(await b.chatTurns.withChatTurn(chatId, async () => "next")).toBe("next");
  });
});
