import { checkPoll, type PollProblem } from "./poll-limits.js";

/** A poll written on one line: `Câu hỏi? | Phương án 1 | Phương án 2`. */
export interface PollForm {
  question: string;
  options: string[];
}

/** What {@link parsePollForm} returns: the form, or every problem found in it. */
export type PollFormResult = { ok: true; form: PollForm } | { ok: false; problems: PollProblem[] };

/**
 * Parses the one-line poll form (the text after `/thamdo`), splitting on `|`, trimming every part
 * and normalising it to NFC (phone keyboards may send combining accents), then checks Telegram's limits.
 *
 * @example
 * parsePollForm("Bạn đi làm bằng gì? | Xe máy | Xe buýt");
 * // { ok: true, form: { question: "Bạn đi làm bằng gì?", options: ["Xe máy", "Xe buýt"] } }
 */
export function parsePollForm(text: string): PollFormResult {
  const parts = text.split("|").map((part) => part.normalize("NFC").replace(/\s+/g, " ").trim());
  const [question = "", ...options] = parts;
  // A trailing "|" is a common slip, not an empty option.
  if (options.length > 0 && options.at(-1) === "") options.pop();
  const problems = checkPoll(question, options);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, form: { question, options } };
}
