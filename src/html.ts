// Telegram's HTML parse mode (and the SVG of the poll chart) read `&`, `<`, `>` and `"` as markup:
// every text from a source, a citizen or staff goes through escapeHtml before it is put in a message.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/**
 * Escapes `&`, `<`, `>` and `"`, so that any text is safe in an HTML message, in an attribute
 * (`<a href="…">`) and in SVG.
 *
 * @example
 * escapeHtml('Quyết định <số 1> & "mới"'); // "Quyết định &lt;số 1&gt; &amp; &quot;mới&quot;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** Decodes the named entities Telegram HTML uses (`&amp;`, `&lt;`, `&gt;`, `&quot;`, …) and numeric ones. */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** What a reader sees of an HTML text: tags removed, entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, ""));
}
