// Times pieces of the pipeline against a copy of an existing warehouse, in this process, with wall
// and process CPU seconds (DuckDB's threads included): bronze checks (batched as runChecks does them
// vs one check per call, as before), bronze profile, imputation quality.
// Usage: npx tsx bench/perf/time-steps.ts WAREHOUSE_DIR [checks|checks-one-by-one|profile|imputation ...]
import { loadConfig } from '../../src/config.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { bronzeChecks } from '../../src/bronze/checks.js';
import { CONTRACTS } from '../../src/contracts/index.js';
import { runChecks } from '../../src/quality/run-checks.js';
import { profileBronze } from '../../src/bronze/profile-bronze.js';
import { writeImputationLog } from '../../src/silver/imputation-quality.js';
import { copyWarehouse } from '../lib/warehouse-copy.js';
import { warehouseDbPath } from '../../src/warehouse/layout.js';

const [warehouse, ...what] = process.argv.slice(2);
const dir = copyWarehouse(warehouse, 'marquee-time-');
const engine = await DuckDbEngine.open({ path: warehouseDbPath(dir) });
const config = loadConfig();
const [{ scale }] = await engine
  .query<{ scale: number }>(`SELECT CAST(json_extract(config_json, '$.scale') AS INTEGER) AS scale FROM meta.runs LIMIT 1`)
  .catch(() => [{ scale: 1 }]);
const checks = bronzeChecks({ ...config, scale: scale ?? 1 });

async function timed(name: string, f: () => Promise<unknown>): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const cpu = process.cpuUsage(cpu0);
  console.log(`${name}: wall ${((performance.now() - t0) / 1000).toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
}

for (const w of what) {
  if (w === 'checks')
    await timed(`bronze checks batched (${checks.length})`, () => runChecks(engine, checks, { runId: 'perf', layer: 'bronze' }));
  if (w === 'checks-one-by-one')
    await timed(`bronze checks one by one (${checks.length})`, async () => {
      for (const c of checks) await runChecks(engine, [c], { runId: 'perf', layer: 'bronze' });
    });
  if (w === 'profile') await timed('bronze profile', () => profileBronze(engine, 'perf', CONTRACTS));
  if (w === 'imputation') await timed('imputation quality', () => writeImputationLog(engine, 'perf'));
}
await engine.close();
