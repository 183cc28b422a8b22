// Shared helpers for bronze tests: a fresh in-memory DuckDB per test, an input folder made of the
// good fixtures with one bad case laid over them, and a snapshot of every table in the warehouse.
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { loadConfig, type MarqueeConfig } from '../../src/config.js';

export const GOOD = join(import.meta.dirname, '../fixtures/good');
export const BAD = join(import.meta.dirname, '../fixtures/bad');

export async function withEngine<T>(fn: (engine: DuckDbEngine) => Promise<T>): Promise<T> {
  const engine = await DuckDbEngine.open({ path: ':memory:', threads: 2 });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** A temp input folder: the good fixtures, with the files of bad case `badCase` (if any) replacing theirs. */
export function inputFolder(badCase?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bronze-'));
  for (const f of readdirSync(GOOD)) copyFileSync(join(GOOD, f), join(dir, f));
  if (badCase) for (const f of readdirSync(join(BAD, badCase))) copyFileSync(join(BAD, badCase, f), join(dir, f));
  return dir;
}

export function configFor(input: string, overrides: Partial<MarqueeConfig> = {}): MarqueeConfig {
  return loadConfig({ input, warehouse: mkdtempSync(join(tmpdir(), 'marquee-wh-')), ...overrides });
}

/** Every table of every schema with its rows, sorted, as JSON: equal snapshots mean nothing changed. */
export async function snapshot(engine: DuckDbEngine): Promise<string> {
  const tables = await engine.query<{ s: string; t: string }>(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_catalog = current_database() ORDER BY 1, 2`,
  );
  const out: Record<string, unknown> = {};
  for (const { s, t } of tables) {
    const rows = await engine.query(`SELECT * FROM "${s}"."${t}"`);
    out[`${s}.${t}`] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  }
  return JSON.stringify(out);
}

export async function count(engine: DuckDbEngine, table: string, where = 'TRUE'): Promise<number> {
  const [row] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  return Number(row.n);
}
