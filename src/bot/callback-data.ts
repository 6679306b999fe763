// Callback data is at most 64 bytes (Vietnamese letters take 2-3 bytes each), so buttons never carry
// text: they carry a short ASCII prefix and integers, usually a question-log row id.

/** Telegram's limit on `callback_data`, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/**
 * Encodes a button's data as `prefix:n1:n2…`.
 *
 * @example
 * encodeCallback("a", 1234, 2); // "a:1234:2"
 */
export function encodeCallback(prefix: string, ...values: number[]): string {
  const data = [prefix, ...values.map((v) => String(Math.trunc(v)))].join(":");
  // A programming error, not bad input: fail loudly in tests rather than with BUTTON_DATA_INVALID.
  if (Buffer.byteLength(data, "utf8") > CALLBACK_DATA_MAX_BYTES) {
    throw new Error(`callback-data: "${data}" is over ${CALLBACK_DATA_MAX_BYTES} bytes; carry an id instead`);
  }
  return data;
}

/**
 * Decodes data made by {@link encodeCallback} with the given prefix and number of values; returns
 * null for anything else (stale or forged buttons), never throws.
 */
export function decodeCallback(data: string | undefined, prefix: string, count: number): number[] | null {
  if (!data) return null;
  const parts = data.split(":");
  if (parts[0] !== prefix || parts.length !== count + 1) return null;
  const values = parts.slice(1).map((p) => (/^-?\d{1,15}$/.test(p) ? Number(p) : Number.NaN));
  return values.every(Number.isSafeInteger) ? values : null;
}
