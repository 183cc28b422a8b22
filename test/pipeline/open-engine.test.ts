import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadConfig } from '../../src/config.js';
import { openEngine } from '../../src/engine/open.js';

describe('openEngine', () => {
  it('opens the warehouse database file for duckdb', async () => {
    const warehouse = join(mkdtempSync(join(tmpdir(), 'marquee-open-')), 'wh');
    const engine = await openEngine(loadConfig({ warehouse }));
    await engine.exec('CREATE TABLE t AS SELECT 1 AS x');
    await engine.close();
    const again = await openEngine(loadConfig({ warehouse }));
    expect(await again.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
    await again.close();
  });
});
