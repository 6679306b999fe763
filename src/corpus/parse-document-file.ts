import { basename } from "node:path";
import type { CorpusDoc } from "../index/types.js";
import { parseAdminLayout } from "./admin-layout.js";
import { idFromPath } from "./clean-text.js";
import { readDocumentFile, type ReadDocumentOptions } from "./read-document-file.js";

/** What a listing row or a feed item says of a document; each given field wins over what the file's text shows. */
export interface DocumentOverrides {
  id?: string;
  title?: string | null;
  number?: string | null;
  date?: string | null;
  issuer?: string | null;
  url?: string | null;
  source?: string | null;
  tags?: string[];
}

/**
 * Reads a PDF, DOCX or DOC file into one corpus document: the text (OCR'd where scanned), the administrative layout's
 * metadata (issuer, number, date, kind, title from the summary, signer), and the body without header, recipients and
 * signature. The title is, in order: the overrides', the file's own properties', the layout's, the file name.
 * Throws `DocumentFileError` (with the reason) for a file that cannot be read.
 */
export async function parseDocumentFile(
  bytes: Uint8Array,
  path: string,
  overrides: DocumentOverrides = {},
  options: ReadDocumentOptions = {},
): Promise<CorpusDoc> {
  const read = await readDocumentFile(bytes, path, options);
  const text = read.pages.join("\n");
  const { meta, body } = parseAdminLayout(text);
  const name = basename(path);
  const pick = <T>(...values: Array<T | null | undefined>): T | null => values.find((v) => v !== undefined && v !== null && v !== "") ?? null;
  return {
    id: overrides.id ?? idFromPath(path),
    type: "document",
    title: pick(overrides.title, read.title, meta.title, meta.summary) ?? name.replace(/\.[a-z]+$/i, ""),
    body: body.trim() === "" ? text.trim() : body,
    date: pick(overrides.date, meta.date),
    url: overrides.url ?? null,
    number: pick(overrides.number, meta.number),
    issuer: pick(overrides.issuer, meta.issuer),
    source: overrides.source ?? null,
    tags: overrides.tags ?? [],
    kind: meta.kind,
    signer: meta.signer,
    file: { sha256: read.sha256, name, mime: read.mime, bytes: bytes.length },
  };
}
