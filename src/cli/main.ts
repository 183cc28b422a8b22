#!/usr/bin/env node
// The `marquee` command line. Each command lives in its own file and registers itself here.
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';

type Register = (program: Command) => void;

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
  .description(
    'Marquee: trustworthy bronze/silver/gold tables, quality reports, ML and a dashboard from streaming-platform engagement data.',
  )
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
