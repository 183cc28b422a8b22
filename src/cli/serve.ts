// `marquee serve`: the local dashboard over gold, ml and meta tables, read-only, on 127.0.0.1 unless
// told otherwise. Only the command's definition lives here; the server (src/cli/actions/serve.ts) is
// imported when the command runs.
import type { Command } from 'commander';
import { parseNumberOption } from './errors.js';
import { parseEngine } from './options.js';
import type { ServeFlags } from './actions/serve.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the dashboard (gold, ml and meta tables, read-only) on a local port.')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parseNumberOption('--port', 0, { integer: true }), 8080)
    .option(
      '--host <host>',
      'address to bind; anything but loopback (127.0.0.0/8, ::1, localhost) exposes the dashboard to your network and requires an access token',
      '127.0.0.1',
    )
    .option(
      '--token <token>',
      'access token required on every request (16+ characters); beyond loopback one is generated and printed once if not given',
    )
    .option('--warehouse <dir>', 'warehouse folder holding marquee.duckdb')
    .option(
      '--engine <name>',
      'duckdb (default) or spark: with spark, the gold, ml and meta tables are copied once at start into <warehouse>/spark-snapshot/marquee.duckdb and served from there (restart to refresh)',
      parseEngine,
    )
    .option('--spark-url <url>', 'Spark Connect URL (engine spark)')
    .action(async (options: ServeFlags) => (await import('./actions/serve.js')).serve(options));
}
