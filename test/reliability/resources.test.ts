// Resource limits: a large file streams through bronze under a small DuckDB memory limit, the limit
// is really applied to runs, and a full disk under the warehouse fails the run cleanly with the
// previous tables intact (a small tmpfs mounted over the warehouse folder; skipped with a note where
// mounting is not permitted).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/open.js';
import { loadConfig } from '../../src/config.js';
import { generate, marquee, tempDir, warehouseChecksums, withWarehouse } from './helpers.js';
import { TEMP_TABLE_PATTERN } from '../../src/pipeline/leftovers.js';
import { runProcess } from '../helpers/cli.js';

const GNU_TIME = '/usr/bin/time';

describe('resource limits', () => {
  let root: string;
  let big: string;
  let small: string;
  /** `run` of bronze.watch_history (and what it needs) from the scale-5 file under a memory limit. */
  const bronzeRun = (warehouse: string, memoryLimit: string) => [
    'run',
    '--input',
    big,
    '--warehouse',
    warehouse,
    '--select',
    '+bronze.watch_history',
    '--memory-limit',
    memoryLimit,
  ];
  beforeAll(async () => {
    root = tempDir('resources');
    big = join(root, 'scale5');
    small = join(root, 'small');
    await generate(big, 5, 3);
    await generate(small, 0.02, 3);
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the configured memory limit is what the engine runs with', async () => {
    const engine = await openEngine(loadConfig({ warehouse: join(root, 'limit-check'), memoryLimit: '256MB' }));
    try {
      const [row] = await engine.query<{ limit: string }>(`SELECT current_setting('memory_limit') AS "limit"`);
      // DuckDB reports 256MB (10^6 bytes) in binary units.
      expect(row.limit).toBe('244.1 MiB');
    } finally {
      await engine.close();
    }
  });

  it('a run honours --memory-limit: a limit smaller than a read buffer fails the step with Out of Memory', async () => {
    const warehouse = join(root, 'too-small');
    const r = await marquee(bronzeRun(warehouse, '16MB'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bronze\.watch_history: Out of Memory Error/);
  });

  it('a scale-5 file streams through bronze under --memory-limit 256MB', async () => {
    const warehouse = join(root, 'streamed');
    const args = ['--import', 'tsx', 'src/cli/main.ts', ...bronzeRun(warehouse, '256MB')];
    const withTime = existsSync(GNU_TIME);
    const r = withTime
      ? await runProcess(GNU_TIME, ['-v', process.execPath, ...args], { timeoutMs: 300_000 })
      : await runProcess(process.execPath, args, { timeoutMs: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const ingestion = await withWarehouse(warehouse, (e) =>
      e.query<{ rows_read: number; rows_loaded: number; rows_quarantined: number; n: number }>(
        `SELECT rows_read, rows_loaded, rows_quarantined, (SELECT count(*) FROM bronze.watch_history) AS n FROM meta.ingestions WHERE dataset = 'bronze.watch_history'`,
      ),
    );
    expect(ingestion).toHaveLength(1);
    const [i] = ingestion;
    expect(Number(i.rows_read)).toBeGreaterThan(500_000);
    expect(Number(i.rows_loaded) + Number(i.rows_quarantined)).toBe(Number(i.rows_read));
    expect(Number(i.n)).toBe(Number(i.rows_loaded));
    if (withTime) {
      const peakMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)![1]) / 1024;
      // Node + DuckDB + a 256 MB buffer pool: well under what holding the 46 MB file several times over would need.
      console.log(`scale-5 watch_history under 256MB: peak RSS ${peakMb.toFixed(0)} MB`);
      expect(peakMb).toBeLessThan(1024);
    }
  }, 300_000);

  describe('disk full on the warehouse folder', () => {
    let mount: string;
    let mounted = false;
    beforeAll(() => {
      mount = join(root, 'tmpfs-warehouse');
      mkdirSync(mount, { recursive: true });
      const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mount], { encoding: 'utf8' });
      mounted = r.status === 0;
      if (!mounted)
        console.warn(
          `disk-full test skipped: cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()}); run as root to include it`,
        );
    });
    afterAll(() => {
      if (mounted) spawnSync('umount', [mount]);
    });

    it('fails cleanly and leaves the previous tables intact', async (ctx) => {
      if (!mounted) ctx.skip();
      const first = await marquee(['run', '--input', small, '--warehouse', mount, '--through', 'bronze']);
      expect(first.status, first.stderr).toBe(0);
      const before = await warehouseChecksums(mount, ['bronze', 'quarantine']);
      expect(Object.keys(before).length).toBeGreaterThanOrEqual(6);

      // 100+ MB of CSVs cannot be loaded into 12 MB.
      const full = await marquee(['run', '--input', big, '--warehouse', mount, '--through', 'bronze', '--full-refresh'], {}, 300_000);
      expect(full.status).not.toBe(0);
      expect(full.status).not.toBeNull(); // it ended by itself, it did not hang
      expect(`${full.stdout}\n${full.stderr}`).toMatch(/No space left on device|could not write|disk|space/i);

      // Give the file system room again and look. Each bronze table is its own step and swapped in on
      // its own, so a table whose step finished before the disk filled is the new file's, whole; every
      // other table is exactly the first run's. No table is a mixture.
      expect(spawnSync('mount', ['-o', 'remount,size=512m', mount]).status).toBe(0);
      const after = await warehouseChecksums(mount, ['bronze', 'quarantine']);
      const steps = await withWarehouse(mount, (e) =>
        e.query<{ step: string; status: string; rows_out: number | null; message: string | null }>(
          `SELECT step, status, rows_out, message FROM meta.step_runs WHERE run_id = (SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1) AND step LIKE 'bronze.%'`,
        ),
      );
      const failed = steps.filter((s) => s.status === 'failed');
      expect(failed.length, JSON.stringify(steps)).toBeGreaterThan(0);
      expect(failed.map((s) => s.message).join('\n')).toMatch(/No space left on device|could not write|disk|space/i);
      const published = new Set(steps.filter((s) => s.status === 'ok').map((s) => s.step));
      for (const [table, sum] of Object.entries(after)) {
        const name = table.split('.')[1];
        if (published.has(`bronze.${name}`)) {
          const rowsOut = steps.find((s) => s.step === `bronze.${name}`)!.rows_out;
          if (table.startsWith('bronze.')) expect(Number(sum.split(':')[0]), table).toBe(Number(rowsOut));
        } else {
          expect(sum, `${table} (its step did not finish) must be the first run's`).toBe(before[table]);
        }
      }
      expect(published.has('bronze.watch_history')).toBe(false);
      // And the warehouse still works: the next run succeeds and leaves no temp table behind.
      const again = await marquee(['run', '--input', small, '--warehouse', mount, '--through', 'bronze']);
      expect(again.status, again.stderr).toBe(0);
      const tables = await withWarehouse(mount, (e) =>
        e.query<{ t: string }>(`SELECT table_schema || '.' || table_name AS t FROM information_schema.tables`),
      );
      expect(tables.map((r) => r.t).filter((t) => TEMP_TABLE_PATTERN.test(t))).toEqual([]);
    }, 400_000);
  });
});
