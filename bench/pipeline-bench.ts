// The pipeline benchmark: for each scale, a cached generated data set, the DuckDB read floor, then
// rounds that alternate Marquee and the Polars peer on the same files: `marquee run --through gold
// --full-refresh` (the whole run), the peer (bench/peers/polars_pipeline.py), and Marquee again on
// only the tables the peer builds (`--select +<each covered table>`), so one ratio compares like with
// like. Writes its own section of bench/RESULTS.md. Entry point: `npm run bench` (bench/run.ts).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { BENCH_OUT, ensureDataset, MARQUEE, REPO_ROOT } from './lib/datasets.js';
import { machineInfo } from './lib/machine.js';
import { hasGnuTime, measure, type Measured } from './lib/measure.js';
import { type BenchOptions } from './lib/args.js';
import { peerTables, polarsUnavailable, runPolarsPeer } from './lib/polars-peer.js';
import { writePeerSpec } from './lib/peer-spec.js';
import { renderSection, type RunFigure, type ScaleFigures } from './lib/render.js';
import { replaceSection } from './lib/results-file.js';
import { dataTables, latestRun, layerSeconds, warehouseBytes } from './lib/warehouse-stats.js';

export const RESULTS_SECTION = 'bench:pipeline';
/** Pseudonyms must use one key on both sides; a fixed, non-secret key for generated data when none is set. */
const BENCH_KEY = 'marquee-bench-key-for-generated-data-only';

/** `--select` text for Marquee on exactly the peer's silver and gold tables with their upstream (bronze included). */
export function subsetSelection(covered: Record<string, string[]>): string {
  const models = ['silver', 'gold'].flatMap((schema) => (covered[schema] ?? []).map((t) => `+${schema}.${t}`));
  // meta.dedup_log is written by the silver.dedup_log step.
  if (covered.meta?.includes('dedup_log')) models.push('+silver.dedup_log');
  return models.join(',');
}

function figure(kind: RunFigure['kind'], m: Measured, load: number): RunFigure {
  return { kind, wallSeconds: m.wallSeconds, cpuSeconds: m.cpuSeconds, peakRssMb: m.peakRssMb, load, layers: [] };
}

async function marqueeRun(
  kind: 'marquee' | 'marquee-subset',
  input: string,
  warehouse: string,
  select: string | undefined,
  options: BenchOptions,
  env: NodeJS.ProcessEnv,
) {
  rmSync(warehouse, { recursive: true, force: true });
  mkdirSync(warehouse, { recursive: true });
  const [node, ...cli] = MARQUEE;
  const args = ['run', '--input', input, '--warehouse', warehouse, '--through', 'gold', '--full-refresh'];
  if (select) args.push('--select', select);
  if (options.memoryLimit) args.push('--memory-limit', options.memoryLimit);
  const load = loadavg()[0];
  const m = await measure(node, [...cli, ...args], { cwd: REPO_ROOT, env });
  if (m.exitCode !== 0) throw new Error(`${kind}: marquee run exited ${m.exitCode}:\n${m.stderr.slice(-3000)}`);
  const stats = await latestRun(warehouse);
  const f = figure(kind, m, load);
  f.runSeconds = stats.runSeconds;
  f.steps = stats.steps;
  f.warehouseMb = warehouseBytes(warehouse) / 2 ** 20;
  f.slowest = stats.slowest;
  f.layers = (await layerSeconds(warehouse, stats.runId)).map((l) => ({
    layer: l.layer,
    seconds: l.spanSeconds,
    stepSeconds: l.stepSeconds,
  }));
  return f;
}

async function floorSeconds(input: string): Promise<number> {
  // The floor script is a TypeScript benchmark of its own (not the CLI), run through tsx.
  const m = await measure(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'floor.ts'), input, '2'], { cwd: REPO_ROOT });
  if (m.exitCode !== 0) throw new Error(`floor measurement failed:\n${m.stderr}`);
  return (JSON.parse(m.stdout.trim().split('\n').pop()!) as { seconds: number }).seconds;
}

async function benchScale(scale: number, options: BenchOptions, log: (line: string) => void): Promise<ScaleFigures> {
  const seed = options.seed ?? 42;
  const load = loadavg()[0];
  const data = ensureDataset(scale, seed, log);
  const env = { ...process.env, MARQUEE_PSEUDONYM_KEY: process.env.MARQUEE_PSEUDONYM_KEY || BENCH_KEY };
  const floor = await floorSeconds(data.dir);
  log(`scale ${scale}: floor ${floor.toFixed(2)} s`);
  const peerMissing = options.peer === false ? 'turned off with --no-peer' : polarsUnavailable();
  const covered = peerMissing ? undefined : peerTables();
  const spec = writePeerSpec(join(BENCH_OUT, 'peer-spec.json'));
  const warehouse = join(BENCH_OUT, `warehouse-scale-${scale}`);
  const runs: RunFigure[] = [];
  let sourceRows = 0;
  let notCovered: string[] | undefined;
  const show = (f: RunFigure) =>
    log(
      `scale ${scale}: ${f.kind} ${f.wallSeconds.toFixed(2)} s wall, ${f.cpuSeconds?.toFixed(2) ?? 'n/a'} s CPU, peak ${f.peakRssMb?.toFixed(0) ?? 'n/a'} MB (load ${f.load.toFixed(1)})`,
    );
  for (let round = 0; round < (options.rounds ?? 2); round++) {
    const full = await marqueeRun('marquee', data.dir, warehouse, undefined, options, env);
    sourceRows = (await latestRun(warehouse)).rowsRead;
    if (covered) {
      const built = new Set(Object.entries(covered).flatMap(([schema, names]) => names.map((n) => `${schema}.${n}`)));
      notCovered = (await dataTables(warehouse)).filter((t) => !built.has(t));
    }
    runs.push(full);
    show(full);
    if (!covered) continue;
    const out = join(BENCH_OUT, `polars-scale-${scale}`);
    rmSync(out, { recursive: true, force: true });
    const peerLoad = loadavg()[0];
    const p = await runPolarsPeer(data.dir, spec, out, env);
    rmSync(out, { recursive: true, force: true });
    const pf = figure('polars', p.measured, peerLoad);
    pf.runSeconds = p.innerSeconds;
    pf.layers = Object.entries(p.stages).map(([layer, seconds]) => ({ layer, seconds }));
    runs.push(pf);
    show(pf);
    const subset = await marqueeRun('marquee-subset', data.dir, warehouse, subsetSelection(covered), options, env);
    runs.push(subset);
    show(subset);
  }
  if (!options.keepData) rmSync(warehouse, { recursive: true, force: true });
  return { scale, sourceRows, reusedData: data.reused, load, floorSeconds: floor, runs, peerSkipped: peerMissing, covered, notCovered };
}

export async function runBench(options: BenchOptions): Promise<ScaleFigures[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const machine = machineInfo();
  const results: ScaleFigures[] = [];
  for (const scale of options.scales) results.push(await benchScale(scale, options, log));
  const command = `npm run bench -- --scales ${options.scales.join(',')} --rounds ${options.rounds ?? 2}`;
  const rssSource = hasGnuTime()
    ? '/usr/bin/time -v: maximum resident set size, user + system CPU'
    : '/proc/<pid>/status VmHWM polled every 50 ms; no CPU figure';
  const file = options.resultsFile ?? join(REPO_ROOT, 'bench', 'RESULTS.md');
  replaceSection(file, RESULTS_SECTION, renderSection(machine, command, rssSource, results));
  log(`wrote the '${RESULTS_SECTION}' section of ${file}`);
  return results;
}
