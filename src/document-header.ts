import { escapeHtml } from "./html.js";
import { formatDate } from "./time-zone.js";

// One header for an official document wherever a citizen meets it (an answer, a list entry, the full text, a push):
// "Quyết định số 123/QĐ-UBND · ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ · ban hành 12/3/2024".

/** The fields a document header shows. */
export interface HeaderFields {
  type?: string;
  kind?: string | null;
  number: string | null;
  issuer: string | null;
  date: string | null;
}

/** Looks up a sentence of the locale files, as handlers' `ctx.t` and jobs' translators do. */
type T = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The facts line of an official document, HTML-escaped: kind and number, issuer, date of issue; null when the
 * document shows none of them (a news article).
 */
export function documentFacts(t: T, doc: HeaderFields): string | null {
  if (doc.type === "news") return null;
  const kind = doc.kind ?? null;
  const parts = [
    doc.number
      ? kind
        ? t("doc-kind-number", { kind: escapeHtml(kind), number: escapeHtml(doc.number) })
        : t("doc-number", { number: escapeHtml(doc.number) })
      : kind
        ? escapeHtml(kind)
        : null,
    doc.issuer ? escapeHtml(doc.issuer) : null,
    doc.date ? t("doc-issued", { date: formatDate(doc.date) }) : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(" · ") : null;
}
