// Burst benchmark of `marquee serve`: 500 requests at once against a server in its own process on
// 127.0.0.1, twice: (A) all for one cached page, (B) 450 for the cached page plus 50 distinct
// uncached filter sets, which overflow the bounded queue and must be answered 503 + Retry-After.
// Bounded: 1,000 requests in all, then the server is stopped and the figures written to
// bench/RESULTS.md (section bench:server-burst).
//
//   npx tsx bench/server-burst.ts [--warehouse DIR]   (default: a scale-0.02 warehouse built in a temp folder)
import { spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARQUEE, REPO_ROOT } from './lib/datasets.js';
import { describeMachine, machineInfo } from './lib/machine.js';
import { replaceSection } from './lib/results-file.js';

const BURST = 500;
const UNCACHED = 50;
const CACHED_PAGE = '/api/page/overview';

interface Reply {
  status: number;
  ms: number;
  retryAfter?: string;
  body: string;
}

function marquee(args: string[]): void {
  const run = spawnSync(MARQUEE[0], [...MARQUEE.slice(1), ...args], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 600_000 });
  if (run.status !== 0) throw new Error(`marquee ${args.join(' ')} failed:\n${run.stderr}`);
}

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function get(base: URL, path: string): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          retryAfter: res.headers['retry-after'] as string | undefined,
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];

function summary(replies: readonly Reply[]) {
  const ms = replies.map((r) => r.ms).sort((a, b) => a - b);
  const byStatus: Record<number, number> = {};
  for (const r of replies) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return { n: replies.length, p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), max: ms[ms.length - 1], byStatus };
}

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--warehouse');
  let warehouse = flag >= 0 ? process.argv[flag + 1] : undefined;
  const scratch = warehouse ? undefined : mkdtempSync(join(tmpdir(), 'marquee-burst-'));
  if (!warehouse) {
    process.stdout.write('building a scale-0.02 warehouse through gold ...\n');
    marquee(['generate', '--out', join(scratch!, 'data'), '--scale', '0.02', '--seed', '7']);
    marquee(['run', '--input', join(scratch!, 'data'), '--warehouse', join(scratch!, 'wh'), '--through', 'gold']);
    warehouse = join(scratch!, 'wh');
  }
  const machine = machineInfo();
  const server = spawn(MARQUEE[0], [...MARQUEE.slice(1), 'serve', '--warehouse', warehouse, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = await new Promise<URL>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('serve did not start in 60 s')), 60_000);
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Dashboard on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(new URL(m[1]));
        }
      });
      server.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const warm = await get(base, CACHED_PAGE);
    if (warm.status !== 200) throw new Error(`warming ${CACHED_PAGE} answered ${warm.status}`);

    const burstA = summary(await Promise.all(Array.from({ length: BURST }, () => get(base, CACHED_PAGE))));
    const days = Array.from({ length: UNCACHED }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    const cachedB = Array.from({ length: BURST - UNCACHED }, () => get(base, CACHED_PAGE));
    const uncachedB = days.map((d) => get(base, `/api/page/engagement?from=${d}`));
    const [repliesCached, repliesUncached] = await Promise.all([Promise.all(cachedB), Promise.all(uncachedB)]);
    const burstB = summary([...repliesCached, ...repliesUncached]);
    const cachedInB = summary(repliesCached);
    const busy = repliesUncached.filter((r) => r.status === 503);
    const busyWithRetry = busy.filter((r) => r.retryAfter !== undefined).length;
    const leaks = [...repliesCached, ...repliesUncached].filter(
      (r) => r.status >= 400 && (/\/(tmp|home|root|work)\//.test(r.body) || /\b(PID|process)\s*\d+/.test(r.body)),
    ).length;
    const after = await get(base, CACHED_PAGE);

    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const statusText = (s: Record<number, number>) =>
      Object.entries(s)
        .map(([k, v]) => `${v} x ${k}`)
        .join(', ');
    const body = `## Dashboard server burst (bench/server-burst.ts): ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

Machine: ${describeMachine(machine)}. The server runs in its own process (\`marquee serve\`, 2 queries in
flight, 16 queued, pages cached per warehouse version); the client opens one connection per request,
all at once, from this process. Warehouse: ${scratch ? 'generated scale 0.02, seed 7, through gold' : 'given with --warehouse'}.
Command: \`npx tsx bench/server-burst.ts\`.

| burst | requests | p50 | p99 | max | answers |
|---|---:|---:|---:|---:|---|
| A: cached page \`${CACHED_PAGE}\` | ${burstA.n} | ${f(burstA.p50)} | ${f(burstA.p99)} | ${f(burstA.max)} | ${statusText(burstA.byStatus)} |
| B: ${BURST - UNCACHED} cached + ${UNCACHED} uncached filter sets, all | ${burstB.n} | ${f(burstB.p50)} | ${f(burstB.p99)} | ${f(burstB.max)} | ${statusText(burstB.byStatus)} |
| B: the cached requests alone | ${cachedInB.n} | ${f(cachedInB.p50)} | ${f(cachedInB.p99)} | ${f(cachedInB.max)} | ${statusText(cachedInB.byStatus)} |

In burst B, ${busy.length} of ${UNCACHED} uncached requests were turned away with 503 (${busyWithRetry} with Retry-After);
error bodies naming a path or a PID: ${leaks}. After the bursts the server answered ${after.status} in ${f(after.ms)}.
Before the bound the same 500-request burst queued without limit and a normal request waited 28.8 s.`;
    replaceSection(join(REPO_ROOT, 'bench', 'RESULTS.md'), 'bench:server-burst', body);
    process.stdout.write(`${body}\n`);
  } finally {
    server.kill('SIGTERM');
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
