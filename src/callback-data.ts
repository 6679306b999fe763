// Every button's `callback_data`, in one registry: each kind of button has a short ASCII prefix
// and a typed codec. Callback data is at most 64 bytes (Vietnamese letters take 2-3 bytes each),
// so buttons never carry text: they carry a prefix and integers (usually a row id) or a word from
// a fixed list. A second codec with a prefix already taken fails at start, so two features can
// never answer the same button.

import { LOCALES, type Locale } from "./translate.js";

/** Telegram's limit on `callback_data`, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Encodes and decodes one kind of button's data. */
export interface CallbackCodec<T> {
  /** The prefix before the first `:`, unique in the registry. */
  readonly prefix: string;
  /** Matches any data with this prefix, for `composer.callbackQuery(codec.match, …)`. */
  readonly match: RegExp;
  /** The data of a button; throws when it would be over {@link CALLBACK_DATA_MAX_BYTES} (a programming error). */
  encode(value: T): string;
  /** The value a button carries, or null for anything else (stale or forged data); never throws. */
  decode(data: string | undefined): T | null;
}

const taken = new Set<string>();

/**
 * Defines the codec of one kind of button: `toParts` gives the parts after the prefix, `fromParts`
 * reads them back (null when they do not make a value). Throws when the prefix is already taken.
 */
export function defineCallback<T>(
  prefix: string,
  toParts: (value: T) => ReadonlyArray<string | number>,
  fromParts: (parts: string[]) => T | null,
): CallbackCodec<T> {
  if (!/^[a-z]{1,4}$/.test(prefix)) throw new Error(`callback-data: prefix "${prefix}" must be 1-4 ASCII letters`);
  if (taken.has(prefix)) throw new Error(`callback-data: prefix "${prefix}" is already taken; pick another for this button`);
  taken.add(prefix);
  return {
    prefix,
    match: new RegExp(`^${prefix}(?::|$)`),
    encode(value) {
      const data = [prefix, ...toParts(value).map(String)].join(":");
      // A programming error, not bad input: fail loudly in tests rather than with BUTTON_DATA_INVALID.
      if (Buffer.byteLength(data, "utf8") > CALLBACK_DATA_MAX_BYTES) {
        throw new Error(`callback-data: "${data}" is over ${CALLBACK_DATA_MAX_BYTES} bytes; carry an id instead`);
      }
      return data;
    },
    decode(data) {
      if (!data) return null;
      const [head, ...parts] = data.split(":");
      if (head !== prefix) return null;
      try {
        return fromParts(parts);
      } catch {
        return null;
      }
    },
  };
}

const int = (part: string | undefined): number | null => {
  if (part === undefined || !/^-?\d{1,15}$/.test(part)) return null;
  const n = Number(part);
  return Number.isSafeInteger(n) ? n : null;
};

/**
 * A codec whose value is named integers, in order: `intFields("a", ["row", "page"])` encodes
 * `{ row: 12, page: 1 }` as `a:12:1`.
 */
export function intFields<const K extends readonly string[]>(prefix: string, names: K): CallbackCodec<{ [P in K[number]]: number }> {
  type Value = { [P in K[number]]: number };
  return defineCallback<Value>(
    prefix,
    (value) => names.map((name) => Math.trunc(value[name as K[number]])),
    (parts) => {
      if (parts.length !== names.length) return null;
      const value: Record<string, number> = {};
      for (const [i, name] of names.entries()) {
        const n = int(parts[i]);
        if (n === null) return null;
        value[name] = n;
      }
      return value as Value;
    },
  );
}

/** A codec whose value is one word of a fixed list: `oneOf("lang", ["vi", "en"])` encodes `"en"` as `lang:en`. */
export function oneOf<const W extends readonly string[]>(prefix: string, words: W): CallbackCodec<W[number]> {
  return defineCallback<W[number]>(
    prefix,
    (word) => [word],
    (parts) => (parts.length === 1 && (words as readonly string[]).includes(parts[0]!) ? (parts[0] as W[number]) : null),
  );
}

/** Who a poll made with the guided flow goes to, as its buttons say. */
export type FlowAudience = "subscribers" | "users" | "chat";

/** A press in `/thamdo`'s guided flow. */
export type PollFlowPress =
  | { step: "cancel" }
  | { step: "multiple"; on: boolean }
  | { step: "anonymous"; on: boolean }
  | { step: "deadline"; days: number }
  | { step: "audience"; audience: FlowAudience };

const FLOW_AUDIENCES: readonly FlowAudience[] = ["subscribers", "users", "chat"];

/** What a settings button does; numbers keep callback data short. */
export const SETTINGS_ACTION = {
  news: 1,
  documents: 2,
  mode: 3,
  quiet: 4,
  polls: 5,
  topicsMenu: 6,
  topic: 7,
  keywordsMenu: 8,
  removeKeyword: 9,
  back: 10,
  unsubscribe: 11,
  allTopics: 12,
} as const;

/** What an announcement preview's button does. */
export const ANNOUNCE_ACTION = { send: 1, cancel: 2 } as const;

/** Every button of the bot. */
export const CALLBACKS = {
  /** "Kết quả khác" paging of an answer: question-log row and page. */
  answerPage: intFields("a", ["row", "page"]),
  /** 👍 (1) / 👎 (0) on an answer. */
  feedback: intFields("f", ["row", "value"]),
  /** Paging of /tim, /moi, /vanban. */
  listPage: intFields("l", ["row", "page"]),
  /** 📄 read a document in full: question-log row and the document's index in it. */
  read: intFields("r", ["row", "index"]),
  /** /start's example questions, 1-based. */
  example: intFields("ex", ["n"]),
  /** /lang. */
  language: oneOf("lang", LOCALES as readonly Locale[]),
  /** The announcement preview: send or cancel. */
  announce: intFields("an", ["action", "id"]),
  /** The subscription settings screen (`/caidat`): action and its argument (topic or keyword index). */
  settings: intFields("st", ["action", "arg"]),
  /** A poll's vote buttons: poll and option position. */
  vote: intFields("pv", ["pollId", "position"]),
  /** The poll preview's send button. */
  pollSend: intFields("ps", ["pollId"]),
  /** The poll preview's cancel button. */
  pollCancel: intFields("pc", ["pollId"]),
  /** The guided poll flow's choices. */
  pollFlow: defineCallback<PollFlowPress>(
    "pf",
    (press) => {
      switch (press.step) {
        case "cancel":
          return ["x"];
        case "multiple":
          return ["m", press.on ? 1 : 0];
        case "anonymous":
          return ["a", press.on ? 1 : 0];
        case "deadline":
          return ["d", press.days];
        case "audience":
          return ["au", press.audience];
      }
    },
    ([key, value, ...rest]) => {
      if (rest.length > 0) return null;
      if (key === "x" && value === undefined) return { step: "cancel" };
      if ((key === "m" || key === "a") && (value === "0" || value === "1")) {
        return { step: key === "m" ? "multiple" : "anonymous", on: value === "1" };
      }
      const days = int(value);
      if (key === "d" && days !== null) return { step: "deadline", days };
      if (key === "au" && FLOW_AUDIENCES.includes(value as FlowAudience)) return { step: "audience", audience: value as FlowAudience };
      return null;
    },
  ),
} as const;
