import type { Db } from "./database.js";
import type { PollCopy } from "./polls-store.js";

/** The messages carrying a poll (one per private chat or group), so that closing can edit each. */
export function createPollCopiesStore(db: Db) {
  return {
    /** Records a message that carries the poll (idempotent). */
    async recordCopy(pollId: number, chatId: number, messageId: number, now: Date, locale = "vi"): Promise<void> {
      await db
        .insertInto("poll_copies")
        .values({ poll_id: pollId, chat_id: chatId, message_id: messageId, locale, sent_at: now.getTime() })
        .onConflict((oc) => oc.columns(["poll_id", "chat_id", "message_id"]).doNothing())
        .execute();
    },

    /** Messages carrying the poll; `openOnly` leaves out those already closed. */
    async listCopies(pollId: number, openOnly = false): Promise<PollCopy[]> {
      let query = db.selectFrom("poll_copies").selectAll().where("poll_id", "=", pollId);
      if (openOnly) query = query.where("closed_at", "is", null);
      const rows = await query.orderBy("sent_at").orderBy("chat_id").execute();
      return rows.map((r) => ({
        pollId: r.poll_id,
        chatId: r.chat_id,
        messageId: r.message_id,
        locale: r.locale,
        closed: r.closed_at !== null,
      }));
    },

    /** Marks one copy as closed (its buttons removed). */
    async markCopyClosed(copy: Pick<PollCopy, "pollId" | "chatId" | "messageId">, now: Date): Promise<void> {
      await db
        .updateTable("poll_copies")
        .set({ closed_at: now.getTime() })
        .where("poll_id", "=", copy.pollId)
        .where("chat_id", "=", copy.chatId)
        .where("message_id", "=", copy.messageId)
        .where("closed_at", "is", null)
        .execute();
    },
  };
}
