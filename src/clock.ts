// Time as the code sees it: integer epoch milliseconds from an injected clock, so that tests set
// the time instead of waiting for it.

/** The current time, in epoch milliseconds (integer). */
export type Clock = () => number;

/** The system clock. */
export const systemClock: Clock = () => Date.now();

/** One second, in milliseconds. */
export const SECOND_MS = 1000;
/** One minute, in milliseconds. */
export const MINUTE_MS = 60 * SECOND_MS;
/** One hour, in milliseconds. */
export const HOUR_MS = 60 * MINUTE_MS;
/** One day of 24 hours, in milliseconds. */
export const DAY_MS = 24 * HOUR_MS;

/**
 * The wait before attempt `attempt + 1` after `attempt` failures in a row, in milliseconds:
 * `baseMs` after the first failure, doubled after each further one, never more than `maxMs`.
 *
 * @example
 * backoffMs(1, 1000, 60_000); // 1000
 * backoffMs(3, 1000, 60_000); // 4000
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
