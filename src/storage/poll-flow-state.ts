import { z } from "zod";
import type { Db } from "./database.js";

// The guided `/thamdo` flow gathers a poll step by step; each step knows exactly what was gathered
// before it. The state is checked against this shape when read back, so a row written by an older
// version (or edited by hand) ends the flow politely instead of reaching a handler half-formed.

const question = z.object({ question: z.string().min(1) });
const options = question.extend({ options: z.array(z.string()).min(1) });
const multiple = options.extend({ multiple: z.boolean() });
const anonymous = multiple.extend({ anonymous: z.boolean() });
const deadline = anonymous.extend({ closesAt: z.number().int() });

const STEP = z.discriminatedUnion("step", [
  z.object({ step: z.literal("question"), data: z.object({}) }),
  z.object({ step: z.literal("options"), data: question }),
  z.object({ step: z.literal("multiple"), data: options }),
  z.object({ step: z.literal("anonymous"), data: multiple }),
  z.object({ step: z.literal("deadline"), data: anonymous }),
  z.object({ step: z.literal("audience"), data: deadline }),
  z.object({ step: z.literal("chat"), data: deadline }),
]);

/** A step of the guided flow with what was gathered before it. */
export type PollFlowStep = z.infer<typeof STEP>;

/** Where a staff member is in the guided creation flow, and in which chat. */
export type PollFlowState = { userId: number; chatId: number } & PollFlowStep;

/** The guided creation flow's state, one per staff member, kept so that a restart (or another instance) continues it. */
export function createPollFlowStore(db: Db) {
  return {
    /** Saves where a staff member is in the guided flow. */
    async saveDraftState(state: PollFlowState, now: Date): Promise<void> {
      const row = { chat_id: state.chatId, step: state.step, data: JSON.stringify(state.data), updated_at: now.getTime() };
      await db
        .insertInto("poll_drafts")
        .values({ user_id: state.userId, ...row })
        .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
        .execute();
    },

    /** The staff member's guided-flow state, or undefined when there is none or it is not a state this version knows. */
    async getDraftState(userId: number): Promise<PollFlowState | undefined> {
      const r = await db.selectFrom("poll_drafts").selectAll().where("user_id", "=", userId).executeTakeFirst();
      if (!r) return undefined;
      let data: unknown;
      try {
        data = JSON.parse(r.data);
      } catch {
        return undefined;
      }
      const parsed = STEP.safeParse({ step: r.step, data });
      return parsed.success ? { userId: r.user_id, chatId: r.chat_id, ...parsed.data } : undefined;
    },

    /** Ends the staff member's guided flow. */
    async clearDraftState(userId: number): Promise<void> {
      await db.deleteFrom("poll_drafts").where("user_id", "=", userId).execute();
    },
  };
}
