// A real warehouse for browser tests: the generator's small data set (scale 0.02, seed 7) run through
// the real pipeline up to gold by the CLI, as a user would. Then one title and one search query are
// replaced (as bound values) by a <script> payload, so escaping is tested on real gold tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { sql } from '../../src/engine/sql.js';
import { XSS } from '../dashboard/fixture.js';
import { runCliOk } from '../helpers/cli.js';
import { openReadOnly } from '../../src/dashboard/warehouse.js';
import type { Row } from '../../src/engine/engine.js';

export interface RealWarehouse {
  dir: string;
  cleanup(): void;
}

export interface RealWarehouseOptions {
  /** Users as this many monthly exports (`generate --snapshots N`): churn, MRR and the snapshot cards get history. */
  snapshots?: number;
  /** Steps to run after everything through gold (a second `run --select`, e.g. 'ml.forecast,ml.segment'). */
  select?: string;
}

export async function buildRealWarehouse(options: RealWarehouseOptions = {}): Promise<RealWarehouse> {
  const root = mkdtempSync(join(tmpdir(), 'marquee-real-'));
  const data = join(root, 'data');
  const dir = join(root, 'wh');
  const snapshots = options.snapshots ? ['--snapshots', String(options.snapshots)] : [];
  await runCliOk(['generate', '--out', data, '--scale', '0.02', '--seed', '7', ...snapshots], { timeoutMs: 480_000 });
  await runCliOk(['run', '--input', data, '--warehouse', dir, '--through', 'gold'], { timeoutMs: 480_000 });
  if (options.select) await runCliOk(['run', '--input', data, '--warehouse', dir, '--select', options.select], { timeoutMs: 480_000 });
  const engine = await DuckDbEngine.open({ path: join(dir, 'marquee.duckdb') });
  try {
    await engine.exec(
      sql`UPDATE gold.kpi_content_by_title SET title = ${XSS} WHERE movie_id = (SELECT movie_id FROM gold.kpi_content_by_title ORDER BY popularity_rank, movie_id LIMIT 1)`,
    );
    await engine.exec(
      sql`UPDATE gold.search_top_queries SET search_query = ${XSS} WHERE query_rank = (SELECT min(query_rank) FROM gold.search_top_queries)`,
    );
  } finally {
    await engine.close();
  }
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** One query on a warehouse, read-only, the way the dashboard opens it (closed again at once). */
export async function queryWarehouse(dir: string, text: string): Promise<Row[]> {
  const engine = await openReadOnly(dir);
  try {
    return await engine.query(text);
  } finally {
    await engine.close();
  }
}
