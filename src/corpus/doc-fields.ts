import type { CorpusDoc, DocType } from "../index/types.js";
import { cleanText } from "./clean-text.js";
import { parseDate } from "./parse-date.js";

const DOC_TYPES: readonly DocType[] = ["news", "document"];

/** The outcome of checking one record's fields: a document, or the first thing wrong with it. */
export type FieldsResult = { ok: true; doc: CorpusDoc } | { ok: false; message: string; field?: string };

/**
 * Checks the fields shared by the Markdown front matter and the JSON Lines records and builds a document.
 * `type` defaults to `news`; `date` accepts `YYYY-MM-DD`, `D-M-YYYY` and `D/M/YYYY`; `number` may be written as a
 * YAML/JSON number; `tags` is a list of strings or one comma-separated string.
 */
export function docFromFields(fields: Record<string, unknown>, fallbackId: string): FieldsResult {
  const fail = (message: string, field?: string): FieldsResult => ({ ok: false, message, ...(field ? { field } : {}) });
  const text = (key: string): string | null | Error => {
    const value = fields[key];
    if (value === undefined || value === null) return null;
    if (typeof value === "number" && key !== "title" && key !== "body") return String(value);
    if (typeof value !== "string") return new Error(`"${key}" must be a string, found ${JSON.stringify(value)}`);
    const cleaned = cleanText(value).trim();
    return cleaned === "" ? null : cleaned;
  };
  const values: Record<string, string | null> = {};
  for (const key of ["id", "title", "body", "date", "time", "url", "number", "issuer", "source"]) {
    const value = text(key);
    if (value instanceof Error) return fail(value.message, key);
    values[key] = value;
  }
  if (!values.title) return fail('missing "title"');
  if (!values.body) return fail('missing "body" (the document text)');
  const type = fields.type ?? "news";
  if (!DOC_TYPES.includes(type as DocType)) {
    return fail(`"type" must be "news" or "document", found ${JSON.stringify(type)}`, "type");
  }
  let date: string | null = null;
  if (values.date) {
    date = parseDate(values.date);
    if (!date) return fail(`"date" ${JSON.stringify(values.date)} is not a date; write 2024-05-22, 22-5-2024 or 22/5/2024`, "date");
  }
  if (values.time && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(values.time)) {
    return fail(`"time" ${JSON.stringify(values.time)} is not a time of day; write 10:25`, "time");
  }
  const tags = parseTags(fields.tags);
  if (tags instanceof Error) return fail(tags.message, "tags");
  return {
    ok: true,
    doc: {
      id: values.id ?? fallbackId,
      type: type as DocType,
      title: values.title,
      body: values.body,
      date,
      ...(values.time ? { time: values.time.padStart(5, "0") } : {}),
      url: values.url ?? null,
      number: values.number ?? null,
      issuer: values.issuer ?? null,
      source: values.source ?? null,
      tags,
    },
  };
}

function parseTags(value: unknown): string[] | Error {
  if (value === undefined || value === null) return [];
  const list = typeof value === "string" ? value.split(",") : value;
  if (!Array.isArray(list) || !list.every((t) => typeof t === "string")) {
    return new Error(`"tags" must be a list of strings, found ${JSON.stringify(value)}`);
  }
  return list.map((t: string) => cleanText(t).trim()).filter((t) => t !== "");
}
