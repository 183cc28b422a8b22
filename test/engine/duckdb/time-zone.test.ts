// Every DuckDB connection works in UTC whatever the machine's zone: the engine's own connection and
// its forks, on a file opened for writing and on one opened read-only (whose settings are locked, so
// a fork there cannot set the zone itself: it inherits the instance's).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';

// A machine that is not in UTC (DuckDB reads the zone from the environment when an instance starts);
// this file's own process (the forks pool), put back afterwards.
const machineZone = process.env.TZ;
process.env.TZ = 'America/New_York';
const dir = mkdtempSync(join(tmpdir(), 'marquee-tz-'));
afterAll(() => {
  process.env.TZ = machineZone;
  rmSync(dir, { recursive: true, force: true });
});

async function zoneOf(engine: DuckDbEngine) {
  const [row] = await engine.query<{ tz: string; shown: string }>(
    "SELECT current_setting('TimeZone') AS tz, CAST(TIMESTAMPTZ '2025-01-01 00:00:00+00' AS VARCHAR) AS shown",
  );
  return row;
}

describe('the DuckDB time zone', () => {
  it('is UTC on a writable warehouse, its forks and then on a read-only open of it and its forks', async () => {
    const path = join(dir, 'w.duckdb');
    const writer = await DuckDbEngine.open({ path });
    const fork = await writer.fork();
    try {
      expect(await zoneOf(writer)).toEqual({ tz: 'UTC', shown: '2025-01-01 00:00:00+00' });
      expect(await zoneOf(fork)).toEqual({ tz: 'UTC', shown: '2025-01-01 00:00:00+00' });
      await writer.exec('CREATE TABLE t AS SELECT 1 AS x');
    } finally {
      await fork.close();
      await writer.close();
    }
    const reader = await DuckDbEngine.open({ path, readOnly: true });
    const second = await reader.fork();
    try {
      expect(await zoneOf(reader)).toEqual({ tz: 'UTC', shown: '2025-01-01 00:00:00+00' });
      expect(await zoneOf(second)).toEqual({ tz: 'UTC', shown: '2025-01-01 00:00:00+00' });
      expect(await second.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
      // Still locked: no connection of a read-only open may change a setting.
      await expect(second.exec("SET TimeZone = 'Europe/Paris'")).rejects.toThrow(/locked/);
    } finally {
      await second.close();
      await reader.close();
    }
  });
});
