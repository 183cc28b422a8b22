// Warehouse files are written in STORAGE_VERSION's format, in row groups of ROW_GROUP_SIZE rows; a file
// made in an older format is moved to it when opened for writing, its rows intact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine, ROW_GROUP_SIZE, STORAGE_VERSION } from '../../../src/engine/duckdb/engine.js';

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
  it('writes a new file in STORAGE_VERSION format, in row groups of ROW_GROUP_SIZE rows, on every connection', async () => {
    const path = freshPath();
    const engine = await DuckDbEngine.open({ path });
    const fork = await engine.fork();
    try {
      await engine.exec(`CREATE SCHEMA s; CREATE TABLE s.t AS SELECT range AS x, 'v' || (range % 7) AS s FROM range(5000)`);
      expect(await storageVersion(engine)).toBe(`${STORAGE_VERSION}+`);
      // A second connection sees the same tables and writes to the same file.
      await fork.exec(`CREATE TABLE s.big AS SELECT range AS x FROM range(${3 * ROW_GROUP_SIZE + 5})`);
      expect(await engine.query(`SELECT count(DISTINCT row_group_id)::INTEGER AS n FROM pragma_storage_info('s.big')`)).toEqual([{ n: 4 }]);
      expect(await fork.query(`SELECT count(*)::INTEGER AS n FROM s.t`)).toEqual([{ n: 5000 }]);
    } finally {
      await fork.close();
      await engine.close();
    }
    const reader = await DuckDbEngine.open({ path, readOnly: true });
    try {
      expect(await reader.query(`SELECT count(*)::INTEGER AS n, count(DISTINCT s)::INTEGER AS k FROM s.t`)).toEqual([{ n: 5000, k: 7 }]);
    } finally {
      await reader.close();
    }
  });

  it('moves a file made in an older format to STORAGE_VERSION, rows intact', async () => {
    const path = freshPath();
    const old = await DuckDBInstance.create(path);
    const connection = await old.connect();
    await connection.run(`CREATE TABLE t AS SELECT range AS x FROM range(10)`);
    connection.closeSync();
    old.closeSync();
    const engine = await DuckDbEngine.open({ path });
    try {
      expect(await storageVersion(engine)).toBe(`${STORAGE_VERSION}+`);
      await engine.exec(`INSERT INTO t SELECT range + 10 FROM range(5)`);
      expect(await engine.query(`SELECT sum(x)::INTEGER AS s FROM t`)).toEqual([{ s: 105 }]);
    } finally {
      await engine.close();
    }
  });
});
