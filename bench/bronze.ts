// Benchmark of the bronze layer on a generated data set (not a test): times ingestion, checks,
// profiling and the report separately, and the floor — DuckDB counting the same files with
// read_csv and nothing else. Usage: npx tsx bench/bronze.ts [--input DIR] [--runs N] [--append]
// (--append writes a dated section with machine info into bench/RESULTS.md, replacing its previous one).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { literal } from '../src/engine/sql.js';
import { loadConfig } from '../src/config.js';
import { CONTRACTS } from '../src/contracts/index.js';
import { checkBronze, ingestAll } from '../src/bronze/run.js';
import { profileBronze } from '../src/bronze/profile-bronze.js';
import { writeQualityReport } from '../src/quality/report/index.js';
import { describeMachine, formatLoad, machineInfo } from './lib/machine.js';
import { replaceSection } from './lib/results-file.js';
import { warehouseDbPath } from '../src/warehouse/layout.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const input = flag('--input', 'data/generated');
const runs = Number(flag('--runs', '3'));

interface Timing {
  floor: number;
  ingest: number;
  checks: number;
  profile: number;
  report: number;
  total: number;
  rows: number;
  floorCpu: number;
  totalCpu: number;
  ingestCpu: number;
  checksCpu: number;
  profileCpu: number;
}

/** CPU milliseconds (user + system, all threads of this process, DuckDB's included) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

async function once(): Promise<Timing> {
  const warehouse = mkdtempSync(join(tmpdir(), 'marquee-bench-'));
  const engine = await DuckDbEngine.open({ path: warehouseDbPath(warehouse), threads: 2 });
  const config = loadConfig({ input, warehouse });
  try {
    let cpu = process.cpuUsage();
    let t = performance.now();
    for (const c of CONTRACTS)
      await engine.query(`SELECT count(*) AS n FROM read_csv(${literal(join(config.input, c.file))}, header = true, all_varchar = true)`);
    const floor = performance.now() - t;
    const floorCpu = cpuSince(cpu);
    cpu = process.cpuUsage();
    t = performance.now();
    const ingested = await ingestAll(engine, config, 'bench');
    const ingest = performance.now() - t;
    const ingestCpu = cpuSince(cpu);
    t = performance.now();
    await checkBronze(engine, config, 'bench');
    const checks = performance.now() - t;
    const checksCpu = cpuSince(cpu) - ingestCpu;
    t = performance.now();
    await profileBronze(engine, 'bench', CONTRACTS);
    const profile = performance.now() - t;
    const profileCpu = cpuSince(cpu) - ingestCpu - checksCpu;
    t = performance.now();
    await writeQualityReport(engine, config, 'bench');
    const report = performance.now() - t;
    const totalCpu = cpuSince(cpu);
    return {
      floor,
      ingest,
      checks,
      profile,
      report,
      total: ingest + checks + profile + report,
      rows: ingested.reduce((s, r) => s + r.rowsLoaded, 0),
      floorCpu,
      totalCpu,
      ingestCpu,
      checksCpu,
      profileCpu,
    };
  } finally {
    await engine.close();
    rmSync(warehouse, { recursive: true, force: true });
  }
}

const machine = machineInfo();
const timings: Timing[] = [];
for (let i = 0; i < runs; i++) timings.push(await once());
const median = (k: keyof Timing) => [...timings.map((t) => t[k])].sort((a, b) => a - b)[Math.floor(timings.length / 2)];
const sec = (ms: number) => (ms / 1000).toFixed(2);
const phases: Array<[string, keyof Timing]> = [
  ['floor: read_csv count of the six files', 'floor'],
  ['ingest (validate, type, quarantine, swap)', 'ingest'],
  ['checks (recorded in meta.check_results)', 'checks'],
  ['profile (meta.column_profiles)', 'profile'],
  ['report (quality.json + .html)', 'report'],
  ['**bronze total**', 'total'],
  ['CPU s of the floor (user + system, all threads)', 'floorCpu'],
  ['CPU s of ingest', 'ingestCpu'],
  ['CPU s of checks', 'checksCpu'],
  ['CPU s of profile', 'profileCpu'],
  ['CPU s of bronze total', 'totalCpu'],
];
const table = [
  '| phase | median s | min s | max s |',
  '|---|---:|---:|---:|',
  ...phases.map(
    ([label, k]) =>
      `| ${label} | ${sec(median(k))} | ${sec(Math.min(...timings.map((t) => t[k])))} | ${sec(Math.max(...timings.map((t) => t[k])))} |`,
  ),
].join('\n');
console.log(table);
if (args.includes('--append')) {
  replaceSection(
    'bench/RESULTS.md',
    'bench:bronze',
    `## Bronze (bench/bronze.ts): ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

Machine: ${describeMachine(machine)}; load at the end ${formatLoad(loadavg())}. The machine was shared with other
helpers' jobs while this ran, so wall times are inflated by contention. Command: \`npx tsx bench/bronze.ts --input ${input} --runs ${runs} --append\`.
In one process on a fresh file-backed warehouse per run (threads 2): the floor is DuckDB alone counting the six CSVs;
bronze total = ingest + checks + profile + report. CPU seconds (this process, DuckDB threads included) are the steadier figure under contention. ${timings[0].rows.toLocaleString('en-US')} rows loaded. Target: bronze total under 3 s at scale 1.

${table}
`,
  );
}
