import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, suspiciousPath, type DashboardServer } from '../../src/dashboard/server.js';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { filterTestPage, makeFixtureWarehouse, type FixtureWarehouse } from './fixture.js';

let fixture: FixtureWarehouse;
let server: DashboardServer;

beforeAll(async () => {
  fixture = await makeFixtureWarehouse();
  server = await startServer({ warehouse: fixture.dir, port: 0, pages: [...PAGES, filterTestPage] });
});
afterAll(async () => {
  await server?.close();
  fixture?.cleanup();
});

/** A raw GET: the path goes on the wire exactly as given (fetch would normalise `..`). */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard server', () => {
  it('binds to loopback by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the shell with a CSP and the page data as JSON', async () => {
    const shell = await get('/page/data-quality');
    expect(shell.status).toBe(200);
    expect(String(shell.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(shell.body).toContain('id="marquee-boot"');
    const api = await get('/api/page/data-quality');
    expect(api.status).toBe(200);
    const page = JSON.parse(api.body) as { views: Array<{ id: string; status: string }> };
    expect(page.views.map((v) => v.status)).toEqual(page.views.map(() => 'ok'));
    expect((await get('/')).headers.location).toBe('/page/overview');
    expect((await get('/static/client.js')).body).toContain('marquee-boot');
    expect((await get('/static/echarts.min.js')).status).toBe(200);
  });

  it('refuses path traversal and unknown files in static serving', async () => {
    const probes = [
      '/static/../../etc/passwd',
      '/static/..%2f..%2fetc%2fpasswd',
      '/static/%2e%2e/%2e%2e/etc/passwd',
      '/static/%252e%252e%252fetc%252fpasswd',
      '/static/..\\..\\etc\\passwd',
      '/static/..%5c..%5cetc%5cpasswd',
      '/../../../etc/passwd',
      '/static/client.js%00.png',
      '/static/',
      '/static/package.json',
      '/static/echarts.min.js/..',
      '/page/../../etc/passwd',
      '/api/page/..%2f..%2fetc%2fpasswd',
    ];
    for (const probe of probes) {
      const res = await get(probe);
      expect([400, 404], probe).toContain(res.status);
      expect(res.body, probe).not.toContain('root:');
    }
    expect(suspiciousPath('/static/client.js')).toBe(false);
    expect(suspiciousPath('/static/%2e%2e/x')).toBe(true);
  });

  it('rejects unknown pages, filters and values with 400/404, and SQL injection in every parameter', async () => {
    expect((await get('/api/page/nope')).status).toBe(404);
    expect((await get("/api/page/data-quality'%20OR%201=1")).status).toBe(404);
    const bad = ['colour=red', 'country=France', 'plan=Gold', 'from=2025-13-01', 'to=tomorrow'];
    for (const name of ['from', 'to', 'country', 'plan', 'device']) {
      for (const value of ["USA' OR '1'='1", "x'; DROP TABLE meta.runs; --", '1) UNION SELECT * FROM meta.runs --']) {
        bad.push(`${name}=${encodeURIComponent(value)}`);
      }
    }
    // Every real page validates before it queries, so the same inputs are refused there too.
    for (const name of PAGES.map((p) => p.name)) {
      for (const query of bad) expect((await get(`/api/page/${name}?${query}`)).status, `${name}?${query}`).toBe(400);
    }
    for (const query of bad) {
      const res = await get(`/api/page/filter-test?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.parse(res.body).error, query).toMatch(/filter/i);
      expect((await get(`/page/filter-test?${query}`)).status, query).toBe(400);
    }
    // The warehouse is untouched and still answers.
    const ok = JSON.parse((await get('/api/page/data-quality')).body) as { views: unknown[] };
    expect(ok.views.length).toBeGreaterThan(0);
  });

  it('filters change the numbers', async () => {
    const rows = async (query: string) =>
      (JSON.parse((await get(`/api/page/filter-test${query}`)).body) as { views: Array<{ table?: { rows: unknown[] } }> }).views[1].table!
        .rows;
    expect(await rows('')).toHaveLength(3);
    expect(await rows('?country=Canada&plan=Premium')).toEqual([
      { month: '2025-01', sessions: 40 },
      { month: '2025-02', sessions: 60 },
    ]);
  });

  it('only answers GET/HEAD and only for its own Host', async () => {
    expect((await get('/page/overview', {}, 'POST')).status).toBe(405);
    expect((await get('/page/overview', { Host: 'evil.example:80' })).status).toBe(400);
    expect((await get('/page/overview', { Host: `localhost:${server.port}` })).status).toBe(200);
  });
});
