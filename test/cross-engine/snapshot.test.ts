// The dashboard snapshot (src/dashboard/snapshot.ts) copies gold, ml and meta tables from any engine
// into a local DuckDB file. The source here is an in-memory DuckDB (the copy code only uses the
// Engine interface); the Spark source is exercised by pipeline.test.ts.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { snapshotDir, snapshotType, takeSnapshot } from '../../src/dashboard/snapshot.js';
import { sparkPortableType } from '../../src/engine/spark/types.js';

describe('snapshotType', () => {
  it('maps Spark and DuckDB type names to a DuckDB column and a bulk-write type', () => {
    expect(snapshotType('STRING', 't.c', sparkPortableType)).toEqual({ ddl: 'VARCHAR', write: 'VARCHAR' });
    expect(snapshotType('int', 't.c', sparkPortableType)).toEqual({ ddl: 'INTEGER', write: 'BIGINT' });
    expect(snapshotType('DECIMAL(10,2)', 't.c', sparkPortableType)).toEqual({ ddl: 'DOUBLE', write: 'DOUBLE' });
    expect(snapshotType('TIMESTAMP_NTZ', 't.c', sparkPortableType)).toEqual({ ddl: 'TIMESTAMP', write: 'TIMESTAMP' });
    expect(() => snapshotType('ARRAY<STRING>', 'gold.t.tags', sparkPortableType)).toThrow(/gold.t.tags has type ARRAY<STRING>/);
  });
});

describe('takeSnapshot', () => {
  let source: DuckDbEngine;
  let dir: string;
  beforeEach(async () => {
    source = await DuckDbEngine.open({ path: ':memory:' });
    dir = join(mkdtempSync(join(tmpdir(), 'marquee-snapshot-')), 'wh');
    await source.exec(`CREATE SCHEMA gold; CREATE SCHEMA ml; CREATE SCHEMA meta; CREATE SCHEMA silver;
      CREATE TABLE gold.kpi (d DATE, n INTEGER, big BIGINT, x DOUBLE, ok BOOLEAN, s VARCHAR, ts TIMESTAMP);
      INSERT INTO gold.kpi VALUES ('2025-10-01', 1, 9007199254740993, 0.1, true, 'it''s', '2025-10-01 12:34:56.5'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL);
      CREATE TABLE gold.kpi__tmp_r1 (v INTEGER);
      CREATE TABLE ml.metrics AS SELECT range AS i FROM range(5000);
      CREATE TABLE silver.users (v INTEGER);`);
  });
  afterEach(async () => {
    await source.close();
  });

  it('copies every gold, ml and meta table with its values, and nothing else', async () => {
    const seen: string[] = [];
    const result = await takeSnapshot(source, snapshotDir(dir), (t) => seen.push(t));
    expect(result).toMatchObject({ tables: 2, rows: 5002, file: join(snapshotDir(dir), 'marquee.duckdb') });
    expect(seen).toEqual(['gold.kpi', 'ml.metrics']);
    const copy = await DuckDbEngine.open({ path: result.file, readOnly: true });
    try {
      expect(await copy.listTables()).toEqual([
        { table_schema: 'gold', table_name: 'kpi' },
        { table_schema: 'ml', table_name: 'metrics' },
      ]);
      expect((await copy.listColumns('gold.kpi')).map((c) => c.data_type)).toEqual([
        'DATE',
        'INTEGER',
        'BIGINT',
        'DOUBLE',
        'BOOLEAN',
        'VARCHAR',
        'TIMESTAMP',
      ]);
      const rows = await copy.query('SELECT CAST(d AS VARCHAR) AS d, n, big, x, ok, s, ts FROM gold.kpi ORDER BY d NULLS LAST');
      expect(rows).toEqual([
        { d: '2025-10-01', n: 1, big: '9007199254740993', x: 0.1, ok: true, s: "it's", ts: '2025-10-01 12:34:56.5' },
        { d: null, n: null, big: null, x: null, ok: null, s: null, ts: null },
      ]);
      expect(await copy.query('SELECT count(*) AS n, sum(i) AS s FROM ml.metrics')).toEqual([{ n: 5000, s: 12497500 }]);
    } finally {
      await copy.close();
    }
  });

  it('replaces the previous snapshot whole and leaves no temporary file', async () => {
    await takeSnapshot(source, snapshotDir(dir));
    await source.exec('DROP TABLE ml.metrics; INSERT INTO gold.kpi (n) VALUES (7)');
    const result = await takeSnapshot(source, snapshotDir(dir));
    expect(result.tables).toBe(1);
    expect(readdirSync(snapshotDir(dir))).toEqual(['marquee.duckdb']);
    const copy = await DuckDbEngine.open({ path: result.file, readOnly: true });
    try {
      expect(await copy.query('SELECT count(*) AS n FROM gold.kpi')).toEqual([{ n: 3 }]);
      expect(await copy.listTables('ml')).toEqual([]);
    } finally {
      await copy.close();
    }
  });

  it('keeps the old snapshot when a table cannot be copied', async () => {
    const first = await takeSnapshot(source, snapshotDir(dir));
    await source.exec('CREATE TABLE meta.tagged (tags VARCHAR[])');
    await expect(takeSnapshot(source, snapshotDir(dir))).rejects.toThrow(/meta.tagged.tags has type VARCHAR\[\]/);
    expect(existsSync(first.file)).toBe(true);
    expect(readdirSync(snapshotDir(dir))).toEqual(['marquee.duckdb']);
  });
});
