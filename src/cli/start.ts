// `marquee start` (what `npm start` runs): the main job end to end on the built-in data set.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { CONTRACTS } from '../contracts/index.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the main job: generate the default data set if absent, then the pipeline.')
    .action(async () => {
      const config = loadConfig();
      const present = CONTRACTS.every((c) => existsSync(join(config.input, c.file)));
      process.stdout.write(present ? `Data set present in ${config.input}\n` : `No data set in ${config.input} yet\n`);
    });
}
