#!/usr/bin/env node
// The `marquee` command line. Each command lives in its own file and registers itself here.
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';
import { registerGenerate } from './generate.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerStart } from './start.js';

const PATH_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a file is where a folder should be',
  EISDIR: 'a folder is where a file should be',
  ENOENT: 'no such file or folder',
};

/** "cannot open /x/y: read-only file system (EROFS)" for a file-system error on a path, else undefined. */
function pathProblem(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (!e || typeof e !== 'object' || !e.code || !(e.code in PATH_ERRORS) || !e.path) return undefined;
  return `cannot ${e.syscall ?? 'use'} ${e.path}: ${PATH_ERRORS[e.code]} (${e.code})`;
}

// Order here is the order `marquee --help` lists them. These modules hold only the commands'
// definitions; each command's implementation (DuckDB, the pipeline, the dashboard, the generator,
// the ML libraries) is imported by its action when it runs, so `--help` and a usage error load none of it.
const program = new Command()
  .name('marquee')
  .description(
    'Marquee: trustworthy bronze/silver/gold tables, quality reports, ML and a dashboard from streaming-platform engagement data.',
  )
  .showHelpAfterError('(run marquee --help for usage)')
  .exitOverride();
for (const register of [registerStart, registerGenerate, registerRun, registerServe, registerReport]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UserError) {
    process.stderr.write(`marquee: error: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (pathProblem(error)) {
    // A path the user gave that cannot be written or read (read-only folder, a file where a folder
    // should be): their setup, not a bug, so one line and no stack trace.
    process.stderr.write(`marquee: error: ${pathProblem(error)}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`marquee: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
