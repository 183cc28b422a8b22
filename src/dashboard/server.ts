// `marquee serve`: a small node:http server. Routes are matched exactly (no file system paths are
// ever built from a URL), filters are validated before any query, the warehouse is opened read-only
// per request and closed again, and every response carries a strict Content-Security-Policy.
// Loopback is decided from the parsed address; a loopback server answers only its own Host names
// (DNS rebinding), anything else needs the access token on every request. Queries run a few at a
// time behind a bounded queue (then 503 + Retry-After); page results are cached per warehouse version.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkTokenStrength, requiredToken, TOKEN_PARAM, tokenCookie, verifyRequest } from './access-token.js';
import { allowedHostHeaders, BindAddressError, parseBindHost } from './bind-address.js';
import { clientScript, echartsScript } from './client-bundle.js';
import { computePage } from './compute.js';
import { FilterError, filterOptions, parseFilters } from './filters.js';
import { renderShell, SERVER_CSP } from './html.js';
import { BusyError, createLimiter } from './limiter.js';
import { createPageCache, warehouseVersion } from './page-cache.js';
import { PAGES } from './pages/index.js';
import { publicMessage } from './public-message.js';
import type { PageSpec } from './views.js';
import { warehouseFile, WarehouseUnavailableError, withWarehouse } from './warehouse.js';

export interface DashboardServerOptions {
  warehouse: string;
  /** Address to bind (default 127.0.0.1); an empty or unparsable one is refused. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  pages?: readonly PageSpec[];
  /**
   * Access token required on every request. Given: enforced whatever the address (tests force it on
   * loopback this way). Not given: generated when the address is not loopback, none on loopback.
   */
  token?: string;
  /** Page computations (warehouse queries) running at once (default 2: one per core here). */
  maxInFlight?: number;
  /** Computations waiting for a slot before further ones get 503 (default 16). */
  maxQueued?: number;
}

export interface DashboardServer {
  /** Base URL, without the token. */
  url: string;
  /** The URL to open: with `?token=` when a token is required (print it once, never log it). */
  accessUrl: string;
  host: string;
  port: number;
  loopback: boolean;
  /** The token in force, if any. */
  token?: string;
  close(): Promise<void>;
}

/** Seconds a client is told to wait after a 503. */
export const RETRY_AFTER_BUSY = 1;
export const RETRY_AFTER_LOCKED = 5;
const CACHED_PAGES = 256;
/** Policy of every response that is not the HTML shell: nothing may load, nothing may frame it. */
const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The only static files there are: name -> loader. */
const STATIC: Record<string, () => Promise<string>> = {
  'client.js': clientScript,
  'echarts.min.js': echartsScript,
};

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': NON_HTML_CSP,
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);
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

/** The message a client sees when the warehouse cannot be opened: no path, no process id. */
function unavailableMessage(error: WarehouseUnavailableError): string {
  switch (error.reason) {
    case 'missing':
      return 'No warehouse has been built yet: run the pipeline first (marquee run), then reload.';
    case 'locked':
      return 'The warehouse is open for writing by another process, probably a pipeline run: reload when it has finished.';
    case 'other':
      return 'The warehouse could not be opened; the details are in the server log.';
  }
}

export async function startServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const bind = await parseBindHost(options.host ?? '127.0.0.1');
  if (options.token !== undefined) {
    const weak = checkTokenStrength(options.token);
    if (weak) throw new BindAddressError(weak);
  }
  const token = requiredToken(bind.loopback, options.token);
  const pages = options.pages ?? PAGES;
  const byName = new Map(pages.map((p) => [p.name, p]));
  const limiter = createLimiter(options.maxInFlight ?? 2, options.maxQueued ?? 16);
  // Bodies are cached serialised: a cached answer is a string write, not a JSON.stringify of the page.
  const cache = createPageCache<string>(CACHED_PAGES);
  const databaseFile = warehouseFile(options.warehouse);
  let port = 0;
  let allowedHosts = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'Only GET is supported\n', { Allow: 'GET, HEAD' });
    // A page on another site cannot reach a loopback server through a rebound DNS name.
    if (bind.loopback && !allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
      return send(res, 400, 'text/plain; charset=utf-8', 'Unexpected Host header\n');
    }
    const rawUrl = req.url ?? '/';
    const rawPath = rawUrl.split('?')[0];
    if (suspiciousPath(rawPath)) return send(res, 400, 'text/plain; charset=utf-8', 'Bad path\n');
    const url = new URL(rawUrl, 'http://dashboard.invalid');
    const path = url.pathname;
    if (token !== undefined) {
      const verdict = verifyRequest(req, url, token);
      if (verdict === 'missing' || verdict === 'wrong') {
        const message =
          verdict === 'missing'
            ? 'Access token required: open the URL marquee serve printed (it ends in ?token=...), or send Authorization: Bearer TOKEN.'
            : 'Wrong access token.';
        return path.startsWith('/api/')
          ? sendJson(res, 401, { error: message })
          : send(res, 401, 'text/plain; charset=utf-8', `${message}\n`);
      }
      if (verdict === 'from-query') {
        // Trade the token in the URL for a cookie, and drop it from the address bar and history.
        url.searchParams.delete(TOKEN_PARAM);
        const rest = url.searchParams.toString();
        return send(res, 302, 'text/plain; charset=utf-8', '', {
          Location: `${path}${rest ? `?${rest}` : ''}`,
          'Set-Cookie': tokenCookie(token),
        });
      }
    }
    url.searchParams.delete(TOKEN_PARAM);

    if (path === '/') {
      return send(res, 302, 'text/plain; charset=utf-8', '', { Location: `/page/${pages[0].name}${url.search}` });
    }
    const staticMatch = /^\/static\/([a-z0-9.-]+)$/.exec(path);
    if (staticMatch && Object.hasOwn(STATIC, staticMatch[1])) {
      return send(res, 200, 'text/javascript; charset=utf-8', await STATIC[staticMatch[1]](), {
        'Cache-Control': token === undefined ? 'max-age=60' : 'private, max-age=60',
      });
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
          mode: 'server',
          page: page.name,
          pages: pages.map((p) => ({ name: p.name, title: p.title, ...(p.drillDown ? { drillDown: true } : {}) })),
          filterOptions: toArrays(filterOptions()),
          ...(filterError ? { error: filterError } : {}),
        },
        scripts: { kind: 'linked', urls: ['/static/echarts.min.js', '/static/client.js'] },
      });
      return send(res, filterError ? 400 : 200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': SERVER_CSP });
    }
    if (!filters) return sendJson(res, 400, { error: 'Bad filters' });
    try {
      url.searchParams.sort();
      const { value } = await cache.get(`${page.name}?${url.searchParams.toString()}`, warehouseVersion(databaseFile), () =>
        limiter.run(() => withWarehouse(options.warehouse, async (engine) => JSON.stringify(await computePage(engine, page, filters)))),
      );
      return send(res, 200, 'application/json; charset=utf-8', value);
    } catch (error) {
      if (error instanceof BusyError) {
        return sendJson(res, 503, { error: 'The dashboard is busy: try again in a moment.' }, { 'Retry-After': String(RETRY_AFTER_BUSY) });
      }
      if (error instanceof WarehouseUnavailableError) {
        process.stderr.write(`marquee serve: ${error.message}\n`);
        return sendJson(
          res,
          503,
          { error: unavailableMessage(error) },
          error.reason === 'locked' ? { 'Retry-After': String(RETRY_AFTER_LOCKED) } : {},
        );
      }
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
    server.listen(options.port ?? 0, bind.address, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(bind, port);
  const shownHost = bind.address.includes(':') ? `[${bind.address}]` : bind.address;
  const url = `http://${shownHost}:${port}`;
  return {
    url,
    accessUrl: token === undefined ? url : `${url}/?${TOKEN_PARAM}=${encodeURIComponent(token)}`,
    host: bind.address,
    port,
    loopback: bind.loopback,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function toArrays(options: ReturnType<typeof filterOptions>) {
  return {
    country: [...options.country],
    plan: [...options.plan],
    device: [...options.device],
    segment: [...options.segment],
    dateRange: options.dateRange,
  };
}
