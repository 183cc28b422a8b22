// Who may talk to the dashboard server, and how much at once: loopback decided from the parsed
// address, the Host allow list on every loopback spelling, the access token (forced on a 127.0.0.1
// server with `token`, since tests may not bind beyond loopback; the non-loopback decision itself is
// tested on requiredToken/parseBindHost), the concurrency bound and what error bodies may say.
import { spawn } from 'node:child_process';
import { request, Agent } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, requiredToken, sameToken } from '../../src/dashboard/access-token.js';
import { allowedHostHeaders, parseBindHost, parseIpv4 } from '../../src/dashboard/bind-address.js';
import { startServer, type DashboardServer } from '../../src/dashboard/server.js';
import { makeFixtureWarehouse, type FixtureWarehouse } from './fixture.js';
import { holdWriter } from './hold-writer.js';

let fixture: FixtureWarehouse;
beforeAll(async () => {
  fixture = await makeFixtureWarehouse();
});
afterAll(() => fixture?.cleanup());

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function get(server: DashboardServer, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: server.host, port: server.port, path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Nothing about the machine: no absolute path, no process id, no stack frame. */
function expectNothingPrivate(body: string, where: string): void {
  expect(body, where).not.toContain(fixture.dir);
  expect(body, where).not.toMatch(/\/(tmp|home|root|work|usr)\//);
  expect(body, where).not.toMatch(/\b(PID|pid|process)\s*\d+/);
  expect(body, where).not.toMatch(/\n\s+at /);
  expect(body, where).not.toContain(String(process.pid));
}

describe('bind address: loopback by parsed address', () => {
  it('parses every IPv4 spelling inet_aton accepts and refuses the rest', () => {
    expect(parseIpv4('127.1')).toBe('127.0.0.1');
    expect(parseIpv4('127.0.1')).toBe('127.0.0.1');
    expect(parseIpv4('0x7f.1')).toBe('127.0.0.1');
    expect(parseIpv4('2130706433')).toBe('127.0.0.1');
    expect(parseIpv4('0177.0.0.2')).toBe('127.0.0.2');
    expect(parseIpv4('256.0.0.1')).toBeUndefined();
    expect(parseIpv4('1.2.3.4.5')).toBeUndefined();
    expect(parseIpv4('localhost')).toBeUndefined();
  });

  it('decides loopback for 127.0.0.0/8, ::1 and localhost, and not for anything else', async () => {
    for (const host of [
      '127.0.0.1',
      '127.1',
      '127.0.0.2',
      '127.255.255.254',
      '0x7f.1',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ]) {
      expect((await parseBindHost(host)).loopback, host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '[::]', '10.0.0.1', '192.168.1.20', '128.0.0.1', '::ffff:10.0.0.1', '0']) {
      expect((await parseBindHost(host)).loopback, host).toBe(false);
    }
  });

  it('refuses an empty or unparsable --host with a clear error', async () => {
    await expect(parseBindHost('')).rejects.toThrow(/--host is empty/);
    await expect(parseBindHost('   ')).rejects.toThrow(/--host is empty/);
    await expect(parseBindHost('bad host')).rejects.toThrow(/not an IP address or host name/);
    await expect(parseBindHost('127.0.0.1:8080')).rejects.toThrow(/not an IP address or host name/);
    await expect(parseBindHost('no-such-host.invalid')).rejects.toThrow(/does not resolve/);
    await expect(startServer({ warehouse: fixture.dir, host: '' })).rejects.toThrow(/--host is empty/);
  });

  it('requires a token beyond loopback (generated when not given) and honours a given one everywhere', () => {
    const generated = requiredToken(false, undefined);
    expect(generated).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(requiredToken(false, undefined)).not.toBe(generated);
    expect(requiredToken(true, undefined)).toBeUndefined();
    expect(requiredToken(true, 'given-token-0123456789')).toBe('given-token-0123456789');
    expect(requiredToken(false, 'given-token-0123456789')).toBe('given-token-0123456789');
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
  });

  it('lists only loopback names and the bound spelling as Host headers', async () => {
    const hosts = allowedHostHeaders(await parseBindHost('127.1'), 8080);
    expect([...hosts].sort()).toEqual(['127.0.0.1:8080', '127.1:8080', '[::1]:8080', 'localhost:8080']);
  });
});

describe('Host-header attack on every loopback spelling', () => {
  for (const spelling of ['127.0.0.1', '127.1', '127.0.0.2', 'localhost', '[::1]']) {
    it(`bound to ${spelling}: a foreign Host gets 400, its own names 200`, async () => {
      const server = await startServer({ warehouse: fixture.dir, host: spelling, port: 0 });
      try {
        expect(server.loopback).toBe(true);
        expect(server.token).toBeUndefined();
        for (const evil of [
          'evil.example',
          `evil.example:${server.port}`,
          `attacker.test:${server.port}`,
          `127.0.0.1.evil.example:${server.port}`,
          `127.0.0.1:${server.port + 1}`,
        ]) {
          const res = await get(server, '/api/page/lineage', { Host: evil });
          expect(res.status, `${spelling} Host ${evil}`).toBe(400);
        }
        const own = server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
        expect((await get(server, '/api/page/lineage', { Host: own })).status).toBe(200);
        expect((await get(server, '/page/lineage', { Host: `localhost:${server.port}` })).status).toBe(200);
      } finally {
        await server.close();
      }
    });
  }
});

describe('access token (forced on a 127.0.0.1 server)', () => {
  const token = generateToken();
  let server: DashboardServer;
  beforeAll(async () => {
    server = await startServer({ warehouse: fixture.dir, port: 0, token });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses every path without the token or with a wrong one, never echoing it', async () => {
    expect(server.accessUrl).toBe(`${server.url}/?token=${token}`);
    for (const path of ['/', '/page/lineage', '/api/page/lineage', '/static/client.js', '/static/echarts.min.js', '/nope']) {
      const missing = await get(server, path);
      expect(missing.status, path).toBe(401);
      expect(missing.body, path).toMatch(/token/i);
      const wrongs: Record<string, string>[] = [
        { Authorization: 'Bearer wrong-token-wrong-token' },
        { Cookie: 'marquee_token=wrong-token-wrong' },
        { Authorization: `Bearer ${token}x` },
      ];
      for (const headers of wrongs) {
        const wrong = await get(server, path, headers);
        expect(wrong.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(wrong.body).not.toContain(token);
      }
      expect((await get(server, `${path}${path.includes('?') ? '&' : '?'}token=${token.slice(0, -1)}`)).status, path).toBe(401);
    }
  });

  it('trades the token in the URL for an HttpOnly SameSite cookie, then answers with the cookie or a bearer header', async () => {
    const first = await get(server, `/page/lineage?token=${encodeURIComponent(token)}&country=Canada`);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/page/lineage?country=Canada');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`marquee_token=${token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = { Cookie: `other=1; marquee_token=${token}` };
    expect((await get(server, '/page/lineage', withCookie)).status).toBe(200);
    expect((await get(server, '/api/page/lineage', withCookie)).status).toBe(200);
    expect((await get(server, '/static/client.js', withCookie)).status).toBe(200);
    expect((await get(server, '/api/page/lineage', { Authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('refuses a weak token', async () => {
    await expect(startServer({ warehouse: fixture.dir, port: 0, token: 'short' })).rejects.toThrow(/at least 16 characters/);
  });
});

describe('security headers', () => {
  it('sends a strict CSP (own scripts only, no framing) and nosniff on every response', async () => {
    const server = await startServer({ warehouse: fixture.dir, port: 0 });
    try {
      for (const path of ['/page/lineage', '/api/page/lineage', '/static/client.js', '/nope', '/page/lineage?plan=Gold']) {
        const res = await get(server, path);
        expect(res.headers['x-content-type-options'], path).toBe('nosniff');
        expect(res.headers['x-frame-options'], path).toBe('DENY');
        expect(String(res.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
        expect(String(res.headers['content-security-policy']), path).not.toMatch(/unsafe-inline[^;]*;.*script-src|script-src[^;]*unsafe/);
      }
      expect(String((await get(server, '/page/lineage')).headers['content-security-policy'])).toContain("script-src 'self'");
    } finally {
      await server.close();
    }
  });
});

describe('bounded concurrency and the page cache', () => {
  it('answers a burst of 500 requests: every cached page answered (p99 bounded), excess uncached work 503 with Retry-After, no crash', async () => {
    // The server runs in its own process, as `marquee serve` does (2 in flight, 16 queued), so the
    // 500 client connections made here do not share its CPU share on a busy machine.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(process.cwd(), 'src', 'cli', 'main.ts'), 'serve', '--warehouse', fixture.dir, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    try {
      const server = await new Promise<DashboardServer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('serve did not start within 60 s')), 60_000);
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Dashboard on http:\/\/(127\.0\.0\.1):(\d+)\//.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve({ host: m[1], port: Number(m[2]) } as DashboardServer);
          }
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`serve exited ${code}: ${stderr}`));
        });
      });
      expect((await get(server, '/api/page/data-quality')).status).toBe(200); // warm the cache
      // 500 requests of the cached page at once.
      const cached = await Promise.all(Array.from({ length: 500 }, () => get(server, '/api/page/data-quality')));
      expect(cached.every((r) => r.status === 200)).toBe(true);
      const times = cached.map((r) => r.ms).sort((a, b) => a - b);
      const p99 = times[Math.floor(0.99 * (times.length - 1))];
      // The 2 s p99 target is measured on a quiet machine by bench/server-burst.ts (bench/RESULTS.md);
      // here, beside another test file on 2 cores, the bound only catches a queue that starves requests
      // (before the limiter a normal request waited 28.8 s).
      expect(p99).toBeLessThan(10_000);
      // Then 100 distinct uncached filter sets at once: 2 computing, 16 waiting, the rest turned away.
      const days = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
      const uncached = await Promise.all(days.map((d) => get(server, `/api/page/engagement?from=${d}`)));
      const statuses = new Set(uncached.map((r) => r.status));
      expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
      const busy = uncached.filter((r) => r.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(uncached.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(18);
      for (const r of busy) {
        expect(r.headers['retry-after']).toBe('1');
        expect(JSON.parse(r.body).error).toMatch(/busy/);
        expectNothingPrivate(r.body, '503 busy');
      }
      // Still serving afterwards, with no crash or stack on stderr.
      expect((await get(server, `/api/page/engagement?from=${days[0]}`)).status).toBe(200);
      expect(child.exitCode).toBeNull();
      expect(stderr).not.toMatch(/Error|at /);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('recomputes when the warehouse changes', async () => {
    const { DuckDbEngine } = await import('../../src/engine/duckdb/engine.js');
    const server = await startServer({ warehouse: fixture.dir, port: 0 });
    try {
      const runs = async () => (JSON.parse((await get(server, '/api/page/lineage')).body) as { views: unknown[] }).views;
      const before = JSON.stringify(await runs());
      expect(JSON.stringify(await runs())).toBe(before);
      const engine = await DuckDbEngine.open({ path: join(fixture.dir, 'marquee.duckdb') });
      await engine.exec(`UPDATE meta.step_runs SET duration_ms = duration_ms + 123456`);
      await engine.close();
      expect(JSON.stringify(await runs())).not.toBe(before);
    } finally {
      await server.close();
    }
  });
});

describe('error bodies carry no path, PID or stack', () => {
  it('on a locked warehouse, a missing one, and every 4xx', async () => {
    const writer = await holdWriter(join(fixture.dir, 'marquee.duckdb'));
    const server = await startServer({ warehouse: fixture.dir, port: 0 });
    const missing = await startServer({ warehouse: join(fixture.dir, 'no-such-warehouse'), port: 0 });
    try {
      const locked = await get(server, '/api/page/overview');
      expect(locked.status).toBe(503);
      expect(locked.headers['retry-after']).toBe('5');
      expect(JSON.parse(locked.body).error).toMatch(/open for writing by another process/);
      expectNothingPrivate(locked.body, 'locked');
      expect(locked.body).not.toContain(String(writer.pid));
      const none = await get(missing, '/api/page/overview');
      expect(none.status).toBe(503);
      expectNothingPrivate(none.body, 'missing');
      for (const [path, headers] of [
        ['/api/page/nope', {}],
        ['/static/../../etc/passwd', {}],
        ['/api/page/lineage?plan=Gold', {}],
        ['/page/lineage', { Host: 'evil.example' }],
      ] as const) {
        const res = await get(server, path, headers);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expectNothingPrivate(res.body, path);
      }
    } finally {
      writer.kill();
      await server.close();
      await missing.close();
    }
  });
});
