// `marquee run`: the pipeline over the input CSVs into the warehouse (or a selection of it). Only the
// command's definition lives here; the implementation (src/cli/actions/run.ts: DuckDB, the pipeline)
// is imported when the command runs, so `marquee --help` loads none of it.
import type { Command } from 'commander';
import type { RunFlags } from './actions/run.js';
import { parseNumberOption } from './errors.js';
import { parseDate, parseEngine, parseMemory } from './options.js';
import { DEFAULT_THREADS } from './threads.js';
import { SMALL_DATA_CONCURRENCY, SMALL_INPUT_BYTES, SMALL_WAREHOUSE_BYTES } from './concurrency.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run the pipeline (bronze -> silver -> gold -> ml) into the warehouse, or a selection of it.')
    .option('--input <dir>', 'folder with the six source CSVs (default: data/generated)')
    .option('--warehouse <dir>', 'warehouse folder holding marquee.duckdb and reports/ (default: ./warehouse)')
    .option('--through <layer>', 'run every step up to this layer: bronze, silver, gold or ml')
    .option(
      '--select <expr>',
      "steps to run: 'silver+' (layer and downstream), 'gold.kpi_x', '+gold.kpi_x' (with upstream); comma-separated",
    )
    .option('--full-refresh', 'rebuild incremental tables from scratch')
    .option('--as-of <date>', 'the fixed "today" (YYYY-MM-DD) for recency, freshness and ML splits', parseDate)
    .option('--engine <name>', 'duckdb (default) or spark', parseEngine)
    .option('--spark-url <url>', 'Spark Connect URL (engine spark)')
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 4GB', parseMemory)
    .option('--models <dir>', 'models folder (default: the repository models/)')
    .option(
      '--concurrency <n>',
      `run up to N independent steps of a layer at once, each on its own DuckDB connection (default ${SMALL_DATA_CONCURRENCY} when the input's CSVs are under ${SMALL_INPUT_BYTES / 1024 / 1024} MB and the warehouse file under ${SMALL_WAREHOUSE_BYTES / 1024 / 1024} MB, else 1: one at a time)`,
      parseNumberOption('--concurrency', 1, { integer: true }),
    )
    .option(
      '--threads <n>',
      `run up to N ML steps at once, each in a worker thread on its own DuckDB connection (default ${DEFAULT_THREADS}: one per CPU core; 1: one at a time in the main thread)`,
      parseNumberOption('--threads', 1, { integer: true }),
    )
    .option('--strict', 'fail (exit 2) when the input folder holds a CSV that matches no source table, instead of listing it')
    .action(async (flags: RunFlags) => (await import('./actions/run.js')).run(flags));
}
