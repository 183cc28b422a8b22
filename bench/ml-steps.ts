// Times every ML pipeline step (src/ml/index.ts: mlSteps) one after another on a warehouse built
// through gold, in this one process, and prints CPU (user + sys) and wall seconds per step with the
// load average before and after each, so figures taken on a busy machine can be read.
//
//   npx tsx bench/ml-steps.ts --warehouse DIR --input DIR [--steps ml.churn,ml.recommend] [--json FILE]
//
// The steps write their ml.* and gold.* tables into the warehouse: use a scratch copy.
// --json FILE: also write the figures as JSON (bench/ml-speed.ts reads them for bench/RESULTS.md).
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { mlSteps } from '../src/ml/index.js';
import type { StepContext } from '../src/pipeline/step.js';
import { flagValue } from './lib/args.js';

const arg = (name: string) => flagValue(name);
const warehouse = arg('--warehouse');
const input = arg('--input');
if (!warehouse || !input) {
  console.error('usage: npx tsx bench/ml-steps.ts --warehouse DIR --input DIR [--steps a,b] [--json FILE]');
  process.exit(2);
}
const wanted = arg('--steps')?.split(',');
const steps = wanted ? wanted.map((n) => mlSteps.find((s) => s.name === n) ?? fail(`unknown ML step ${n}`)) : mlSteps;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

export interface StepTiming {
  step: string;
  cpuSeconds: number;
  wallSeconds: number;
  loadBefore: number[];
  loadAfter: number[];
  rowsIn: number | null;
}

const config = loadConfig({ warehouse, input });
const engine = await DuckDbEngine.open({ path: join(config.warehouse, 'marquee.duckdb') });
const timings: StepTiming[] = [];
for (const step of steps) {
  const ctx: StepContext = {
    engine,
    config,
    runId: `bench_ml_steps_${Date.now()}`,
    progress: () => {},
    log: (m) => console.log(`  ${m}`),
  };
  const loadBefore = loadavg();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await step.run(ctx);
  const wallSeconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const timing: StepTiming = {
    step: step.name,
    cpuSeconds: (c.user + c.system) / 1e6,
    wallSeconds,
    loadBefore,
    loadAfter: loadavg(),
    rowsIn: typeof result.rowsIn === 'number' ? result.rowsIn : null,
  };
  timings.push(timing);
  console.log(
    `${step.name}: ${timing.cpuSeconds.toFixed(1)} s CPU, ${wallSeconds.toFixed(1)} s wall, load ${loadBefore[0].toFixed(1)} -> ${timing.loadAfter[0].toFixed(1)}`,
  );
}
await engine.close();
const total = timings.reduce((s, t) => s + t.cpuSeconds, 0);
console.log(`ML layer: ${total.toFixed(1)} s CPU, ${timings.reduce((s, t) => s + t.wallSeconds, 0).toFixed(1)} s wall`);
const jsonFile = arg('--json');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ warehouse, input, at: new Date().toISOString(), timings }, null, 2));
