// The pipeline benchmark: for each scale, a cached generated data set, the DuckDB read floor, each
// layer of `marquee run` in its own child process, and the pandas peer on the same files. Writes its
// own section of bench/RESULTS.md (other sections are left alone). Entry point: `npm run bench`
// (bench/run.ts; src/ never imports bench/).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { loadConfig } from '../src/config.js';
import { pipelineParts } from '../src/cli/registry.js';
import { planPipeline } from '../src/pipeline/runner.js';
import { BENCH_OUT, ensureDataset, MARQUEE, REPO_ROOT } from './lib/datasets.js';
import { machineInfo } from './lib/machine.js';
import { hasGnuTime, measure } from './lib/measure.js';
import { BenchUsageError, type BenchOptions } from './lib/args.js';
import { peerUnavailable, runPeer } from './lib/peer.js';
import { renderSection, type LayerFigure, type ScaleFigures } from './lib/render.js';
import { replaceSection } from './lib/results-file.js';
import { latestRun, warehouseBytes } from './lib/warehouse-stats.js';

export const RESULTS_SECTION = 'bench:pipeline';
const ALL_LAYERS = ['bronze', 'silver', 'gold'];

/** The layers (bronze, silver, gold) that have at least one step in the current graph. */
export async function layersWithSteps(): Promise<string[]> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  try {
    const dag = await planPipeline({ engine, ...pipelineParts(loadConfig()) });
    const present = new Set([...dag.nodes.values()].map((n) => n.layer as string));
    return ALL_LAYERS.filter((l) => present.has(l));
  } finally {
    await engine.close();
  }
}

function layerArgs(layer: string, input: string, warehouse: string, memoryLimit: string | undefined): string[] {
  const common = ['run', '--input', input, '--warehouse', warehouse, ...(memoryLimit ? ['--memory-limit', memoryLimit] : [])];
  return layer === 'bronze'
    ? [...common, '--through', 'bronze', '--full-refresh']
    : [...common, '--select', `${layer}+`, '--through', layer];
}

async function floorSeconds(input: string): Promise<number> {
  // The floor script is a TypeScript benchmark of its own (not the CLI), run through tsx.
  const m = await measure(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'floor.ts'), input, '2'], { cwd: REPO_ROOT });
  if (m.exitCode !== 0) throw new Error(`floor measurement failed:\n${m.stderr}`);
  return (JSON.parse(m.stdout.trim().split('\n').pop()!) as { seconds: number }).seconds;
}

async function benchScale(scale: number, layers: string[], options: BenchOptions, log: (line: string) => void): Promise<ScaleFigures> {
  const seed = options.seed ?? 42;
  const load = loadavg()[0];
  const data = ensureDataset(scale, seed, log);
  const warehouse = join(BENCH_OUT, `warehouse-scale-${scale}`);
  rmSync(warehouse, { recursive: true, force: true });
  mkdirSync(warehouse, { recursive: true });
  const floor = await floorSeconds(data.dir);
  log(`scale ${scale}: floor ${floor.toFixed(2)} s`);
  const figures: LayerFigure[] = [];
  let sourceRows = 0;
  const [node, ...cli] = MARQUEE;
  for (const layer of layers) {
    const m = await measure(node, [...cli, ...layerArgs(layer, data.dir, warehouse, options.memoryLimit)], { cwd: REPO_ROOT });
    if (m.exitCode !== 0 && m.exitCode !== 1)
      throw new Error(`scale ${scale} ${layer}: marquee run exited ${m.exitCode}:\n${m.stderr.slice(-3000)}`);
    const stats = await latestRun(warehouse);
    if (layer === 'bronze') sourceRows = stats.rowsRead;
    figures.push({
      layer,
      wallSeconds: m.wallSeconds,
      runSeconds: stats.runSeconds,
      peakRssMb: m.peakRssMb,
      warehouseMb: warehouseBytes(warehouse) / 2 ** 20,
      status: stats.status,
      slowest: stats.slowest,
    });
    log(
      `scale ${scale}: ${layer} ${stats.status} in ${m.wallSeconds.toFixed(2)} s wall (${stats.runSeconds.toFixed(2)} s in-run), peak ${m.peakRssMb?.toFixed(0) ?? 'n/a'} MB`,
    );
  }
  let peer: ScaleFigures['peer'];
  if (options.peer !== false) {
    const missing = peerUnavailable();
    if (missing) peer = { skipped: missing };
    else {
      const out = join(BENCH_OUT, `pandas-scale-${scale}`);
      const p = await runPeer(data.dir, out);
      rmSync(out, { recursive: true, force: true });
      if (sourceRows === 0) sourceRows = p.sourceRows;
      peer = { wallSeconds: p.measured.wallSeconds, innerSeconds: p.innerSeconds, peakRssMb: p.measured.peakRssMb };
      log(`scale ${scale}: pandas peer ${p.measured.wallSeconds.toFixed(2)} s wall`);
    }
  }
  if (!options.keepData) rmSync(warehouse, { recursive: true, force: true });
  return { scale, sourceRows, reusedData: data.reused, load, floorSeconds: floor, layers: figures, peer };
}

export async function runBench(options: BenchOptions): Promise<ScaleFigures[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const available = await layersWithSteps();
  const layers = options.layers ?? available;
  const unknown = layers.filter((l) => !ALL_LAYERS.includes(l));
  if (unknown.length > 0)
    throw new BenchUsageError(`--layers: unknown layer(s) ${unknown.join(', ')}; expected some of ${ALL_LAYERS.join(', ')}`);
  const empty = layers.filter((l) => !available.includes(l));
  if (empty.length > 0)
    throw new BenchUsageError(`--layers: ${empty.join(', ')} has no steps yet (layers with steps: ${available.join(', ')})`);
  if (layers[0] !== 'bronze')
    throw new BenchUsageError('--layers must start with bronze: each layer runs on the warehouse the previous one left');
  const machine = machineInfo();
  const results: ScaleFigures[] = [];
  for (const scale of options.scales) results.push(await benchScale(scale, layers, options, log));
  const command = `npm run bench -- --scales ${options.scales.join(',')} --layers ${layers.join(',')}`;
  const rssSource = hasGnuTime() ? '/usr/bin/time -v, maximum resident set size' : '/proc/<pid>/status VmHWM polled every 50 ms';
  const file = options.resultsFile ?? join(REPO_ROOT, 'bench', 'RESULTS.md');
  replaceSection(file, RESULTS_SECTION, renderSection(machine, command, rssSource, results));
  log(`wrote the '${RESULTS_SECTION}' section of ${file}`);
  return results;
}
