import { textLength } from "../text-limits.js";

/** Telegram's poll limits, which the bot keeps for button polls too so a poll reads the same everywhere. */
export const POLL_LIMITS = {
  /** Longest question, in characters. */
  questionMaxChars: 300,
  /** Longest option label, in characters. */
  optionMaxChars: 100,
  /** Fewest options a poll may have. */
  minOptions: 2,
  /** Most options a poll may have. */
  maxOptions: 12,
} as const;

/** One thing wrong with a poll draft; `code` picks the locale message, the other fields fill it in. */
export type PollProblem =
  | { code: "question-empty" }
  | { code: "question-too-long"; length: number; max: number }
  | { code: "too-few-options"; count: number; min: number }
  | { code: "too-many-options"; count: number; max: number }
  | { code: "option-empty"; position: number }
  | { code: "option-too-long"; position: number; length: number; max: number }
  | { code: "option-duplicate"; position: number; label: string };


/** Checks a question against {@link POLL_LIMITS}; an empty list means it is fine. */
export function checkQuestion(question: string): PollProblem[] {
  const length = textLength(question.trim());
  if (length === 0) return [{ code: "question-empty" }];
  if (length > POLL_LIMITS.questionMaxChars) {
    return [{ code: "question-too-long", length, max: POLL_LIMITS.questionMaxChars }];
  }
  return [];
}

/** Checks one option label (position counts from 1); an empty list means it is fine. */
export function checkOption(label: string, position: number, earlier: readonly string[] = []): PollProblem[] {
  const trimmed = label.trim();
  const length = textLength(trimmed);
  if (length === 0) return [{ code: "option-empty", position }];
  if (length > POLL_LIMITS.optionMaxChars) {
    return [{ code: "option-too-long", position, length, max: POLL_LIMITS.optionMaxChars }];
  }
  const key = foldForDuplicates(trimmed);
  if (earlier.some((other) => foldForDuplicates(other) === key)) {
    return [{ code: "option-duplicate", position, label: trimmed }];
  }
  return [];
}

/** Checks the number of options; an empty list means it is fine. */
export function checkOptionCount(count: number): PollProblem[] {
  if (count < POLL_LIMITS.minOptions) return [{ code: "too-few-options", count, min: POLL_LIMITS.minOptions }];
  if (count > POLL_LIMITS.maxOptions) return [{ code: "too-many-options", count, max: POLL_LIMITS.maxOptions }];
  return [];
}

/** Checks a whole poll: question, every option, and their number. */
export function checkPoll(question: string, options: readonly string[]): PollProblem[] {
  const problems = [...checkQuestion(question)];
  options.forEach((label, i) => problems.push(...checkOption(label, i + 1, options.slice(0, i))));
  problems.push(...checkOptionCount(options.length));
  return problems;
}

function foldForDuplicates(label: string): string {
  return label.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ");
}
