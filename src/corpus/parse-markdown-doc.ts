import { parseDocument } from "yaml";
import { cleanText, idFromPath } from "./clean-text.js";
import { docFromFields } from "./doc-fields.js";
import type { ParsedFile } from "./types.js";

/**
 * Parses a Markdown document with YAML front matter (`title`, `date`, `url`, `type`, `number`, `issuer`, `tags`,
 * optionally `id` and `source`) into one document. The body is the Markdown turned into plain text (headings,
 * emphasis and link syntax removed) so that it reads and indexes like the other formats. Without a `title`, the
 * first `# heading` is used; without an `id`, one is derived from `path`.
 *
 * @example parseMarkdownDoc("---\ntitle: Kết luận 21\ntype: document\n---\nNội dung.", "kl-21.md")
 */
export function parseMarkdownDoc(text: string, path: string): ParsedFile {
  const fail = (line: number | null, message: string): ParsedFile => ({
    docs: [],
    lines: [],
    problems: [{ path, line, message }],
  });
  const lines = cleanText(text).split(/\r?\n/);
  if (lines[0]?.trim() !== "---") return fail(1, 'no front matter: the file must start with a "---" line');
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return fail(1, 'front matter is not closed: add a "---" line after it');
  const yaml = parseDocument(lines.slice(1, end).join("\n"));
  const yamlError = yaml.errors[0];
  if (yamlError) {
    // YAML positions count from the line after the opening "---".
    const line = yamlError.linePos?.[0].line ?? 0;
    const reason = yamlError.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    return fail(line + 1, `bad front matter: ${reason}`);
  }
  const fields: unknown = yaml.toJS();
  if (fields !== null && (typeof fields !== "object" || Array.isArray(fields))) {
    return fail(2, "bad front matter: expected `key: value` lines");
  }
  const record: Record<string, unknown> = { ...((fields ?? {}) as Record<string, unknown>) };
  let bodyLines = lines.slice(end + 1);
  if (record.title === undefined || record.title === null) {
    const heading = bodyLines.findIndex((l) => /^#\s+\S/.test(l));
    if (heading >= 0) {
      record.title = bodyLines[heading]!.replace(/^#\s+/, "").trim();
      bodyLines = bodyLines.filter((_, i) => i !== heading);
    }
  }
  record.body = markdownToText(bodyLines.join("\n"));
  const checked = docFromFields(record, idFromPath(path));
  if (!checked.ok) {
    // Point at the offending front matter line when there is one.
    const at = checked.field ? lines.slice(1, end).findIndex((l) => l.startsWith(`${checked.field}:`)) : -1;
    return fail(at >= 0 ? at + 2 : 1, checked.message);
  }
  return { docs: [checked.doc], lines: [1], problems: [] };
}

// Plain text from the Markdown a communications office writes: no HTML, tables or code blocks are expected.
function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/^\s{0,3}>\s?/, "")
        .replace(/(\*\*|__)(.+?)\1/g, "$2")
        .replace(/(^|[^\w*])\*(?!\s)(.+?)\*(?!\w)/g, "$1$2")
        .trim(),
    )
    .filter((line) => line !== "" && !/^([-*_]\s*){3,}$/.test(line))
    .join("\n");
}
