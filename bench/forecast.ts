// Times the ml.forecast step alone (evaluation of every baseline and model on validation and test
// origins, Prophet and the LSTM included, 28-day forecasts, KPI anomalies) on a built warehouse
// (through gold) and prints the wall time with the machine's load average: the machine is shared,
// so a figure without its load says little; the CPU seconds (user + system) per model and per part
// are the steady figures. Targets: 30 s at scale 1, 90 s at scale 10 (2 cores).
// Usage: npx tsx bench/forecast.ts --warehouse DIR   (copy the warehouse first: the step writes tables)
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { runForecast } from '../src/ml/forecast/run.js';
import type { StepContext } from '../src/pipeline/step.js';
import { flagValue } from './lib/args.js';

const arg = (name: string) => flagValue(name);
const warehouse = arg('--warehouse');
if (!warehouse) {
  console.error('usage: npx tsx bench/forecast.ts --warehouse DIR');
  process.exit(2);
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const config = loadConfig({ warehouse, input: warehouse });
const engine = await DuckDbEngine.open({ path: join(config.warehouse, 'marquee.duckdb') });
const logs: string[] = [];
const ctx: StepContext = { engine, config, runId: `bench_forecast_${Date.now()}`, progress: () => {}, log: (m) => logs.push(m) };
const loadStart = load();
const started = performance.now();
const cpuStart = process.cpuUsage();
const { run } = await runForecast(ctx);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
await engine.close();
for (const l of logs.filter((x) => !x.startsWith('profile'))) console.log(`  ${l}`);
// CPU seconds per model (its validation + test origins; the LSTM's training too) and per part.
const { profile } = run;
const perModel = run.groups.flatMap((g) =>
  [...g.baselines, ...g.models].map((f) => ({ name: `${g.group} ${f.name}`, cpu: profile.cpu(`${g.group} ${f.name} `) })),
);
console.log('CPU seconds per model (training + validation and test origins):');
for (const m of perModel.filter((x) => x.cpu >= 0.05).sort((a, b) => b.cpu - a.cpu)) console.log(`  ${m.name}: ${m.cpu.toFixed(2)}`);
console.log('CPU and wall seconds per part:');
for (const l of profile.lines()) console.log(`  ${l}`);
console.log(
  `ml.forecast: ${seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU on ${cpus().length} cores; load average at start ${loadStart}, at the end ${load()} (1/5/15 min)`,
);
