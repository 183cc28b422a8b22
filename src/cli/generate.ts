// `marquee generate`: write a synthetic data set shaped like the published files (see
// src/generate/CONTEXT.md). A progress bar shows on a terminal only.
import type { Command } from 'commander';
import { Option } from 'commander';
import cliProgress from 'cli-progress';
import { defaultConfig } from '../config.js';
import { generateDataset, type GenerateProgress } from '../generate/index.js';
import { parseNumberOption } from './errors.js';

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
    .action(async (opts: { out: string; scale: number; seed: number; signal: 'realistic' | 'none'; force: boolean; snapshots: number }) => {
      const bar = process.stdout.isTTY
        ? new cliProgress.SingleBar(
            { format: 'generate [{bar}] {percentage}% | {value}/{total} rows | {table}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      let started = false;
      const onProgress = (p: GenerateProgress) => {
        if (!bar) return;
        if (!started) {
          bar.start(p.rowsTotal, 0, { table: p.table });
          started = true;
        }
        bar.update(p.rowsDone, { table: p.table });
      };
      try {
        const result = await generateDataset(opts, onProgress);
        bar?.stop();
        const exports = opts.snapshots > 1 ? `, users as ${opts.snapshots} monthly exports` : '';
        process.stdout.write(
          `Wrote ${result.totalRows.toLocaleString('en-US')} rows (scale ${opts.scale}, seed ${opts.seed}, signal ${opts.signal}${exports}) to ${result.out} in ${result.seconds.toFixed(1)} s\n`,
        );
      } finally {
        bar?.stop();
      }
    });
}
