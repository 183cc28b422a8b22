// Publishing a bronze batch is one transaction on DuckDB: the table swaps and the meta.ingestions
// row commit together. A failure after the swaps (here: the log insert) must leave bronze as it was,
// so the file is not later taken for new and loaded twice.
import { copyFileSync, mkdtempSync, readdirSync, appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestAll } from '../../src/bronze/run.js';
import type { Engine } from '../../src/engine/engine.js';
import type { SqlQuery } from '../../src/engine/sql.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { configFor, count, inputFolder, withEngine } from './helpers.js';

const clock = (iso: string) => () => new Date(iso);

/** The engine, except that inserting into meta.ingestions throws. */
function failingLogInsert(engine: DuckDbEngine): Engine {
  return new Proxy(engine, {
    get(target, key, receiver) {
      if (key === 'exec') {
        return async (statement: string | SqlQuery) => {
          const text = typeof statement === 'string' ? statement : statement.text;
          if (/^\s*INSERT INTO meta\.ingestions/.test(text)) throw new Error('injected: log insert failed');
          return target.exec(statement);
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('bronze publish', () => {
  it('rolls the swaps back when the ingestion log row cannot be written', async () => {
    await withEngine(async (engine) => {
      const good = inputFolder();
      await ingestAll(engine, configFor(good), 'run-1', { now: clock('2026-01-02T03:04:05.678Z') });
      expect(await count(engine, 'bronze.users')).toBe(6);

      // A new users file (one more row) whose publish fails at the log insert.
      const changed = mkdtempSync(join(tmpdir(), 'marquee-publish-'));
      for (const f of readdirSync(good)) copyFileSync(join(good, f), join(changed, f));
      const lastLine = readFileSync(join(good, 'users.csv'), 'utf8').trimEnd().split('\n').pop()!;
      appendFileSync(join(changed, 'users.csv'), lastLine.replace(/^user_\d+/, 'user_09999') + '\n');
      await expect(
        ingestAll(failingLogInsert(engine), configFor(changed), 'run-2', { now: clock('2026-01-03T00:00:00Z'), tables: ['users'] }),
      ).rejects.toThrow(/injected/);

      expect(await count(engine, 'bronze.users')).toBe(6);
      expect(await count(engine, 'meta.ingestions', "dataset = 'bronze.users'")).toBe(1);
      // The same change ingested without the fault is a new batch with the extra row.
      await ingestAll(engine, configFor(changed), 'run-3', { now: clock('2026-01-04T00:00:00Z'), tables: ['users'] });
      expect(await count(engine, 'bronze.users')).toBe(13);
      expect(await count(engine, 'meta.ingestions', "dataset = 'bronze.users' AND status = 'loaded'")).toBe(2);
    });
  });

  it('commits nested transactions once, and rolls back every statement on an error', async () => {
    await withEngine(async (engine) => {
      await engine.exec('CREATE TABLE t (x INTEGER)');
      await engine.transaction(async () => {
        await engine.exec('INSERT INTO t VALUES (1)');
        await engine.transaction(async () => engine.exec('INSERT INTO t VALUES (2)'));
      });
      await expect(
        engine.transaction(async () => {
          await engine.exec('INSERT INTO t VALUES (3)');
          await engine.exec('CREATE TABLE t_new AS SELECT 9 AS x');
          await engine.swapTable('t_new', 'main.t');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await engine.query('SELECT x FROM t ORDER BY x')).map((r) => r.x)).toEqual([1, 2]);
    });
  });
});
