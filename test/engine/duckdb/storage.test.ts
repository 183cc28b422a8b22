// New warehouse files are written in STORAGE_VERSION's format; a file made in an older format keeps it
// and stays readable and writable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine, STORAGE_VERSION } from '../../../src/engine/duckdb/engine.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const freshPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-storage-'));
  dirs.push(dir);
  return join(dir, 'w.duckdb');
};

async function storageVersion(engine: DuckDbEngine): Promise<unknown> {
  const rows = await engine.query(
    `SELECT CAST(tags['storage_version'] AS VARCHAR) AS v FROM duckdb_databases() WHERE database_name = current_database()`,
  );
  return rows[0].v;
}

describe('DuckDB storage format', () => {
  it('writes a new file in STORAGE_VERSION format', async () => {
    const path = freshPath();
    const engine = await DuckDbEngine.open({ path });
    try {
      await engine.exec(`CREATE TABLE t AS SELECT range AS x, 'v' || (range % 7) AS s FROM range(5000)`);
      expect(await storageVersion(engine)).toBe(`${STORAGE_VERSION}+`);
    } finally {
      await engine.close();
    }
    const reader = await DuckDbEngine.open({ path, readOnly: true });
    try {
      expect(await reader.query(`SELECT count(*)::INTEGER AS n, count(DISTINCT s)::INTEGER AS k FROM t`)).toEqual([{ n: 5000, k: 7 }]);
    } finally {
      await reader.close();
    }
  });

  it('keeps the format of a file made before, and reads and writes it', async () => {
    const path = freshPath();
    const old = await DuckDBInstance.create(path);
    const connection = await old.connect();
    await connection.run(`CREATE TABLE t AS SELECT range AS x FROM range(10)`);
    connection.closeSync();
    old.closeSync();
    const engine = await DuckDbEngine.open({ path });
    try {
      expect(await storageVersion(engine)).toBe('v1.0.0+');
      await engine.exec(`INSERT INTO t SELECT range + 10 FROM range(5)`);
      expect(await engine.query(`SELECT sum(x)::INTEGER AS s FROM t`)).toEqual([{ s: 105 }]);
    } finally {
      await engine.close();
    }
  });
});
