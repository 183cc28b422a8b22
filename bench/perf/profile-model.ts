// Profiles SQL models of the graph against an existing warehouse (a copy is made first, so the
// original stays untouched): for each, process CPU and wall seconds of CREATE TABLE ... AS <compiled
// SQL> and DuckDB's most expensive operators (operator time summed over threads).
// Usage: npx tsx bench/perf/profile-model.ts WAREHOUSE_DIR silver.watch_history [model ...]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { pipelineParts } from '../../src/cli/registry.js';
import { planPipeline } from '../../src/pipeline/runner.js';
import { copyWarehouse } from '../lib/warehouse-copy.js';
import { warehouseDbPath } from '../../src/warehouse/layout.js';

const [warehouse, ...models] = process.argv.slice(2);
const dir = copyWarehouse(warehouse, 'marquee-profile-');
const engine = await DuckDbEngine.open({ path: warehouseDbPath(dir) });
const dag = await planPipeline({ engine, ...pipelineParts(loadConfig()) });
const profile = join(dir, 'profile.json');

interface Op {
  operator_name?: string;
  operator_type?: string;
  operator_timing?: number;
  extra_info?: Record<string, unknown>;
  children?: Op[];
}
function flatten(op: Op, out: Op[] = []): Op[] {
  out.push(op);
  for (const c of op.children ?? []) flatten(c, out);
  return out;
}

for (const [i, model] of models.entries()) {
  await engine.exec('PRAGMA enable_profiling = json');
  await engine.exec(`PRAGMA profiling_output = '${profile}'`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await engine.exec(`CREATE TABLE profiled_${i} AS ${dag.nodes.get(model)!.compiled!.sql}`);
  const cpu = process.cpuUsage(cpu0);
  await engine.exec('PRAGMA disable_profiling');
  console.log(`${model}: wall ${((performance.now() - t0) / 1000).toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
  const ops = flatten(JSON.parse(readFileSync(profile, 'utf8')) as Op).filter((o) => o.operator_timing !== undefined);
  for (const o of ops.sort((a, b) => b.operator_timing! - a.operator_timing!).slice(0, 6)) {
    console.log(
      `  ${o.operator_timing!.toFixed(3)} ${o.operator_name ?? o.operator_type} ${JSON.stringify(o.extra_info ?? {}).slice(0, 160)}`,
    );
  }
}
await engine.close();
