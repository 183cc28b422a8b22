// Compares the tables of two warehouses (silver and gold schemas by default): per table, the row
// count and an order-independent checksum of whole rows (sum of hash(row) and of hash of every
// column's text). Exits 1 naming every table that differs. Run-specific columns (_batch_id,
// timestamps of the run) are excluded by name. Usage:
//   npx tsx bench/perf/compare-warehouses.ts WAREHOUSE_A WAREHOUSE_B [schema ...]
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { copyWarehouse } from '../lib/warehouse-copy.js';
import { warehouseDbPath } from '../../src/warehouse/layout.js';

const [a, b, ...rest] = process.argv.slice(2);
const schemas = rest.length > 0 ? rest : ['silver', 'gold'];
/**
 * Columns that legitimately change between runs: batch ids embed the ingestion time, and the load
 * time itself is a bronze column that silver's history versions (valid_from / valid_to), the batch
 * list (loaded_at, and effective_at for a file without a month in its name) and gold's per-export
 * tables (snapshot_at) carry on.
 */
const RUN_SPECIFIC = new Set([
  '_batch_id',
  'batch_id',
  'run_id',
  'checked_at',
  'built_at',
  'computed_at',
  'created_at',
  '_ingested_at',
  'loaded_at',
  'effective_at',
  'valid_from',
  'valid_to',
  'snapshot_at',
]);

async function openCopy(warehouse: string): Promise<DuckDbEngine> {
  return DuckDbEngine.open({ path: warehouseDbPath(copyWarehouse(warehouse, 'marquee-compare-')) });
}

async function checksums(engine: DuckDbEngine): Promise<Map<string, string>> {
  const tables = await engine.query<{ s: string; t: string }>(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
    WHERE table_schema IN (${schemas.map((s) => `'${s}'`).join(', ')}) AND table_name NOT LIKE '%__tmp_%' ORDER BY 1, 2`);
  const out = new Map<string, string>();
  for (const { s, t } of tables) {
    const typed = (
      await engine.query<{ c: string; ty: string }>(
        `SELECT column_name AS c, data_type AS ty FROM information_schema.columns WHERE table_schema = '${s}' AND table_name = '${t}' ORDER BY ordinal_position`,
      )
    ).filter((r) => !RUN_SPECIFIC.has(r.c));
    const cols = typed.map((r) => r.c);
    // Doubles are rounded to 6 decimals: parallel sums differ run to run in the last bits (~1e-12).
    const row = typed
      .map(({ c, ty }) => (ty === 'DOUBLE' || ty === 'FLOAT' ? `CAST(round("${c}", 6) AS VARCHAR)` : `CAST("${c}" AS VARCHAR)`))
      .join(', ');
    const [r] = await engine.query(`SELECT count(*) AS n, sum(hash(${row}) % 1000000007) AS h FROM "${s}"."${t}"`);
    out.set(`${s}.${t}`, `rows=${r.n} hash=${r.h} cols=${cols.join(',')}`);
  }
  return out;
}

const [ea, eb] = [await openCopy(a), await openCopy(b)];
const [ca, cb] = [await checksums(ea), await checksums(eb)];
let differ = 0;
for (const name of new Set([...ca.keys(), ...cb.keys()])) {
  const same = ca.get(name) === cb.get(name);
  if (!same) differ++;
  console.log(
    `${same ? 'same  ' : 'DIFFER'} ${name} ${same ? ca.get(name)!.split(' cols=')[0] : `\n  A: ${ca.get(name)}\n  B: ${cb.get(name)}`}`,
  );
}
console.log(`${ca.size} vs ${cb.size} tables, ${differ} differ`);
await ea.close();
await eb.close();
process.exit(differ > 0 ? 1 : 0);
