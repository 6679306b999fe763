/** Options of {@link fetchResource}. */
export interface FetchResourceOptions {
  /** Give up after this long. Defaults to 15 000 ms. */
  timeoutMs?: number;
  /** Refuse bodies larger than this. Defaults to 5 MiB. */
  maxBytes?: number;
  /** ETag of the last successful fetch, sent as `If-None-Match`. */
  etag?: string | null;
  /** Last-Modified of the last successful fetch, sent as `If-Modified-Since`. */
  lastModified?: string | null;
  /** Defaults to `civic-bot`. */
  userAgent?: string;
}

/** What a fetch brought back. */
export type FetchedResource =
  | { status: "not-modified" }
  | { status: "ok"; body: string; url: string; etag: string | null; lastModified: string | null; contentType: string };

/** A file fetched as bytes (an attached PDF or Word file). */
export interface FetchedFile {
  bytes: Uint8Array;
  /** The final URL, after redirects. */
  url: string;
  contentType: string;
  /** The file name the server gives (`Content-Disposition`), or the last segment of the URL. */
  name: string;
}

/** Raised when a resource cannot be fetched; the message names the URL and the cause. */
export class FetchError extends Error {
  override readonly name = "FetchError";
  constructor(
    readonly url: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(`fetch ${url}: ${message}`);
  }
}

/**
 * GETs a feed or a page with a timeout, a size limit and conditional headers, and decodes it by its
 * declared charset (UTF-8 when none).
 *
 * @example
 * const r = await fetchResource("https://example.org/rss", { etag: saved.etag });
 * if (r.status === "ok") parse(r.body);
 */
export async function fetchResource(url: string, options: FetchResourceOptions = {}): Promise<FetchedResource> {
  const raw = await fetchRaw(url, options);
  if (raw.status === "not-modified") return raw;
  return {
    status: "ok",
    body: decode(raw.bytes, raw.contentType),
    url: raw.url,
    etag: raw.etag,
    lastModified: raw.lastModified,
    contentType: raw.contentType,
  };
}

/**
 * GETs a file (an attachment) as bytes, with a timeout and a size limit, and the name it is served under.
 *
 * @example
 * const file = await fetchFile("https://example.org/qd-123.pdf", { maxBytes: 30 * 1024 * 1024 });
 */
export async function fetchFile(url: string, options: Omit<FetchResourceOptions, "etag" | "lastModified"> = {}): Promise<FetchedFile> {
  const raw = await fetchRaw(url, options);
  if (raw.status === "not-modified") throw new FetchError(url, "answered 304 to an unconditional request");
  return { bytes: raw.bytes, url: raw.url, contentType: raw.contentType, name: fileNameOf(raw.disposition, raw.url) };
}

function fileNameOf(disposition: string | null, url: string): string {
  const star = disposition ? /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1] : undefined;
  const plain = disposition ? /filename\s*=\s*"?([^";]+)"?/.exec(disposition)?.[1] : undefined;
  let name = star ?? plain;
  if (name) {
    try {
      name = decodeURIComponent(name);
    } catch {
      // A name that is not percent-encoded stays as sent.
    }
  }
  if (!name) {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
    try {
      name = decodeURIComponent(last);
    } catch {
      name = last;
    }
  }
  return name.replace(/[\\/]/g, "_").trim() || "van-ban";
}

type RawResource =
  | { status: "not-modified" }
  | { status: "ok"; bytes: Uint8Array; url: string; etag: string | null; lastModified: string | null; contentType: string; disposition: string | null };

async function fetchRaw(url: string, options: FetchResourceOptions): Promise<RawResource> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const headers: Record<string, string> = {
    "user-agent": options.userAgent ?? "civic-bot",
    accept: "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5",
  };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: controller.signal, redirect: "follow" });
    } catch (err) {
      throw new FetchError(url, controller.signal.aborted ? `no answer within ${timeoutMs} ms` : describe(err));
    }
    if (response.status === 304) return { status: "not-modified" };
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchError(url, `HTTP ${response.status} ${response.statusText}`, response.status);
    }
    const declared = Number(response.headers.get("content-length") ?? "NaN");
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new FetchError(url, `body of ${declared} bytes is over the ${maxBytes}-byte limit`);
    }
    const bytes = await readLimited(response, url, maxBytes, controller, timeoutMs);
    return {
      status: "ok",
      bytes,
      url: response.url || url,
      etag: response.headers.get("etag"),
      lastModified: response.headers.get("last-modified"),
      contentType: response.headers.get("content-type") ?? "",
      disposition: response.headers.get("content-disposition"),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(
  response: Response,
  url: string,
  maxBytes: number,
  controller: AbortController,
  timeoutMs: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new FetchError(url, `body is over the ${maxBytes}-byte limit`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    throw new FetchError(url, controller.signal.aborted ? `no complete answer within ${timeoutMs} ms` : describe(err));
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The charset of a page or feed: the HTTP header's, else the one the document declares in its first bytes
 * (`<?xml … encoding="…"?>`, `<meta charset="…">`, `<meta http-equiv="Content-Type" content="…; charset=…">`), else
 * UTF-8. Older Vietnamese sites declare `windows-1258` only in their `<meta>`.
 */
export function declaredCharset(bytes: Uint8Array, contentType: string): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1];
  if (xml) return xml;
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  return meta ?? "utf-8";
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = declaredCharset(bytes, contentType);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function describe(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; message?: string };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
