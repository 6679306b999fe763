import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  Chat,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  Poll,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { CONSOLE_BOT_INFO } from "../../src/bot/console.js";

// A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests: the real bot (grammY's HTTP
// client, runner, auto-retry) talks to it through `apiRoot`. It queues updates for getUpdates
// (offset, timeout, allowed_updates), records every call, answers with realistic results, enforces
// Telegram's limits with Telegram's 400 errors, and fails calls on request (429, 403, …).

/** One Bot API call the bot made, with what the fake answered. */
export interface RecordedCall {
  method: string;
  // Payloads are whatever the bot sent; tests read fields freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>;
  /** Milliseconds since the server started. */
  at: number;
  response: ApiResponse;
}

/** The fake's answer to a call, as Telegram shapes it. */
export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

/** A failure to inject into the next matching call. */
export interface Fault {
  /** Only calls of this method. Defaults to any method but getUpdates. */
  method?: string;
  /** Only calls to this chat. Defaults to any chat. */
  chatId?: number;
  code: number;
  /** Defaults to Telegram's usual description for the code. */
  description?: string;
  /** For 429: seconds to wait. Defaults to 1. */
  retryAfter?: number;
}

/** Options of {@link startFakeBotApi}. */
export interface FakeBotApiOptions {
  /** Defaults to `123456:TEST`. */
  token?: string;
  /** Fields of the bot's own user to override. */
  botInfo?: Partial<UserFromGetMe>;
}

/** Who does something in a helper; defaults to a Vietnamese-speaking citizen, user 1001. */
export interface Actor {
  user?: Partial<User>;
  /** Chat the message is in. Defaults to the user's private chat. */
  chat?: Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;
}

/** The fake server and the helpers tests drive it with. */
export interface FakeBotApi {
  token: string;
  /** `http://127.0.0.1:<port>`: give it to the bot as `apiRoot`. */
  apiRoot: string;
  botInfo: UserFromGetMe;
  /** Every call, in order (getUpdates included). */
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Bot messages as they stand now (edits applied), by chat. */
  messagesIn(chatId: number): Message[];
  /**
   * Queues an update (update_id assigned) for getUpdates and returns it; while a webhook is set,
   * only returns it, for the test to post to the instance of its choice.
   */
  addUpdate(update: Omit<Update, "update_id">): Update;
  /** A private message (or in `actor.chat`); commands and @mentions get their entities. */
  userSays(text: string, actor?: Actor): Update;
  /** The user edits an earlier message of theirs. */
  userEdits(messageId: number, text: string, actor?: Actor): Update;
  /**
   * The user presses the button with this callback data on the newest bot message that has it
   * (or on `message`; with no such message, on the newest bot message of the chat, as a forged
   * press would).
   */
  userPresses(data: string, actor?: Actor & { message?: Message }): Update;
  /** The user votes in a poll copy the bot sent (empty options retract the vote). */
  userVotes(pollId: string, optionIds: number[], actor?: Actor): Update[];
  /** The user blocks (`kicked`) or unblocks (`member`) the bot in their private chat. */
  userSetsBotStatus(status: "kicked" | "member", actor?: Actor): Update;
  /** The user types `@bot query` in some chat. */
  userQueriesInline(query: string, actor?: Actor): Update;
  /** Fails the next matching call once with `fault`. */
  failNext(fault: Fault): void;
  /** Holds the next matching call for `ms` milliseconds before answering it (a slow Telegram). */
  delayNext(delay: { method?: string; chatId?: number; ms: number }): void;
  /** Answers every call to this chat with 403 until {@link unblockChat}. */
  blockChat(chatId: number, description?: string): void;
  unblockChat(chatId: number): void;
  /** Sets what getChatMember answers for this user in this chat. Defaults to `member`. */
  setChatMember(chatId: number, userId: number, status: string): void;
  /**
   * Resolves with the first call of `method` matching `predicate`, made after the last update
   * was queued (or after call index `since`); rejects after `timeoutMs` (default 5,000).
   */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    options?: { since?: number; timeoutMs?: number },
  ): Promise<RecordedCall>;
  /** Updates queued and not yet confirmed by an offset. */
  pendingUpdates(): number;
  close(): Promise<void>;
}

const DEFAULT_USER: User = { id: 1001, is_bot: false, first_name: "Lan", language_code: "vi" };
const MAX_TIMEOUT_SECONDS = 50;
const HTML_TAGS = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span", "tg-spoiler",
  "blockquote", "tg-emoji",
]);
const DEFAULT_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

const bad = (description: string) => new ApiError(400, `Bad Request: ${description}`);

/** Parses Telegram HTML as Telegram does, well enough: the visible text, or a 400 naming the problem. */
export function parseTelegramHtml(html: string): string {
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === "<") {
      const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"]*"|='[^']*')?)*)\s*>/.exec(html.slice(i));
      const offset = Buffer.byteLength(html.slice(0, i));
      if (!m) throw bad(`can't parse entities: Unexpected end of name token at byte offset ${offset}`);
      const [whole, closing, rawName] = m;
      const name = rawName!.toLowerCase();
      if (!HTML_TAGS.has(name)) {
        throw bad(`can't parse entities: Unsupported ${closing ? "end" : "start"} tag "${name}" at byte offset ${offset}`);
      }
      if (closing) {
        if (stack.pop() !== name) {
          throw bad(`can't parse entities: Unmatched end tag at byte offset ${offset}, expected "</${stack.at(-1) ?? ""}>", found "</${name}>"`);
        }
      } else {
        stack.push(name);
      }
      i += whole!.length;
    } else if (c === "&") {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i));
      if (!m) {
        throw bad(`can't parse entities: Character entity expected at byte offset ${Buffer.byteLength(html.slice(0, i))}`);
      }
      const e = m[1]!;
      text +=
        e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"'
          : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      i += m[0].length;
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length > 0) throw bad(`can't parse entities: Can't find end tag corresponding to start tag "${stack.at(-1)}"`);
  return text;
}

function checkMarkup(markup: unknown): void {
  const rows = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
  if (!rows) return;
  for (const button of rows.flat() as InlineKeyboardButton[]) {
    if (!button.text) throw bad("text buttons are unallowed in the inline keyboard");
    if ("callback_data" in button) {
      const bytes = Buffer.byteLength(button.callback_data ?? "");
      if (bytes < 1 || bytes > 64) throw bad("BUTTON_DATA_INVALID");
    }
  }
}

async function readPayload(req: IncomingMessage, url: string): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (body.length === 0) return Object.fromEntries(new URL(url, "http://x").searchParams);
  if (type.includes("application/json")) return JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  if (type.includes("multipart/form-data")) return parseMultipart(body, type);
  return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
}

/**
 * Reads a multipart body as the Bot API does. grammY writes `filename=a.png` unquoted, which the
 * WHATWG FormData parser refuses, so the parts are split here. An uploaded file becomes
 * `{ file, size, data }`, and an `attach://<part>` field is replaced by the file it names.
 */
function parseMultipart(body: Buffer, type: string): Record<string, unknown> {
  const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
  if (!boundary) throw new Error("multipart body without a boundary");
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, unknown> = {};
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? "";
    const filename = /filename="?([^";\r\n]*)"?/i.exec(head)?.[1];
    if (filename !== undefined) {
      fields[name] = { file: filename, size: content.length, data: Buffer.from(content) };
    } else {
      const value = content.toString("utf8");
      fields[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
    start = next;
  }
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value.startsWith("attach://")) fields[key] = fields[value.slice("attach://".length)];
  }
  return fields;
}

/**
 * Starts a fake Bot API server on 127.0.0.1 at a random port.
 *
 * @example
 * const api = await startFakeBotApi();
 * const bot = createBot(api.token, deps, { apiRoot: api.apiRoot });
 * api.userSays("/start");
 * const reply = await api.waitForCall("sendMessage");
 */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? "123456:TEST";
  const botInfo: UserFromGetMe = {
    ...CONSOLE_BOT_INFO,
    id: Number(token.split(":")[0]),
    first_name: "Civic Bot",
    username: "civic_test_bot",
    ...options.botInfo,
  };
  const started = Date.now();
  const calls: RecordedCall[] = [];
  let queue: Update[] = [];
  let nextUpdateId = 1;
  let allowed: Set<string> | null = null;
  let updateWaiters: Array<() => void> = [];
  let callWaiters: Array<(call: RecordedCall) => void> = [];
  let lastInjectAt = 0;
  // While a webhook is set, Telegram keeps no queue for getUpdates: the test posts each update to an instance.
  let webhookSet = false;
  const messages = new Map<number, Map<number, Message>>();
  const nextMessageId = new Map<number, number>();
  const polls = new Map<string, { chatId: number; messageId: number; poll: Poll; votes: Map<number, number[]> }>();
  const members = new Map<string, string>();
  const blocked = new Map<number, string>();
  const openCallbacks = new Set<string>();
  const commands = new Map<string, unknown>();
  let faults: Fault[] = [];
  let delays: Array<{ method?: string; chatId?: number; ms: number }> = [];
  let nextPollId = 1;
  let nextCallbackId = 1;
  const now = () => Math.floor(Date.now() / 1000);

  const chatOf = (actor?: Actor) => {
    const user = { ...DEFAULT_USER, ...actor?.user };
    const chat = actor?.chat ?? { id: user.id, type: "private" as const, first_name: user.first_name };
    return { user, chat };
  };

  const addUpdate = (partial: Omit<Update, "update_id">): Update => {
    const update = { update_id: nextUpdateId++, ...partial } as Update;
    if (!webhookSet) queue.push(update);
    lastInjectAt = calls.length;
    const waiters = updateWaiters;
    updateWaiters = [];
    for (const wake of waiters) wake();
    return update;
  };

  const store = (chatId: number, message: Message) => {
    if (!messages.has(chatId)) messages.set(chatId, new Map());
    messages.get(chatId)!.set(message.message_id, message);
  };

  const newMessage = (chatId: number, fields: Record<string, unknown>): Message => {
    const id = nextMessageId.get(chatId) ?? 1;
    nextMessageId.set(chatId, id + 1);
    const chat = chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" };
    const message = { message_id: id, date: now(), chat, from: botInfo, ...fields } as unknown as Message;
    store(chatId, message);
    return message;
  };

  const chatIdOf = (p: Record<string, unknown>): number => {
    const id = Number(p.chat_id);
    if (!Number.isFinite(id)) throw bad("chat not found");
    return id;
  };

  const textOf = (p: Record<string, unknown>, field: "text" | "caption", max: number, min: number): string | undefined => {
    const raw = p[field];
    if (raw === undefined && min === 0) return undefined;
    const visible = p.parse_mode === "HTML" ? parseTelegramHtml(String(raw ?? "")) : String(raw ?? "");
    if (visible.trim().length < min) throw bad("message text is empty");
    if (visible.length > max) throw bad(field === "text" ? "message is too long" : "message caption is too long");
    return visible;
  };

  const methods: Record<string, (p: Record<string, unknown>) => unknown> = {
    getMe: () => botInfo,
    logOut: () => true,
    close: () => true,
    deleteWebhook: () => ((webhookSet = false), true),
    setWebhook: () => ((webhookSet = true), true),
    getWebhookInfo: () => ({ url: "", has_custom_certificate: false, pending_update_count: queue.length }),
    sendChatAction: (p) => (chatIdOf(p), true),
    setMyCommands: (p) => {
      const list = p.commands as Array<{ command: string; description: string }>;
      if (!Array.isArray(list) || list.length > 100) throw bad("BOT_COMMANDS_TOO_MUCH");
      for (const c of list) {
        if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw bad("BOT_COMMAND_INVALID");
        if (!c.description || c.description.length > 256) throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      commands.set(`${JSON.stringify(p.scope ?? { type: "default" })}|${String(p.language_code ?? "")}`, list);
      return true;
    },
    getMyCommands: (p) => commands.get(`${JSON.stringify(p.scope ?? { type: "default" })}|${String(p.language_code ?? "")}`) ?? [],
    sendMessage: (p) => {
      const chatId = chatIdOf(p);
      textOf(p, "text", 4096, 1);
      checkMarkup(p.reply_markup);
      return newMessage(chatId, { text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) });
    },
    editMessageText: (p) => {
      if (p.inline_message_id) return (textOf(p, "text", 4096, 1), checkMarkup(p.reply_markup), true);
      const chatId = chatIdOf(p);
      const old = messages.get(chatId)?.get(Number(p.message_id));
      if (!old) throw bad("message to edit not found");
      textOf(p, "text", 4096, 1);
      checkMarkup(p.reply_markup);
      if (old.text === p.text && JSON.stringify(old.reply_markup ?? null) === JSON.stringify(p.reply_markup ?? null)) {
        throw bad(
          "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        );
      }
      const edited = { ...old, text: p.text, edit_date: now(), reply_markup: p.reply_markup } as Message;
      store(chatId, edited);
      return edited;
    },
    editMessageReplyMarkup: (p) => {
      const chatId = chatIdOf(p);
      const old = messages.get(chatId)?.get(Number(p.message_id));
      if (!old) throw bad("message to edit not found");
      checkMarkup(p.reply_markup);
      const edited = { ...old, reply_markup: p.reply_markup } as Message;
      store(chatId, edited);
      return edited;
    },
    editMessageCaption: (p) => {
      const chatId = chatIdOf(p);
      const old = messages.get(chatId)?.get(Number(p.message_id));
      if (!old) throw bad("message to edit not found");
      textOf(p, "caption", 1024, 0);
      checkMarkup(p.reply_markup);
      if ((old as { caption?: string }).caption === p.caption && JSON.stringify(old.reply_markup ?? null) === JSON.stringify(p.reply_markup ?? null)) {
        throw bad("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
      }
      const edited = { ...old, caption: p.caption, edit_date: now(), reply_markup: p.reply_markup } as Message;
      store(chatId, edited);
      return edited;
    },
    deleteMessage: (p) => {
      const chatId = chatIdOf(p);
      if (!messages.get(chatId)?.delete(Number(p.message_id))) throw bad("message to delete not found");
      return true;
    },
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id);
      if (!openCallbacks.delete(id)) throw bad("query is too old and response timeout expired or query ID is invalid");
      if (typeof p.text === "string" && p.text.length > 200) throw bad("MESSAGE_TOO_LONG");
      return true;
    },
    answerInlineQuery: (p) => {
      if (!Array.isArray(p.results) || p.results.length > 50) throw bad("RESULTS_TOO_MUCH");
      return true;
    },
    sendPhoto: (p) => {
      const chatId = chatIdOf(p);
      textOf(p, "caption", 1024, 0);
      checkMarkup(p.reply_markup);
      const size = (w: number) => ({ file_id: `photo-${w}-${Date.now()}`, file_unique_id: `u${w}`, width: w, height: Math.round(w * 0.6), file_size: w * 40 });
      return newMessage(chatId, { photo: [size(320), size(800)], ...(p.caption ? { caption: p.caption } : {}) });
    },
    sendDocument: (p) => {
      const chatId = chatIdOf(p);
      textOf(p, "caption", 1024, 0);
      const file = p.document as { file?: string; size?: number } | string;
      const name = typeof file === "object" ? (file.file ?? "file") : "file";
      return newMessage(chatId, {
        document: { file_id: `doc-${Date.now()}`, file_unique_id: "d1", file_name: name, file_size: typeof file === "object" ? file.size : 0 },
        ...(p.caption ? { caption: p.caption } : {}),
      });
    },
    sendPoll: (p) => {
      const chatId = chatIdOf(p);
      const question = String(p.question ?? "");
      const options = (p.options as Array<string | { text: string }> | undefined) ?? [];
      if (question.length < 1 || question.length > 300) throw bad("poll question length must not exceed 300");
      if (options.length < 2) throw bad("poll must have at least 2 option");
      if (options.length > 12) throw bad("poll can't have more than 12 options");
      const texts = options.map((o) => (typeof o === "string" ? o : o.text));
      if (texts.some((t) => t.length < 1 || t.length > 100)) throw bad("poll options length must not exceed 100");
      if (p.open_period !== undefined && p.close_date !== undefined) throw bad("can't use open_period and close_date simultaneously");
      const period = p.open_period === undefined ? undefined : Number(p.open_period);
      if (period !== undefined && (period < 5 || period > 2_628_000)) throw bad("wrong poll open_period specified");
      const poll: Poll = {
        id: String(nextPollId++).padStart(19, "5"),
        question,
        options: texts.map((text, i) => ({ persistent_id: String(i), text, voter_count: 0 })),
        total_voter_count: 0,
        is_closed: false,
        is_anonymous: p.is_anonymous === undefined ? true : Boolean(p.is_anonymous),
        type: p.type === "quiz" ? "quiz" : "regular",
        allows_multiple_answers: Boolean(p.allows_multiple_answers),
        ...(period ? { open_period: period } : {}),
        ...(p.close_date ? { close_date: Number(p.close_date) } : {}),
      } as Poll;
      const message = newMessage(chatId, { poll, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) });
      polls.set(poll.id, { chatId, messageId: message.message_id, poll, votes: new Map() });
      return message;
    },
    stopPoll: (p) => {
      const chatId = chatIdOf(p);
      const entry = [...polls.values()].find((e) => e.chatId === chatId && e.messageId === Number(p.message_id));
      if (!entry) throw bad("message with poll to stop not found");
      if (entry.poll.is_closed) throw bad("poll has already been closed");
      entry.poll = { ...entry.poll, is_closed: true };
      return entry.poll;
    },
    getChatMember: (p) => {
      const chatId = chatIdOf(p);
      const userId = Number(p.user_id);
      const status = members.get(`${chatId}:${userId}`) ?? "member";
      return { status, user: { id: userId, is_bot: false, first_name: `User ${userId}` } };
    },
    getChat: (p) => {
      const chatId = chatIdOf(p);
      return chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" };
    },
  };

  // Methods without their own handler: any other send* gives a message, copies give an id.
  const fallback = (method: string): ((p: Record<string, unknown>) => unknown) | undefined => {
    if (method === "copyMessage") return (p) => ({ message_id: newMessage(chatIdOf(p), {}).message_id });
    if (method === "forwardMessage" || (method.startsWith("send") && method !== "sendChatAction")) {
      return (p) => {
        const chatId = chatIdOf(p);
        textOf(p, "caption", 1024, 0);
        checkMarkup(p.reply_markup);
        return newMessage(chatId, { ...(p.caption ? { caption: p.caption } : {}) });
      };
    }
    return undefined;
  };

  const getUpdates = async (p: Record<string, unknown>, req: IncomingMessage): Promise<Update[]> => {
    const offset = p.offset === undefined ? undefined : Number(p.offset);
    if (offset !== undefined) queue = queue.filter((u) => u.update_id >= offset);
    if (Array.isArray(p.allowed_updates)) allowed = new Set(p.allowed_updates as string[]);
    const deliverable = () => {
      queue = queue.filter((u) => {
        const type = Object.keys(u).find((k) => k !== "update_id")!;
        return allowed && allowed.size > 0 ? allowed.has(type) : !DEFAULT_EXCLUDED.has(type);
      });
      return queue.slice(0, Math.min(100, Math.max(1, Number(p.limit ?? 100))));
    };
    const ready = deliverable();
    const timeout = Math.min(MAX_TIMEOUT_SECONDS, Number(p.timeout ?? 0));
    if (ready.length > 0 || timeout <= 0) return ready;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeout * 1000);
      function done() {
        clearTimeout(timer);
        updateWaiters = updateWaiters.filter((w) => w !== done);
        resolve();
      }
      updateWaiters.push(done);
      // The client gave up (the runner stopping): stop holding the request.
      req.once("close", done);
    });
    return deliverable();
  };

  const record = (method: string, payload: Record<string, unknown>, response: ApiResponse): void => {
    const call = { method, payload, at: Date.now() - started, response };
    calls.push(call);
    for (const waiter of [...callWaiters]) waiter(call);
  };

  const respond = async (method: string, payload: Record<string, unknown>, req: IncomingMessage): Promise<ApiResponse> => {
    try {
      const chatId = payload.chat_id === undefined ? undefined : Number(payload.chat_id);
      const delayAt = delays.findIndex(
        (d) => (d.method ? d.method === method : method !== "getUpdates") && (d.chatId === undefined || d.chatId === chatId),
      );
      if (delayAt >= 0) {
        const [delay] = delays.splice(delayAt, 1);
        await new Promise((resolve) => setTimeout(resolve, delay!.ms));
      }
      // getUpdates fails only when a fault names it.
      const faultAt = faults.findIndex(
        (f) =>
          (f.method ? f.method === method : method !== "getUpdates") && (f.chatId === undefined || f.chatId === chatId),
      );
      if (method === "getUpdates" && faultAt < 0) return { ok: true, result: await getUpdates(payload, req) };
      if (faultAt >= 0) {
        const [fault] = faults.splice(faultAt, 1);
        const retryAfter = fault!.code === 429 ? (fault!.retryAfter ?? 1) : undefined;
        const description =
          fault!.description ??
          (fault!.code === 429
            ? `Too Many Requests: retry after ${retryAfter}`
            : fault!.code === 403
              ? "Forbidden: bot was blocked by the user"
              : fault!.code === 409
                ? "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
                : "Internal Server Error");
        throw new ApiError(fault!.code, description, retryAfter);
      }
      if (chatId !== undefined && blocked.has(chatId)) throw new ApiError(403, blocked.get(chatId)!);
      const handler = methods[method] ?? fallback(method);
      return { ok: true, result: handler ? handler(payload) : true };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return {
        ok: false,
        error_code: err.code,
        description: err.description,
        ...(err.retryAfter !== undefined ? { parameters: { retry_after: err.retryAfter } } : {}),
      };
    }
  };

  const prefix = `/bot${token}/`;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "";
    if (!url.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return;
    }
    const method = url.slice(prefix.length).split("?")[0]!;
    readPayload(req, url)
      .then(async (payload) => {
        const response = await respond(method, payload, req);
        record(method, payload, response);
        const status = response.ok ? 200 : response.error_code;
        if (!res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(response));
      })
      .catch((err: unknown) => {
        if (!res.destroyed) res.writeHead(500).end(JSON.stringify({ ok: false, error_code: 500, description: String(err) }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const entitiesFor = (text: string) => {
    const entities: Array<{ type: "bot_command" | "mention"; offset: number; length: number }> = [];
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
    for (const m of text.matchAll(/(^|\s)(@[A-Za-z0-9_]{5,32})/g)) {
      entities.push({ type: "mention", offset: m.index! + m[1]!.length, length: m[2]!.length });
    }
    return entities;
  };
  let userMessageId = 100_000;

  const api: FakeBotApi = {
    token,
    apiRoot: `http://127.0.0.1:${port}`,
    botInfo,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    messagesIn: (chatId) => [...(messages.get(chatId)?.values() ?? [])],
    addUpdate,
    userSays(text, actor) {
      const { user, chat } = chatOf(actor);
      const entities = entitiesFor(text);
      return addUpdate({
        message: { message_id: userMessageId++, date: now(), chat, from: user, text, ...(entities.length ? { entities } : {}) },
      });
    },
    userEdits(messageId, text, actor) {
      const { user, chat } = chatOf(actor);
      return addUpdate({ edited_message: { message_id: messageId, date: now(), edit_date: now(), chat, from: user, text } });
    },
    userPresses(data, actor) {
      const { user, chat } = chatOf(actor);
      const inChat = [...(messages.get(chat.id)?.values() ?? [])].reverse();
      const hasButton = (m: Message) =>
        m.reply_markup?.inline_keyboard.flat().some((b) => "callback_data" in b && b.callback_data === data);
      const message = actor?.message ?? inChat.find(hasButton) ?? inChat[0];
      const id = String(nextCallbackId++);
      openCallbacks.add(id);
      return addUpdate({
        callback_query: {
          id,
          from: user,
          chat_instance: `ci-${chat.id}`,
          data,
          ...(message ? { message } : {}),
        } as Update["callback_query"] & object,
      });
    },
    userVotes(pollId, optionIds, actor) {
      const { user } = chatOf(actor);
      const entry = polls.get(pollId);
      if (!entry) throw new Error(`fake-bot-api: no poll ${pollId}; polls sent: ${[...polls.keys()].join(", ") || "none"}`);
      const previous = entry.votes.get(user.id) ?? [];
      const options = entry.poll.options.map((o, i) => ({
        ...o,
        voter_count: o.voter_count - (previous.includes(i) ? 1 : 0) + (optionIds.includes(i) ? 1 : 0),
      }));
      if (optionIds.length > 0) entry.votes.set(user.id, optionIds);
      else entry.votes.delete(user.id);
      entry.poll = { ...entry.poll, options, total_voter_count: entry.votes.size };
      const updates: Update[] = [];
      if (!entry.poll.is_anonymous) updates.push(addUpdate({
          poll_answer: { poll_id: pollId, user, option_ids: optionIds, option_persistent_ids: optionIds.map(String) },
        }),);
      updates.push(addUpdate({ poll: entry.poll }));
      return updates;
    },
    userSetsBotStatus(status, actor) {
      const { user, chat } = chatOf(actor);
      const old = status === "kicked" ? "member" : "kicked";
      const member = (s: string) => (s === "kicked" ? { status: s, user: botInfo, until_date: 0 } : { status: s, user: botInfo });
      return addUpdate({
        my_chat_member: { chat, from: user, date: now(), old_chat_member: member(old), new_chat_member: member(status) },
      } as Omit<Update, "update_id">);
    },
    userQueriesInline(query, actor) {
      const { user } = chatOf(actor);
      return addUpdate({ inline_query: { id: String(nextCallbackId++), from: user, query, offset: "" } });
    },
    failNext(fault) {
      faults.push(fault);
    },
    delayNext(delay) {
      delays.push(delay);
    },
    blockChat(chatId, description = "Forbidden: bot was blocked by the user") {
      blocked.set(chatId, description);
    },
    unblockChat(chatId) {
      blocked.delete(chatId);
    },
    setChatMember(chatId, userId, status) {
      members.set(`${chatId}:${userId}`, status);
    },
    waitForCall(method, predicate = () => true, options = {}) {
      const since = options.since ?? lastInjectAt;
      const found = calls.slice(since).find((c) => c.method === method && predicate(c));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          callWaiters = callWaiters.filter((w) => w !== waiter);
          const seen = calls.slice(since).filter((c) => c.method === method);
          reject(new Error(`fake-bot-api: no matching ${method} within ${options.timeoutMs ?? 5000} ms; seen: ${JSON.stringify(seen.map((c) => c.payload)).slice(0, 2000)}`));
        }, options.timeoutMs ?? 5000);
        const waiter = (call: RecordedCall) => {
          if (call.method !== method || !predicate(call)) return;
          clearTimeout(timer);
          callWaiters = callWaiters.filter((w) => w !== waiter);
          resolve(call);
        };
        callWaiters.push(waiter);
      });
    },
    pendingUpdates: () => queue.length,
    async close() {
      faults = [];
      delays = [];
      for (const wake of updateWaiters) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}
