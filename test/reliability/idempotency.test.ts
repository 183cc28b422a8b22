// Idempotency: the same input run twice gives the same tables, and loading a file in two batches
// (A, then B incrementally) gives the same silver and gold as loading A+B at once.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, marquee, tempDir, warehouseChecksums } from './helpers.js';

// Re-running on the same warehouse skips files already loaded (same sha256), so bronze keeps its
// batch ids and ingestion times and everything must match exactly. A fresh warehouse loads new
// batches: `_batch_id` (a timestamp) and `_ingested_at` are the wall clock of the load, and silver
// carries `_batch_id` for lineage, so those two columns are excluded there. Quarantine rows carry
// their run id and time.
// A batch whose file name holds no month takes effect at its load time: the history's batch and
// validity, the batch list and the snapshot columns of churn by month follow the load too.
const QUARANTINE_RUN_COLUMNS = ['run_id', 'batch_id', 'quarantined_at'];
const BATCH_TIME_COLUMNS = ['batch_id', 'valid_from', 'valid_to', 'effective_at', 'loaded_at', 'snapshot_at', 'snapshot_month'];
const LOAD_TIME_COLUMNS = ['_batch_id', '_ingested_at', ...BATCH_TIME_COLUMNS];
// Split loading also moves rows to another file and line: lineage columns differ by design.
const LINEAGE_COLUMNS = ['_batch_id', '_ingested_at', '_source_file', '_line_number', ...BATCH_TIME_COLUMNS];

/**
 * Each warehouse makes its own random pseudonym key, so silver pseudonyms differ between two
 * warehouses by design. Comparing two warehouses, the second gets the first one's key file, as a
 * user rebuilding a warehouse would keep the key.
 */
function shareKey(from: string, to: string): void {
  mkdirSync(join(to, 'secrets'), { recursive: true, mode: 0o700 });
  copyFileSync(join(from, 'secrets', 'pseudonym.key'), join(to, 'secrets', 'pseudonym.key'));
  chmodSync(join(to, 'secrets', 'pseudonym.key'), 0o600);
}

describe('idempotency', () => {
  let root: string;
  let input: string;
  let first: string;
  let firstSums: Record<string, string>;
  const run = async (inputDir: string, warehouse: string) => {
    const r = await marquee(['run', '--input', inputDir, '--warehouse', warehouse, '--through', 'gold']);
    expect(r.status, r.stderr).toBe(0);
  };

  beforeAll(async () => {
    root = tempDir('idempotency');
    input = join(root, 'data');
    await generate(input, 0.02, 23);
    first = join(root, 'first');
    await run(input, first);
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a second run on the same warehouse changes no table', async () => {
    firstSums = await warehouseChecksums(first, ['bronze', 'silver', 'gold'], []);
    const firstQuarantine = await warehouseChecksums(first, ['quarantine'], QUARANTINE_RUN_COLUMNS);
    expect(Object.keys(firstSums).length).toBeGreaterThanOrEqual(12);
    await run(input, first);
    expect(await warehouseChecksums(first, ['bronze', 'silver', 'gold'], [])).toEqual(firstSums);
    expect(await warehouseChecksums(first, ['quarantine'], QUARANTINE_RUN_COLUMNS)).toEqual(firstQuarantine);
  }, 180_000);

  it('a run into a fresh warehouse gives the same tables (load-time columns aside)', async () => {
    const second = join(root, 'second');
    shareKey(first, second);
    await run(input, second);
    const a = await warehouseChecksums(first, ['bronze', 'silver', 'gold'], LOAD_TIME_COLUMNS);
    const b = await warehouseChecksums(second, ['bronze', 'silver', 'gold'], LOAD_TIME_COLUMNS);
    expect(b).toEqual(a);
    // The excluded columns really are the only difference: batch ids differ between the two loads.
    expect(await warehouseChecksums(second, ['bronze'], [])).not.toEqual(await warehouseChecksums(first, ['bronze'], []));
  }, 180_000);

  it('batch A then batch B incrementally equals A+B at once (silver and gold)', async () => {
    const split = join(root, 'split');
    mkdirSync(split);
    for (const f of readdirSync(input).filter((name) => name.endsWith('.csv'))) copyFileSync(join(input, f), join(split, f));
    const lines = readFileSync(join(input, 'watch_history.csv'), 'utf8').split('\n');
    const header = lines[0];
    const data = lines.slice(1).filter((l) => l !== '');
    const half = Math.floor(data.length / 2);
    const warehouse = join(root, 'incremental');
    shareKey(first, warehouse);
    writeFileSync(join(split, 'watch_history.csv'), `${[header, ...data.slice(0, half)].join('\n')}\n`);
    await run(split, warehouse);
    writeFileSync(join(split, 'watch_history.csv'), `${[header, ...data.slice(half)].join('\n')}\n`);
    await run(split, warehouse);

    const whole = await warehouseChecksums(first, ['silver', 'gold'], LINEAGE_COLUMNS);
    const incremental = await warehouseChecksums(warehouse, ['silver', 'gold'], LINEAGE_COLUMNS);
    // silver.source_batches lists the batches themselves: two watch_history batches here, one there.
    const { ['silver.source_batches']: wholeBatches, ...wholeRest } = whole;
    const { ['silver.source_batches']: splitBatches, ...incrementalRest } = incremental;
    expect(splitBatches).not.toBe(wholeBatches);
    expect(incrementalRest).toEqual(wholeRest);
    // Bronze holds both batches: as many rows as the whole file.
    const bronzeWhole = await warehouseChecksums(first, ['bronze'], LINEAGE_COLUMNS);
    const bronzeSplit = await warehouseChecksums(warehouse, ['bronze'], LINEAGE_COLUMNS);
    expect(bronzeSplit['bronze.watch_history']).toBe(bronzeWhole['bronze.watch_history']);
  }, 300_000);
});
