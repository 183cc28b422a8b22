// Times the ML layer as a run runs it: `marquee run --select ml+` (the six ML steps and the gold steps
// that wait for them) on a scratch copy of a warehouse built through gold, once per thread count of
// --threads (default 1,2: the steps one by one in the main thread, then two at a time in worker
// threads), alternating for --rounds rounds. Prints wall seconds, CPU seconds and peak memory per run with the
// load average and the run's timeline (when each step started and ended), then the medians. The compiled CLI (bin/marquee.js) runs, as `npm start` runs it.
//
//   npx tsx bench/ml-layer.ts --warehouse DIR --input DIR [--threads 1,2] [--rounds 1]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { REPO_ROOT } from '../src/install-paths.js';
import { warehouseDbPath } from '../src/warehouse/layout.js';
import { flagValue } from './lib/args.js';
import { measure } from './lib/measure.js';

const warehouse = flagValue('--warehouse');
const input = flagValue('--input');
if (!warehouse || !input) {
  console.error('usage: npx tsx bench/ml-layer.ts --warehouse DIR --input DIR [--threads 1,2] [--rounds 1]');
  process.exit(2);
}
const counts = (flagValue('--threads') ?? '1,2').split(',').map(Number);
if (counts.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`--threads expects whole numbers of at least 1 separated by commas, e.g. 1,2; got '${flagValue('--threads')}'`);
  process.exit(2);
}
const rounds = Number(flagValue('--rounds') ?? '1');
const load = () =>
  loadavg()
    .slice(0, 2)
    .map((x) => x.toFixed(1))
    .join('/');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The run's steps as `start -> end  step` (seconds from the first step's start), from meta.step_runs. */
async function timeline(scratch: string): Promise<string[]> {
  const engine = await DuckDbEngine.open({ path: warehouseDbPath(scratch) });
  try {
    const rows = await engine.query<{ step: string; start: number; duration_ms: number }>(
      `SELECT step, epoch_ms(started_at) - min(epoch_ms(started_at)) OVER () AS start, duration_ms
       FROM meta.step_runs WHERE run_id = (SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1) ORDER BY started_at, step`,
    );
    return rows.map(
      (r) => `${(r.start / 1000).toFixed(1).padStart(6)} -> ${((r.start + r.duration_ms) / 1000).toFixed(1).padStart(6)} s  ${r.step}`,
    );
  } finally {
    await engine.close();
  }
}

const figures = new Map<number, { wall: number[]; cpu: number[]; peak: number[] }>();
for (let round = 1; round <= rounds; round++) {
  for (const n of counts) {
    // The whole folder: its pseudonym key too (a database without it would make the run rebuild silver).
    const scratch = mkdtempSync(join(tmpdir(), 'marquee-ml-layer-'));
    cpSync(warehouse, scratch, { recursive: true });
    const before = load();
    const m = await measure(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'marquee.js'), 'run', '--input', input, '--warehouse', scratch, '--select', 'ml+', '--threads', String(n)],
      { cwd: REPO_ROOT },
    );
    if (m.exitCode !== 0) {
      console.error(m.stderr);
      throw new Error(`the ML layer run with --threads ${n} failed (exit ${m.exitCode})`);
    }
    const steps = await timeline(scratch);
    rmSync(scratch, { recursive: true, force: true });
    const f = figures.get(n) ?? { wall: [], cpu: [], peak: [] };
    f.wall.push(m.wallSeconds);
    if (m.cpuSeconds !== null) f.cpu.push(m.cpuSeconds);
    if (m.peakRssMb !== null) f.peak.push(m.peakRssMb);
    figures.set(n, f);
    console.log(
      `round ${round} --threads ${n}: ${m.wallSeconds.toFixed(1)} s wall, ${m.cpuSeconds?.toFixed(1) ?? 'n/a'} s CPU, peak ${m.peakRssMb?.toFixed(0) ?? 'n/a'} MB (load ${before} -> ${load()})`,
    );
    for (const line of steps) console.log(`  ${line}`);
  }
}
for (const [n, f] of figures) {
  console.log(
    `median --threads ${n}: ${median(f.wall).toFixed(1)} s wall` +
      (f.cpu.length ? `, ${median(f.cpu).toFixed(1)} s CPU` : '') +
      (f.peak.length ? `, peak ${median(f.peak).toFixed(0)} MB` : '') +
      ` over ${f.wall.length} run(s)`,
  );
}
