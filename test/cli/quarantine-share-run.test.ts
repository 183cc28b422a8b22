// A run whose watch_history batch quarantines 44% of its lines does not end "ok": the blocking
// quarantine_share check fails the table's step, its downstream is skipped and `marquee run` exits 1.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';

const root = join(import.meta.dirname, '..', '..');

describe('marquee run with a batch that quarantines 44% of its lines', () => {
  it('fails the run naming the quarantine_share check and the batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-share-'));
    const input = join(dir, 'in');
    cpSync(join(root, 'test', 'fixtures', 'good'), input, { recursive: true });
    cpSync(join(root, 'test', 'fixtures', 'bad', 'quarantine-share'), input, { recursive: true });
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src', 'cli', 'main.ts'),
        'run',
        '--input',
        input,
        '--warehouse',
        join(dir, 'wh'),
        '--through',
        'silver',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /bronze\.watch_history: bronze: 1 blocking check\(s\) failed: bronze\.watch_history quarantine_share \(1 failed\)/,
    );
    expect(r.stdout).toMatch(/^skipped silver\.watch_history /m);
    const engine = await DuckDbEngine.open({ path: join(dir, 'wh', 'marquee.duckdb') });
    try {
      const [run] = await engine.query(`SELECT status FROM meta.runs`);
      expect(run.status).toBe('failed');
      const [check] = await engine.query<{ passed: boolean; sample: string }>(
        `SELECT passed, sample FROM meta.check_results WHERE check_name = 'quarantine_share' AND dataset = 'bronze.watch_history'`,
      );
      expect(check.passed).toBe(false);
      expect(JSON.parse(check.sample)[0]).toMatch(/4 of 9 lines quarantined \(44\.4%\)/);
    } finally {
      await engine.close();
    }
  });
});
