// Profiles one SQL model of the graph against an existing warehouse (a copy is made first, so the
// original stays untouched): prints EXPLAIN ANALYZE of CREATE TABLE ... AS <compiled SQL>.
// Usage: npx tsx bench/perf/profile-model.ts WAREHOUSE_DIR silver.watch_history [--sql "SELECT ..."]
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { DuckDbEngine } from '../../src/engine/duckdb.js';
import { planPipeline } from '../../src/pipeline/runner.js';

const [warehouse, model, flag, text] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'marquee-profile-'));
copyFileSync(join(warehouse, 'marquee.duckdb'), join(dir, 'marquee.duckdb'));
if (existsSync(join(warehouse, 'marquee.duckdb.wal'))) copyFileSync(join(warehouse, 'marquee.duckdb.wal'), join(dir, 'marquee.duckdb.wal'));
const engine = await DuckDbEngine.open({ path: join(dir, 'marquee.duckdb') });
const dag = await planPipeline({ engine, config: loadConfig() });
const query = flag === '--sql' ? text : `CREATE TABLE profiled_model AS ${dag.nodes.get(model)!.compiled!.sql}`;
const started = performance.now();
const rows = await engine.query(`EXPLAIN ANALYZE ${query}`);
console.log(rows.map((r) => Object.values(r).join('\n')).join('\n'));
console.log(`wall ${((performance.now() - started) / 1000).toFixed(2)} s`);
await engine.close();
