// `marquee start` (what `npm start` runs): the main job end to end on the built-in data set:
// generate it if absent, run every layer, write the shareable report, print a short summary.
// Only the command's definition lives here; its implementation (DuckDB, the pipeline, the report)
// is imported when the command runs, so `marquee --help` loads none of it.
import type { Command } from 'commander';
import { parseNumberOption } from './errors.js';

/**
 * SQL steps `start` runs side by side (`run` defaults to one). On the built-in scale-1 data set most
 * statements are small and leave a core idle, and two steps at a time cut bronze -> gold by about 8%
 * and `npm start` by 0.5-1.5 s (bench/RESULTS.md); at scale 10 it gained nothing and took 300 MB
 * more, which is why `run` keeps one.
 */
export const START_CONCURRENCY = 2;

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the main job: generate the default data set if absent, run every layer, write the report.')
    .option('--input <dir>', 'data set folder (default: data/generated)')
    .option('--warehouse <dir>', 'warehouse folder (default: ./warehouse)')
    .option(
      '--concurrency <n>',
      'run up to N independent SQL steps of a layer at once, each on its own DuckDB connection',
      parseNumberOption('--concurrency', 1, { integer: true }),
      START_CONCURRENCY,
    )
    .action(async (flags: { input?: string; warehouse?: string; concurrency: number }) =>
      (await import('./actions/start.js')).start(flags),
    );
}
