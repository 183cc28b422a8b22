// `marquee generate`: write a synthetic data set shaped like the published files (see
// src/generate/CONTEXT.md). Only the command's definition lives here; the generator is imported
// (src/cli/actions/generate.ts) when the command runs.
import type { Command } from 'commander';
import { Option } from 'commander';
import { defaultConfig } from '../config.js';
import { parseNumberOption } from './errors.js';
import type { GenerateFlags } from './actions/generate.js';

export function registerGenerate(program: Command): void {
  const defaults = defaultConfig();
  program
    .command('generate')
    .description('Generate the six source CSVs (plus ground_truth.json) into a folder.')
    .requiredOption('--out <dir>', 'output folder (written via a temp folder, then renamed into place)')
    .option(
      '--scale <factor>',
      'row-count multiplier (1 = 10,300 users ... 105,000 sessions)',
      parseNumberOption('--scale', 0, { exclusiveMin: true }),
      defaults.scale,
    )
    .option(
      '--seed <n>',
      'random seed; the same seed gives byte-identical files',
      parseNumberOption('--seed', 0, { integer: true }),
      defaults.seed,
    )
    .addOption(new Option('--signal <mode>', 'behavioural structure to plant').choices(['realistic', 'none']).default(defaults.signal))
    .option(
      '--snapshots <n>',
      'write users as N monthly exports (users_2025_07.csv ...) and split the event files by month',
      parseNumberOption('--snapshots', 1, { integer: true }),
      1,
    )
    .option('--force', 'replace a non-empty output folder', false)
    .action(async (opts: GenerateFlags) => (await import('./actions/generate.js')).generate(opts));
}
