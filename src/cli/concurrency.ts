// How many SQL steps of a layer `run` and `start` run side by side when `--concurrency` is not given:
// several on a small data set, one on a large one. Kept out of the command definitions' imports
// beyond node:fs so that `marquee --help` stays light.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MarqueeConfig } from '../config.js';
import { warehouseDbPath } from '../warehouse/layout.js';

/**
 * Steps side by side on a small data set. At scale 1 (21 MB of CSV) most statements are small and
 * leave a core idle: bronze -> gold took 8.25 s one step at a time, 7.36 s two at a time and 6.97 s
 * three at a time (medians of 3, bench/RESULTS.md, session 14).
 */
export const SMALL_DATA_CONCURRENCY = 3;
/**
 * At scale 10 (205 MB of CSV) the statements are large enough to use both cores alone: two steps at a
 * time gained nothing and peaked 300 MB higher (bench/RESULTS.md, session 13). Below this much input,
 * and a warehouse file below SMALL_WAREHOUSE_BYTES (a selection without bronze reads the warehouse
 * only; scale 1's is 60-75 MB, scale 10's 0.9 GB), the data set counts as small.
 */
export const SMALL_INPUT_BYTES = 64 * 1024 * 1024;
export const SMALL_WAREHOUSE_BYTES = 256 * 1024 * 1024;

export interface ConcurrencyChoice {
  concurrency: number;
  /** Why, in words for the run's log: the sizes the choice was made on. */
  reason: string;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Bytes of the CSV files directly in `dir` (the landing folder's files; 0 when it does not exist). */
export function inputCsvBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile() && entry.name.toLowerCase().endsWith('.csv')) bytes += statSync(join(dir, entry.name)).size;
  return bytes;
}

/** The default `--concurrency` for this configuration (only DuckDB opens more connections; Spark runs one step at a time). */
export function defaultConcurrency(config: Pick<MarqueeConfig, 'engine' | 'input' | 'warehouse'>): ConcurrencyChoice {
  if (config.engine !== 'duckdb') return { concurrency: 1, reason: `one step at a time on ${config.engine}` };
  const input = inputCsvBytes(config.input);
  const dbFile = warehouseDbPath(config.warehouse);
  const warehouse = existsSync(dbFile) ? statSync(dbFile).size : 0;
  const sizes = `input ${megabytes(input)} of CSV, warehouse ${megabytes(warehouse)}`;
  if (input < SMALL_INPUT_BYTES && warehouse < SMALL_WAREHOUSE_BYTES)
    return {
      concurrency: SMALL_DATA_CONCURRENCY,
      reason: `up to ${SMALL_DATA_CONCURRENCY} steps of a layer side by side (${sizes}: a small data set; --concurrency sets it)`,
    };
  return { concurrency: 1, reason: `one step at a time (${sizes}: a large data set; --concurrency sets it)` };
}

/** The default `--concurrency` for this configuration, said in the run's log (`runner: ...`). */
export function chosenConcurrency(
  config: Pick<MarqueeConfig, 'engine' | 'input' | 'warehouse'>,
  reporter: { log(name: string, message: string): void },
): number {
  const choice = defaultConcurrency(config);
  reporter.log('runner', choice.reason);
  return choice.concurrency;
}
