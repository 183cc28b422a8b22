// Benchmark of the bronze layer on a generated data set (not a test): times ingestion, checks,
// profiling and the report separately, and the floor — DuckDB counting the same files with
// read_csv and nothing else. Usage: npx tsx bench/bronze.ts [--input DIR] [--runs N] [--append]
// (--append adds a dated section with machine info to bench/RESULTS.md).
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../src/engine/duckdb.js';
import { literal } from '../src/engine/sql.js';
import { loadConfig } from '../src/config.js';
import { CONTRACTS } from '../src/contracts/index.js';
import { checkBronze, ingestAll } from '../src/bronze/run.js';
import { profileBronze } from '../src/bronze/profile-bronze.js';
import { writeQualityReport } from '../src/quality/report/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const input = flag('--input', 'data/generated');
const runs = Number(flag('--runs', '3'));

interface Timing { floor: number; ingest: number; checks: number; profile: number; report: number; total: number; rows: number }

async function once(): Promise<Timing> {
  const warehouse = mkdtempSync(join(tmpdir(), 'marquee-bench-'));
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), threads: 2 });
  const config = loadConfig({ input, warehouse });
  try {
    let t = performance.now();
    for (const c of CONTRACTS) await engine.query(`SELECT count(*) AS n FROM read_csv(${literal(join(config.input, c.file))}, header = true, all_varchar = true)`);
    const floor = performance.now() - t;
    t = performance.now();
    const ingested = await ingestAll(engine, config, 'bench');
    const ingest = performance.now() - t;
    t = performance.now();
    await checkBronze(engine, config, 'bench');
    const checks = performance.now() - t;
    t = performance.now();
    await profileBronze(engine, 'bench', CONTRACTS);
    const profile = performance.now() - t;
    t = performance.now();
    await writeQualityReport(engine, config, 'bench');
    const report = performance.now() - t;
    return { floor, ingest, checks, profile, report, total: ingest + checks + profile + report, rows: ingested.reduce((s, r) => s + r.rowsLoaded, 0) };
  } finally {
    await engine.close();
    rmSync(warehouse, { recursive: true, force: true });
  }
}

const timings: Timing[] = [];
for (let i = 0; i < runs; i++) timings.push(await once());
const median = (k: keyof Timing) => [...timings.map((t) => t[k])].sort((a, b) => a - b)[Math.floor(timings.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = `rows ${timings[0].rows.toLocaleString('en-US')} · floor (read_csv count) ${s(median('floor'))} · ingest ${s(median('ingest'))} · checks ${s(median('checks'))} · profile ${s(median('profile'))} · report ${s(median('report'))} · bronze total ${s(median('total'))} (median of ${runs})`;
console.log(line);
if (args.includes('--append')) {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
  appendFileSync('bench/RESULTS.md', `\n## ${new Date().toISOString().slice(0, 10)} bronze, input ${input}\n\n- machine: ${machine}\n- ${line}\n`);
}
