#!/usr/bin/env node
// The `marquee` command line. Each command lives in its own file and registers itself here.
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';

type Register = (program: Command) => void;

// Order here is the order `marquee --help` lists them. Each command's module (and the pipeline,
// dashboard or generator behind it) is imported only when that command runs: loading all of them
// costs about 0.4 s of CPU at every start-up.
const COMMANDS: Record<string, () => Promise<Register>> = {
  start: async () => (await import('./start.js')).registerStart,
  generate: async () => (await import('./generate.js')).registerGenerate,
  run: async () => (await import('./run.js')).registerRun,
  serve: async () => (await import('./serve.js')).registerServe,
  report: async () => (await import('./report.js')).registerReport,
};

const program = new Command()
  .name('marquee')
  .description('Marquee: trustworthy bronze/silver/gold tables, quality reports, ML and a dashboard from streaming-platform engagement data.')
  .showHelpAfterError('(run marquee --help for usage)')
  .exitOverride();

// The first argument that is not an option names the command; help, a typo or no command loads all.
const named = process.argv.slice(2).find((a) => !a.startsWith('-'));
const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
for (const name of wanted) (await COMMANDS[name]())(program);

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
