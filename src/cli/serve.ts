// `marquee serve`: the local dashboard over gold, ml and meta tables, read-only, on 127.0.0.1 unless
// told otherwise.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { isLoopback, startServer } from '../dashboard/server.js';
import { openReadOnly, WarehouseUnavailableError } from '../dashboard/warehouse.js';
import { dashboardWarehouse } from '../dashboard/snapshot.js';
import type { EngineName } from '../engine/engine.js';
import { parseNumberOption } from './errors.js';
import { UserError } from '../errors.js';
import { parseEngine } from './run.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the dashboard (gold, ml and meta tables, read-only) on a local port.')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parseNumberOption('--port', 0, { integer: true }), 8080)
    .option('--host <host>', 'address to bind; anything but loopback exposes the dashboard to your network', '127.0.0.1')
    .option('--warehouse <dir>', 'warehouse folder holding marquee.duckdb')
    .option('--engine <name>', 'duckdb (default) or spark: with spark, the gold, ml and meta tables are copied once at start into <warehouse>/spark-snapshot/marquee.duckdb and served from there (restart to refresh)', parseEngine)
    .option('--spark-url <url>', 'Spark Connect URL (engine spark)')
    .action(async (options: { port: number; host: string; warehouse?: string; engine?: string; sparkUrl?: string }) => {
      if (options.port > 65535) throw new UserError(`--port must be at most 65535, got ${options.port}`);
      const loaded = loadConfig({ warehouse: options.warehouse, engine: options.engine as EngineName | undefined, sparkUrl: options.sparkUrl });
      const config = { ...loaded, warehouse: await dashboardWarehouse(loaded, (line) => process.stdout.write(line + '\n')) };
      try {
        // Fail fast on a missing warehouse; a locked one is reported per request until the writer ends.
        const engine = await openReadOnly(config.warehouse);
        await engine.close();
      } catch (error) {
        if (!(error instanceof WarehouseUnavailableError)) throw error;
        if (error.reason !== 'locked') throw new UserError(error.message);
        process.stderr.write(`marquee serve: warning: ${error.message}\n`);
      }
      const server = await startServer({ warehouse: config.warehouse, host: options.host, port: options.port }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new UserError(`Port ${options.port} on ${options.host} is in use: pick another with --port`);
        if (error.code) throw new UserError(`Cannot listen on ${options.host}:${options.port}: ${error.code} (${error.message})`);
        throw error;
      });
      if (!isLoopback(options.host)) {
        process.stderr.write(`marquee serve: warning: bound to ${options.host}, reachable from other machines (no authentication).\n`);
      }
      process.stdout.write(`Dashboard on ${server.url}/ (warehouse ${config.warehouse}); Ctrl-C stops it.\n`);
      await new Promise<void>((resolveStop) => {
        const stop = () => void server.close().then(resolveStop);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
