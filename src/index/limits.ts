// Text limits the engine and the bot share; here so that pure index code can import them.

/**
 * Longest question searched, in characters; a longer message is cut at a word boundary first (the
 * first part carries the question). The bot and the engine keep to the same cap.
 */
export const QUESTION_MAX_CHARS = 500;
