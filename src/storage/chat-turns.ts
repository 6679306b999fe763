import pg from "pg";

/** Takes turns per chat across every instance over one database, so one chat's updates are handled one at a time. */
export interface ChatTurns {
  /** Runs `fn` once no other instance is handling an update of `chatId`, and holds the chat until it settles. */
  withChatTurn<T>(chatId: number, fn: () => Promise<T>): Promise<T>;
  /** Closes the connections the turns use. Idempotent. */
  close(): Promise<void>;
}

/** First key of the two-key advisory locks of chat turns, so they never meet another lock of the bot. */
export const CHAT_TURN_LOCK_CLASS = 7_210_002;

/**
 * PostgreSQL connections kept for chat turns, per instance. Each is held for the whole handling of
 * an update, so this bounds the chats one instance handles at once; the others wait for a connection.
 */
export const CHAT_TURN_POOL_SIZE = 10;

/** Options of {@link createPostgresChatTurns}. */
export interface ChatTurnsOptions {
  /** Connections kept for turns. Defaults to {@link CHAT_TURN_POOL_SIZE}. */
  poolSize?: number;
}

/** The second lock key of a chat: its id folded into 32 bits. Two chats that fold alike merely wait for each other. */
export function chatLockKey(chatId: number): number {
  const id = BigInt(chatId);
  return Number(BigInt.asIntN(32, id ^ (id >> 32n)));
}

/** Chat turns of one process over SQLite: the runner's `sequentialize` already orders a chat's updates. */
export const inProcessChatTurns: ChatTurns = {
  withChatTurn: (_chatId, fn) => fn(),
  close: async () => {},
};

/**
 * Chat turns through PostgreSQL: each turn opens a transaction on a connection of its own pool,
 * takes `pg_advisory_xact_lock(CHAT_TURN_LOCK_CLASS, chatLockKey(chatId))`, runs `fn`, and commits.
 * The lock is the server's, so a second instance given the same chat waits, and one that dies (its
 * connection closes) releases it. The pool is separate from the stores' so that a handler holding a
 * turn can never be starved of the connection its own queries need.
 *
 * @example
 * const turns = createPostgresChatTurns(process.env.DATABASE_URL!);
 * await turns.withChatTurn(ctx.chat.id, () => next());
 */
export function createPostgresChatTurns(connectionString: string, options: ChatTurnsOptions = {}): ChatTurns {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? CHAT_TURN_POOL_SIZE, allowExitOnIdle: true });
  // An idle connection the server closed is dropped by the pool and replaced at the next turn.
  pool.on("error", () => {});
  let closing: Promise<void> | undefined;
  const end = () => (closing ??= pool.end());
  return {
    async withChatTurn(chatId, fn) {
      const client = await pool.connect();
      // The connection may be cut while the handler runs (server restart): the lock is gone with it,
      // and the handler, which writes through the stores' pool, finishes regardless.
      let lost: Error | undefined;
      const onError = (err: Error) => void (lost ??= err);
      client.on("error", onError);
      const release = () => {
        client.off("error", onError);
        client.release(lost ?? false);
      };
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock($1, $2)", [CHAT_TURN_LOCK_CLASS, chatLockKey(chatId)]);
      } catch (err) {
        lost ??= err as Error;
        release();
        throw err;
      }
      try {
        return await fn();
      } finally {
        // The transaction wrote nothing; committing only ends it and frees the lock.
        if (!lost) await client.query("COMMIT").catch((err: Error) => void (lost ??= err));
        release();
      }
    },
    close: end,
  };
}
