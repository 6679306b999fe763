import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/** A real item from the fixtures (DANeS headlines). */
export interface FixtureItem {
  id: string;
  title: string;
  url: string;
  description: string;
  topics: string[];
}

/** The DANeS items copied into tests/fixtures. */
export function fixtureItems(): FixtureItem[] {
  const path = fileURLToPath(new URL("../fixtures/feeds/danes-items.jsonl", import.meta.url));
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FixtureItem);
}

/** The saved seed page text (Thành ủy Đông Hà, 22-5-2024). */
export function seedPageText(): string {
  return readFileSync(fileURLToPath(new URL("../fixtures/pages/dongha-2024-05-22-xay-dung-dang.txt", import.meta.url)), "utf8");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An RSS 2.0 feed of the items, newest first, dated one hour apart before `newest`. */
export function rssOf(items: readonly FixtureItem[], newest = Date.parse("2021-10-20T08:00:00Z")): string {
  const entries = items
    .map(
      (it, i) => `<item><title>${esc(it.title)}</title><link>${esc(it.url)}</link><guid isPermaLink="false">${it.id}</guid>
<description>${esc(it.description)}</description>${it.topics.map((t) => `<category>${esc(t)}</category>`).join("")}
<pubDate>${new Date(newest - i * 3_600_000).toUTCString()}</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin mới</title><link>https://example.org/</link><description>Tin</description>\n${entries}\n</channel></rss>`;
}

/** An Atom feed of the items. */
export function atomOf(items: readonly FixtureItem[]): string {
  const entries = items
    .map(
      (it) => `<entry><title>${esc(it.title)}</title><link href="${esc(it.url)}"/><id>urn:danes:${it.id}</id>
<updated>2021-10-20T08:00:00Z</updated><summary>${esc(it.description)}</summary></entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Văn bản mới</title><id>urn:vb</id><updated>2021-10-20T08:00:00Z</updated>\n${entries}\n</feed>`;
}

/** A listing page without a feed, like a government portal's news list. */
export function listingOf(entries: ReadonlyArray<{ href: string; title: string; date?: string }>): string {
  const lis = entries
    .map((e) => `<li class="news-item"><a class="title" href="${esc(e.href)}">${esc(e.title)}</a><span class="date">${e.date ?? ""}</span></li>`)
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Tin tức</title></head><body><div class="menu"><a href="/">Trang chủ</a></div><ul class="list">${lis}</ul></body></html>`;
}

/** The saved page text turned back into an article page with the site's side boxes. */
export function articlePageOf(text: string): string {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
  const [site, title, stamp, ...rest] = lines;
  const end = rest.findIndex((l) => l === "Các tin khác");
  const body = end >= 0 ? rest.slice(0, end) : rest;
  const chrome = end >= 0 ? rest.slice(end) : [];
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(site ?? "")}</title></head><body>
<div class="header"><a href="/">${esc(site ?? "")}</a></div>
<div class="detail"><h1 class="title">${esc(title ?? "")}</h1><div class="time">${esc(stamp ?? "")}</div>
<div class="content">${body.map((p) => `<p>${esc(p)}</p>`).join("\n")}</div></div>
<div class="side">${chrome.map((p) => `<h3>${esc(p)}</h3><ul><li><a href="/x">Tin khác</a></li></ul>`).join("\n")}</div>
</body></html>`;
}

/** What a route answers. */
export interface Route {
  /** Text, or the bytes of a file (an attached PDF). */
  body: string | Buffer;
  contentType?: string;
  status?: number;
  etag?: string;
  lastModified?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** A local HTTP server serving feeds and pages, honouring conditional requests, recording every request. */
export interface FeedServer {
  url(path: string): string;
  set(path: string, route: Route): void;
  requests: Array<{ path: string; headers: IncomingHttpHeaders; status: number }>;
  close(): Promise<void>;
}

/** Starts a feed server on 127.0.0.1 with a free port. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer["requests"] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    const route = routes.get(path);
    const answer = () => {
      if (!route) {
        requests.push({ path, headers: req.headers, status: 404 });
        res.writeHead(404).end("not found");
        return;
      }
      const fresh =
        (route.etag && req.headers["if-none-match"] === route.etag) ||
        (route.lastModified && req.headers["if-modified-since"] === route.lastModified);
      const status = fresh ? 304 : (route.status ?? 200);
      requests.push({ path, headers: req.headers, status });
      const headers: Record<string, string> = { "content-type": route.contentType ?? "application/rss+xml; charset=utf-8" };
      if (route.etag) headers.etag = route.etag;
      if (route.lastModified) headers["last-modified"] = route.lastModified;
      res.writeHead(status, headers);
      res.end(fresh ? undefined : route.body);
    };
    if (route?.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, route.delayMs);
      timers.add(timer);
    } else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set: (path, route) => void routes.set(path, route),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
