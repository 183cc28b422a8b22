import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadOnly, withWarehouse, WarehouseUnavailableError } from '../../src/dashboard/warehouse.js';
import { startServer } from '../../src/dashboard/server.js';
import { makeFixtureWarehouse, type FixtureWarehouse } from './fixture.js';
import { holdWriter } from './hold-writer.js';

let fixture: FixtureWarehouse;
beforeAll(async () => {
  fixture = await makeFixtureWarehouse();
});
afterAll(() => fixture.cleanup());

describe('read-only warehouse access', () => {
  it('reads, but refuses writes and file access outside the database', async () => {
    await withWarehouse(fixture.dir, async (engine) => {
      expect(await engine.query('SELECT count(*) AS n FROM meta.runs')).toEqual([{ n: 2 }]);
      await expect(engine.exec('DELETE FROM meta.runs')).rejects.toThrow(/read-only/);
      await expect(engine.exec(`COPY meta.runs TO '${join(fixture.dir, 'leak.csv')}'`)).rejects.toThrow(/disabled by configuration/);
      await expect(engine.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled by configuration/);
      await expect(engine.exec('SET enable_external_access = true')).rejects.toThrow(/locked/);
    });
  });

  it('says clearly when there is no warehouse', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'marquee-empty-'));
    await expect(openReadOnly(empty)).rejects.toThrow(/No warehouse at .*marquee\.duckdb: run the pipeline first/);
    rmSync(empty, { recursive: true, force: true });
  });

  it('says clearly when another process is writing the file', async () => {
    const writer = await holdWriter(join(fixture.dir, 'marquee.duckdb'));
    try {
      const error = await openReadOnly(fixture.dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WarehouseUnavailableError);
      expect((error as WarehouseUnavailableError).reason).toBe('locked');
      expect((error as Error).message).toMatch(/open for writing by another process \(process \d+/);
      // The server stays up and answers 503 with the same sentence.
      const server = await startServer({ warehouse: fixture.dir, port: 0 });
      try {
        const res = await fetch(`${server.url}/api/page/lineage`);
        expect(res.status).toBe(503);
        expect(((await res.json()) as { error: string }).error).toMatch(/open for writing by another process/);
      } finally {
        await server.close();
      }
    } finally {
      writer.kill();
    }
  });
});
