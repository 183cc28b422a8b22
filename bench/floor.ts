// The read floor: the time DuckDB alone takes to read the six source CSVs once
// (`SELECT count(*) FROM read_csv(...)`, every field as text, the same thread count as the pipeline).
// Run as a child of bench/run.ts: prints one JSON line {seconds, rows}. The timer covers the six
// queries only, not opening DuckDB or starting Node.
import { join } from 'node:path';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { literal } from '../src/engine/sql.js';
import { CONTRACTS } from '../src/contracts/index.js';

const [input, threads = '2'] = process.argv.slice(2);
if (!input) throw new Error('usage: tsx bench/floor.ts <input dir> [threads]');
const engine = await DuckDbEngine.open({ path: ':memory:', threads: Number(threads) });
try {
  let rows = 0;
  const started = performance.now();
  for (const c of CONTRACTS) {
    const [r] = await engine.query<{ n: number }>(
      `SELECT count(*) AS n FROM read_csv(${literal(join(input, c.file))}, header = true, all_varchar = true)`,
    );
    rows += Number(r.n);
  }
  process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000, rows })}\n`);
} finally {
  await engine.close();
}
