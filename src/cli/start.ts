// `marquee start` (what `npm start` runs): the main job end to end on the built-in data set:
// generate it if absent, run every layer, write the shareable report, print a short summary.
// Only the command's definition lives here; its implementation (DuckDB, the pipeline, the report)
// is imported when the command runs, so `marquee --help` loads none of it.
import type { Command } from 'commander';
import { parseNumberOption } from './errors.js';
import { SMALL_DATA_CONCURRENCY } from './concurrency.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the main job: generate the default data set if absent, run every layer, write the report.')
    .option('--input <dir>', 'data set folder (default: data/generated)')
    .option('--warehouse <dir>', 'warehouse folder (default: ./warehouse)')
    .option(
      '--concurrency <n>',
      `run up to N independent SQL steps of a layer at once, each on its own DuckDB connection (default ${SMALL_DATA_CONCURRENCY} on a small data set, as for run)`,
      parseNumberOption('--concurrency', 1, { integer: true }),
    )
    .action(async (flags: { input?: string; warehouse?: string; concurrency?: number }) =>
      (await import('./actions/start.js')).start(flags),
    );
}
