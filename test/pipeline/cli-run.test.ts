// `marquee run` end to end on the tiny fixture data set (bronze + silver as registered today).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_TABLES } from '../../src/contracts/index.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { runCli } from '../helpers/cli.js';

const root = join(import.meta.dirname, '..', '..');
/** `marquee run <args>`, awaited (a synchronous child would freeze the test worker for the whole run). */
const marquee = (...args: string[]) => runCli(['run', ...args], { env: { TZ: 'UTC' } });

describe('marquee run', () => {
  it('runs the registered pipeline on the fixture data, records it and conserves every row', async () => {
    const warehouse = mkdtempSync(join(tmpdir(), 'marquee-cli-'));
    const result = await marquee('--input', join(root, 'test', 'fixtures', 'good'), '--warehouse', warehouse, '--through', 'silver');
    expect(result.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(result.status).toBe(0);
    // Not a terminal: one plain line per finished step, then the run line.
    expect(result.stdout).toMatch(/^ok silver\.users rows_in=\d+ rows_out=\d+ /m);
    expect(result.stdout).toMatch(/^run r\w+ ok: steps ok \d+, failed 0, skipped 0;/m);
    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
    try {
      expect(await engine.query(`SELECT status FROM meta.runs`)).toEqual([{ status: 'ok' }]);
      const conservation = await engine.query<{ dataset: string; passed: boolean }>(
        `SELECT dataset, passed FROM meta.check_results WHERE kind = 'conservation' ORDER BY dataset`,
      );
      expect(conservation).toEqual(
        SOURCE_TABLES.map((t) => `silver.${t}`)
          .sort()
          .map((dataset) => ({ dataset, passed: true })),
      );
      expect(await engine.query(`SELECT count(*) AS n FROM meta.step_runs WHERE status <> 'ok'`)).toEqual([{ n: 0 }]);
    } finally {
      await engine.close();
    }
  });

  it('rejects a bad selection with one clear line and exit code 2', async () => {
    const warehouse = mkdtempSync(join(tmpdir(), 'marquee-cli-'));
    const result = await marquee('--input', join(root, 'test', 'fixtures', 'good'), '--warehouse', warehouse, '--select', 'silver.userz');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/marquee: error: --select: 'silver.userz' is no layer, step or table \(did you mean .*silver\.users/);
  });
});
