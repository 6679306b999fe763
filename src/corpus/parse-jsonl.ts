import { docFromFields } from "./doc-fields.js";
import { idFromPath } from "./clean-text.js";
import type { ParsedFile } from "./types.js";

/**
 * Parses JSON Lines, one document a line: `{"id", "type", "title", "body", "date"?, "url"?, "number"?, "issuer"?,
 * "source"?, "tags"?}`. Blank lines are skipped; a bad line is reported with its number and skipped. A record
 * without `id` gets `<path without extension>:<line>` (stable as long as the lines above it do not move).
 *
 * @example parseJsonl('{"id":"a","title":"T","body":"B"}', "news.jsonl").docs[0].type // "news"
 */
export function parseJsonl(text: string, path: string): ParsedFile {
  const result: ParsedFile = { docs: [], lines: [], problems: [] };
  const base = idFromPath(path);
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    const source = (i === 0 ? raw.replace(/^\uFEFF/, "") : raw).trim();
    if (source === "") return;
    let record: unknown;
    try {
      record = JSON.parse(source);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      result.problems.push({ path, line, message: `invalid JSON (${reason}); each line must be one JSON object` });
      return;
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      result.problems.push({ path, line, message: "each line must be one JSON object, found " + typeof record });
      return;
    }
    const checked = docFromFields(record as Record<string, unknown>, `${base}:${line}`);
    if (!checked.ok) {
      result.problems.push({ path, line, message: checked.message });
      return;
    }
    result.docs.push(checked.doc);
    result.lines.push(line);
  });
  return result;
}
