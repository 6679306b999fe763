import { GrammyError, HttpError } from "grammy";
import type { OutboxApi } from "../../src/jobs/deliver-outbox.js";

/** One call the recording API received. */
export interface RecordedCall {
  method: string;
  chatId: number;
  payload: Record<string, unknown>;
  at: number;
}

/** A fault to raise on a matching call instead of answering. */
export type Fault = { code: 403 | 400 | 500; description: string } | { code: 429; retryAfter: number } | { network: true };

/**
 * An in-process stand-in for the Bot API's sending methods: records every call, answers with a
 * realistic `Message`, and raises the same errors as grammY when told to.
 */
export function createRecordingApi() {
  const calls: RecordedCall[] = [];
  const faults: Array<{ chatId?: number; fault: Fault; times: number }> = [];
  let messageId = 1;
  const answer = (method: string, chatId: number, payload: Record<string, unknown>) => {
    const i = faults.findIndex((f) => f.chatId === undefined || f.chatId === chatId);
    if (i >= 0) {
      const f = faults[i]!;
      if (--f.times <= 0) faults.splice(i, 1);
      calls.push({ method: `${method}!`, chatId, payload, at: Date.now() });
      const fault = f.fault;
      if ("network" in fault) throw new HttpError("Network request failed", new Error("ECONNRESET"));
      const body =
        fault.code === 429
          ? { ok: false as const, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfter}`, parameters: { retry_after: fault.retryAfter } }
          : { ok: false as const, error_code: fault.code, description: fault.description };
      throw new GrammyError(`Call to '${method}' failed!`, body, method, payload);
    }
    calls.push({ method, chatId, payload, at: Date.now() });
    return {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private" as const, first_name: "U" },
      ...payload,
    };
  };
  const api = {
    sendMessage: async (chatId: number | string, text: string, other?: Record<string, unknown>) =>
      answer("sendMessage", Number(chatId), { text, ...other }),
    sendPoll: async (chatId: number | string, question: string, options: unknown[], other?: Record<string, unknown>) =>
      answer("sendPoll", Number(chatId), { question, options, poll: { id: `poll-${messageId}` }, ...other }),
    sendPhoto: async (chatId: number | string, photo: unknown, other?: Record<string, unknown>) =>
      answer("sendPhoto", Number(chatId), { photo, ...other }),
    editMessageText: async (chatId: number | string, id: number, text: string, other?: Record<string, unknown>) =>
      answer("editMessageText", Number(chatId), { message_id: id, text, ...other }),
  } as unknown as OutboxApi;
  return {
    api,
    calls,
    /** Makes the next `times` calls (to `chatId`, or to anyone) fail with `fault`. */
    failNext(fault: Fault, options: { chatId?: number; times?: number } = {}) {
      faults.push({ chatId: options.chatId, fault, times: options.times ?? 1 });
    },
    sent: (method = "sendMessage") => calls.filter((c) => c.method === method),
  };
}
