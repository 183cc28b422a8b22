import { describe, expect, it } from 'vitest';
import { withEngine } from '../bronze/helpers.js';
import type { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import {
  countsByValue,
  quantilesInStatisticsPass,
  exactQuantiles,
  interpolateQuantiles,
  QUANTILES,
  type QuantileColumn,
} from '../../src/quality/profile-quantiles.js';

// Columns of the test table and what they hold: ties, negatives, one value, two values, wide doubles,
// large integers, all blank, and a column blank in most rows.
const COLUMNS: Record<string, string> = {
  few: 'CAST(i % 7 AS DOUBLE)',
  ties: 'CAST(floor(random() * 5) AS DOUBLE) / 3',
  negative: 'random() * 200 - 100',
  one: 'CAST(42.5 AS DOUBLE)',
  two: 'CAST(CASE WHEN i % 3 = 0 THEN -1 ELSE 1e15 END AS DOUBLE)',
  wide: 'random() * 1e9',
  big: 'CAST(i * 1234567 AS DOUBLE)',
  blank: 'CAST(NULL AS DOUBLE)',
  sparse: 'CASE WHEN i % 97 = 0 THEN random() ELSE NULL END',
};

async function makeTable(engine: DuckDbEngine, rows: number): Promise<void> {
  await engine.exec(`SELECT setseed(0.25)`);
  const select = Object.entries(COLUMNS)
    .map(([name, expr]) => `${expr} AS ${name}`)
    .join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE t AS SELECT ${select} FROM range(${rows}) r(i)`);
}

async function expected(engine: DuckDbEngine, name: string): Promise<number[] | undefined> {
  const [row] = await engine.query(`SELECT quantile_cont(${name}, [${QUANTILES.join(', ')}]) AS qs FROM t`);
  return Array.isArray(row.qs) ? row.qs.map(Number) : undefined;
}

async function columnsOf(engine: DuckDbEngine, route: 'value' | 'aggregate'): Promise<QuantileColumn[]> {
  const names = Object.keys(COLUMNS);
  const [counts] = await engine.query(`SELECT ${names.map((n) => `count(${n}) AS ${n}`).join(', ')} FROM t`);
  return names.map((name, index) => ({
    index,
    x: name,
    nonNull: Number(counts[name]),
    approxDistinct: route === 'value' ? 0 : Number.MAX_SAFE_INTEGER,
  }));
}

describe('exact profile quantiles', () => {
  it('interpolates as a continuous quantile (hand-computed)', () => {
    const values = [1, 2, 3, 4];
    // positions 0.03, 0.75, 1.5, 2.25, 2.97 of the sorted values.
    const qs = interpolateQuantiles(values.length, (rank) => values[rank]);
    expect(qs[1]).toBe(1.75);
    expect(qs[2]).toBe(2.5);
    expect(qs[3]).toBe(3.25);
    expect(qs[0]).toBeCloseTo(1.03, 12);
    expect(qs[4]).toBeCloseTo(3.97, 12);
    expect(interpolateQuantiles(1, () => 9)).toEqual([9, 9, 9, 9, 9]);
  });

  for (const rows of [1, 2, 3, 10, 1001, 20_000]) {
    it(`counting by value and the aggregate both give quantile_cont's numbers to the bit (${rows} rows)`, async () => {
      await withEngine(async (engine) => {
        await makeTable(engine, rows);
        for (const route of ['value', 'aggregate'] as const) {
          const columns = await columnsOf(engine, route);
          const got = await exactQuantiles(engine, 't', columns);
          for (const c of columns) expect([route, c.x, got.get(c.index)]).toEqual([route, c.x, await expected(engine, c.x)]);
        }
      });
    });
  }

  it('chooses counting by value for few-valued columns and the aggregate for near-unique ones', () => {
    const column = (approxDistinct: number): QuantileColumn => ({ index: 0, x: 'x', nonNull: 1_000_000, approxDistinct });
    expect(countsByValue(column(731))).toBe(true);
    expect(countsByValue(column(47_000))).toBe(true);
    expect(countsByValue(column(950_000))).toBe(false);
  });

  it('keeps the quantiles in the statistics pass on Spark, where a second statement per table is a second job', () => {
    expect(quantilesInStatisticsPass({ name: 'spark' })).toBe(true);
    expect(quantilesInStatisticsPass({ name: 'duckdb' })).toBe(false);
  });

  it('fails, naming the table, when the values changed since the statistics pass', async () => {
    await withEngine(async (engine) => {
      await makeTable(engine, 100);
      const [few] = await columnsOf(engine, 'value');
      await expect(exactQuantiles(engine, 't', [{ ...few, nonNull: few.nonNull + 1 }])).rejects.toThrow(
        /profile of t: column 0 has 100 values/,
      );
    });
  });
});
