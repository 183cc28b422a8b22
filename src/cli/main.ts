#!/usr/bin/env node
// The `marquee` command line. Each command lives in its own file and registers itself here.
import { Command, CommanderError } from 'commander';
import { UserError } from './errors.js';
import { registerStart } from './start.js';
import { registerGenerate } from './generate.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerReport } from './report.js';
import { registerBench } from './bench.js';

const program = new Command()
  .name('marquee')
  .description('Marquee: trustworthy bronze/silver/gold tables, quality reports, ML and a dashboard from streaming-platform engagement data.')
  .showHelpAfterError('(run marquee --help for usage)')
  .exitOverride();

// Order here is the order `marquee --help` lists them.
registerStart(program);
registerGenerate(program);
registerRun(program);
registerServe(program);
registerReport(program);
registerBench(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UserError) {
    process.stderr.write(`marquee: error: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`marquee: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
