// Benchmark of `marquee generate`: rows/s and peak memory at scale 1 and 10 (pass scales as
// arguments to change that, e.g. `npx tsx bench/generate.ts 1 10 100`). Each run is a child process
// so its peak RSS (process.resourceUsage().maxRSS) is its own. Writes a dated section to
// bench/RESULTS.md (between bench:generate markers; a new run replaces it). Target: scale 10 in under 20 s and under 500 MB peak.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDataset } from '../src/generate/index.js';

interface RunResult {
  scale: number;
  rows: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

const ROOT = resolve(import.meta.dirname, '..');
const START = '<!-- bench:generate:start -->';
const END = '<!-- bench:generate:end -->';

async function child(scale: number): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'marquee-bench-generate-'));
  try {
    const started = performance.now();
    const result = await generateDataset({ out: join(root, 'data'), scale, seed: 42, signal: 'realistic' });
    const wallSeconds = (performance.now() - started) / 1000;
    const usage = process.resourceUsage();
    const out: RunResult = {
      scale,
      rows: result.totalRows,
      wallSeconds,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peakRssMb: usage.maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function runChild(scale: number): RunResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/generate.ts', '--child', String(scale)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`scale ${scale} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as RunResult;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(Number(args[1]));
  const scales = args.length > 0 ? args.map(Number) : [1, 10];
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const results: RunResult[] = [];
  for (const scale of scales) {
    const r = runChild(scale);
    results.push(r);
    process.stdout.write(
      `scale ${scale}: ${r.rows} rows in ${r.wallSeconds.toFixed(1)} s (${Math.round(r.rows / r.wallSeconds)} rows/s wall, ${r.cpuSeconds.toFixed(1)} s CPU), peak ${r.peakRssMb.toFixed(0)} MB\n`,
    );
  }
  const cpu = cpus();
  const lines = [
    '',
    `## generate: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB memory, Node ${process.version}.`,
    `Load average at start (1/5/15 min): ${load}. The machine is shared with other jobs, so wall-clock`,
    'times depend on contention; CPU seconds (user + system of the generating process) are the steadier figure.',
    'Wall s times the generateDataset call alone; CPU s and peak RSS cover the whole child process (Node + tsx start-up included).',
    `Command: \`npx tsx bench/generate.ts${args.length > 0 ? ` ${args.join(' ')}` : ''}\` (seed 42, signal realistic, one child process per scale).`,
    '',
    '| scale | rows | wall s | rows/s (wall) | CPU s | rows/s (CPU) | peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.scale} | ${r.rows.toLocaleString('en-US')} | ${r.wallSeconds.toFixed(1)} | ${Math.round(r.rows / r.wallSeconds).toLocaleString('en-US')} | ${r.cpuSeconds.toFixed(1)} | ${Math.round(r.rows / r.cpuSeconds).toLocaleString('en-US')} | ${r.peakRssMb.toFixed(0)} |`,
    ),
    '',
    'Target: scale 10 in under 20 s and under 500 MB peak.',
    '',
  ];
  // Like the other benchmarks, the section sits between markers and a new run replaces it.
  const file = join(ROOT, 'bench', 'RESULTS.md');
  const section = `${START}\n${lines.join('\n').trim()}\n${END}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const at = old.indexOf(START);
  const until = old.indexOf(END);
  const next = at >= 0 && until > at ? old.slice(0, at) + section + old.slice(until + END.length) : `${old.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  process.stdout.write(`Wrote the generate section of ${file}\n`);
}

await main();
