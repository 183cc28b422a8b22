// `marquee serve`: a small node:http server. Routes are matched exactly (no file system paths are
// ever built from a URL), filters are validated before any query, the warehouse is opened read-only
// per request and closed again, and every response carries a strict Content-Security-Policy.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientScript, echartsScript } from './client-bundle.js';
import { computePage } from './compute.js';
import { FilterError, filterOptions, parseFilters } from './filters.js';
import { renderShell, SERVER_CSP } from './html.js';
import { PAGES } from './pages/index.js';
import type { PageSpec } from './views.js';
import { WarehouseUnavailableError, withWarehouse } from './warehouse.js';

export interface DashboardServerOptions {
  warehouse: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  pages?: readonly PageSpec[];
}

export interface DashboardServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** The only static files there are: name -> loader. */
const STATIC: Record<string, () => Promise<string>> = {
  'client.js': clientScript,
  'echarts.min.js': echartsScript,
};

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/**
 * Reject a raw request path that tries to climb or smuggle separators: `..` segments, encoded dots,
 * slashes or backslashes, NUL. Routing is exact-match anyway; this turns such probes into a clear 400.
 */
export function suspiciousPath(rawPath: string): boolean {
  let decoded = rawPath;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(decoded); i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return true;
    }
  }
  return /(^|[/\\])\.\.([/\\]|$)/.test(decoded) || decoded.includes('\\') || decoded.includes('\0') || /%2f|%5c|%2e/i.test(rawPath);
}

/** Serialise warehouse access: one read-only DuckDB instance at a time. */
function queue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}

export async function startServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const pages = options.pages ?? PAGES;
  const byName = new Map(pages.map((p) => [p.name, p]));
  const serial = queue();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Only GET is supported\n', { Allow: 'GET, HEAD' });
    // A page on another site cannot reach a loopback server through a rebound DNS name.
    if (isLoopback(host) && !allowedHosts().has(String(req.headers.host ?? ''))) {
      return send(res, 400, 'text/plain; charset=utf-8', 'Unexpected Host header\n');
    }
    const rawUrl = req.url ?? '/';
    const rawPath = rawUrl.split('?')[0];
    if (suspiciousPath(rawPath)) return send(res, 400, 'text/plain; charset=utf-8', 'Bad path\n');
    const url = new URL(rawUrl, 'http://dashboard.invalid');
    const path = url.pathname;

    if (path === '/') {
      return send(res, 302, 'text/plain; charset=utf-8', '', { Location: `/page/${pages[0].name}${url.search}` });
    }
    const staticMatch = /^\/static\/([a-z0-9.-]+)$/.exec(path);
    if (staticMatch && Object.hasOwn(STATIC, staticMatch[1])) {
      return send(res, 200, 'text/javascript; charset=utf-8', await STATIC[staticMatch[1]](), { 'Cache-Control': 'max-age=60' });
    }
    const pageMatch = /^\/(page|api\/page)\/([a-z0-9-]+)$/.exec(path);
    const page = pageMatch ? byName.get(pageMatch[2]) : undefined;
    if (!pageMatch || !page) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');

    let filters;
    let filterError: string | undefined;
    try {
      filters = parseFilters(url.searchParams);
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      if (pageMatch[1] !== 'page') return sendJson(res, 400, { error: error.message });
      filterError = error.message;
    }

    if (pageMatch[1] === 'page') {
      // A bad URL still gets the page shell: the client shows the error inside it, with a reset link.
      const html = renderShell({
        title: page.title,
        boot: {
          mode: 'server', page: page.name, pages: pages.map((p) => ({ name: p.name, title: p.title, ...(p.drillDown ? { drillDown: true } : {}) })),
          filterOptions: toArrays(filterOptions()), ...(filterError ? { error: filterError } : {}),
        },
        scripts: { kind: 'linked', urls: ['/static/echarts.min.js', '/static/client.js'] },
      });
      return send(res, filterError ? 400 : 200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': SERVER_CSP });
    }
    if (!filters) return sendJson(res, 400, { error: 'Bad filters' });
    try {
      const result = await serial(() => withWarehouse(options.warehouse, (engine) => computePage(engine, page, filters)));
      return sendJson(res, 200, result);
    } catch (error) {
      if (error instanceof WarehouseUnavailableError) return sendJson(res, 503, { error: error.message });
      throw error;
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`marquee serve: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error (details in the server log)' });
      else res.end();
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    host,
    port,
    close: () => new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}

function toArrays(options: ReturnType<typeof filterOptions>) {
  return { country: [...options.country], plan: [...options.plan], device: [...options.device], dateRange: options.dateRange };
}
