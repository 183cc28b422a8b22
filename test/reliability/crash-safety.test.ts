// Crash safety: `marquee run` is SIGKILLed in the middle of each layer (after a table's temp build,
// before its atomic swap, through the MARQUEE_TEST_PAUSE_AT hook), on a warehouse that already holds
// a complete run. Whatever the killed run leaves, every table under its final name must still be a
// whole table (same fingerprint as the uninterrupted run), and the next run must clean the temp
// tables up and end with the same tables as an uninterrupted run.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMP_TABLE_PATTERN } from '../../src/pipeline/leftovers.js';
import {
  generate,
  marquee,
  ROOT,
  runAndKillAt,
  runAndKillOnOutput,
  tempDir,
  warehouseChecksums,
  withWarehouse,
  RUN_SPECIFIC_COLUMNS,
} from './helpers.js';

const SCHEMAS = ['bronze', 'silver', 'gold', 'quarantine'];
// Ingestion time and batch ids are new on every load (the killed run uses --full-refresh, so bronze is
// reloaded); quarantine rows carry their run id and time. A batch whose file name holds no month
// takes effect at its load time, so the history validity, the batch list and the snapshot columns of
// churn by month follow it. Everything else must match exactly.
const RUN_SPECIFIC = RUN_SPECIFIC_COLUMNS;

const goldModels = readdirSync(join(ROOT, 'models', 'gold'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => `gold.${f.slice(0, -4)}`)
  .sort();

describe('crash safety (SIGKILL in each layer)', () => {
  let root: string;
  let input: string;
  let warehouse: string;
  let baseline: Record<string, string>;
  const runArgs = () => ['run', '--input', input, '--warehouse', warehouse, '--through', 'gold'];

  beforeAll(async () => {
    root = tempDir('crash');
    input = join(root, 'data');
    warehouse = join(root, 'warehouse');
    await generate(input, 0.02, 11);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('an uninterrupted run gives the baseline', async () => {
    const first = await marquee(runArgs());
    expect(first.status, first.stderr).toBe(0);
    baseline = await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC);
    expect(Object.keys(baseline)).toContain('silver.watch_history');
  }, 180_000);

  const killPoints: Array<[string, string | undefined]> = [
    ['bronze', 'before-swap:bronze.watch_history'],
    ['silver', 'before-swap:silver.watch_history'],
    ['gold', goldModels[Math.floor(goldModels.length / 2)] && `before-swap:${goldModels[Math.floor(goldModels.length / 2)]}`],
  ];

  it('killed without the hook, as soon as silver reports its first finished step: the next run recovers', async () => {
    // Wherever this lands (mid-statement, mid-swap, between steps), the tables seen under their final
    // names are whole and the next run ends where an uninterrupted one does.
    await runAndKillOnOutput([...runArgs(), '--full-refresh'], /^ok silver\./m);
    const visible = await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC);
    for (const [table, sum] of Object.entries(visible)) {
      if (!TEMP_TABLE_PATTERN.test(table)) expect(sum, `${table} after the kill`).toBe(baseline[table]);
    }
    const next = await marquee(runArgs());
    expect(next.status, next.stderr).toBe(0);
    expect(await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC)).toEqual(baseline);
  }, 240_000);

  for (const [layer, point] of killPoints) {
    it.skipIf(point === undefined)(
      `killed in ${layer} (${point ?? 'no gold models yet'}): readers see whole tables, the next run recovers`,
      async () => {
        await runAndKillAt([...runArgs(), '--full-refresh'], point!);

        const afterKill = await withWarehouse(warehouse, async (engine) => {
          const tables = await engine.query<{ s: string; t: string }>(
            `SELECT table_schema AS s, table_name AS t FROM information_schema.tables`,
          );
          return tables.map((r) => `${r.s}.${r.t}`);
        });
        // The kill landed mid-build: the temp table of the step it interrupted is there, under its temp name only.
        const temps = afterKill.filter((t) => TEMP_TABLE_PATTERN.test(t));
        expect(temps.length, `temp tables after the kill: ${afterKill.join(', ')}`).toBeGreaterThan(0);
        const target = point!.replace('before-swap:', '');
        expect(temps.some((t) => t.startsWith(`${target}__`))).toBe(true);

        // Every table under its final name is whole: the same rows as the uninterrupted run.
        const visible = await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC);
        for (const [table, sum] of Object.entries(visible)) {
          if (TEMP_TABLE_PATTERN.test(table)) continue;
          expect(sum, `${table} after the kill`).toBe(baseline[table]);
        }

        const next = await marquee(runArgs());
        expect(next.status, next.stderr).toBe(0);
        expect(next.stdout).toMatch(/dropped \d+ temp table\(s\) left by an interrupted run/);
        const recovered = await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC);
        expect(Object.keys(recovered).filter((t) => TEMP_TABLE_PATTERN.test(t))).toEqual([]);
        expect(recovered).toEqual(baseline);
      },
      240_000,
    );
  }
});
