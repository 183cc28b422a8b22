// What `marquee serve` does (src/cli/serve.ts defines the command and imports this module only when
// it runs): check the bind address and the warehouse, then serve until SIGINT / SIGTERM.
import { loadConfig, type EngineName } from '../../config.js';
import { BindAddressError, parseBindHost } from '../../dashboard/bind-address.js';
import { startServer } from '../../dashboard/server.js';
import { openReadOnly, WarehouseUnavailableError } from '../../dashboard/warehouse.js';
import { dashboardWarehouse } from '../../dashboard/snapshot.js';
import { UserError } from '../../errors.js';

export interface ServeFlags {
  port: number;
  host: string;
  token?: string;
  warehouse?: string;
  engine?: string;
  sparkUrl?: string;
}

export async function serve(options: ServeFlags): Promise<void> {
  if (options.port > 65535) throw new UserError(`--port must be at most 65535, got ${options.port}`);
  // Refuse an empty or unparsable --host before any work (it used to listen on every interface).
  const bind = await parseBindHost(options.host).catch((error: unknown) => {
    throw error instanceof BindAddressError ? new UserError(error.message) : error;
  });
  const loaded = loadConfig({
    warehouse: options.warehouse,
    engine: options.engine as EngineName | undefined,
    sparkUrl: options.sparkUrl,
  });
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
  const server = await startServer({ warehouse: config.warehouse, host: options.host, port: options.port, token: options.token }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error instanceof BindAddressError) throw new UserError(error.message);
      if (error.code === 'EADDRINUSE') throw new UserError(`Port ${options.port} on ${bind.given} is in use: pick another with --port`);
      if (error.code) throw new UserError(`Cannot listen on ${bind.given}:${options.port}: ${error.code} (${error.message})`);
      throw error;
    },
  );
  if (!server.loopback) {
    process.stderr.write(
      `marquee serve: warning: bound to ${bind.given} (${server.host}), reachable from other machines; every request needs the access token${options.token ? ' given with --token' : ' in the URL below (printed once, not stored)'}.\n`,
    );
  }
  // The access URL carries the token: printed once, here, and nowhere else.
  process.stdout.write(`Dashboard on ${server.accessUrl}${server.token ? '' : '/'} (warehouse ${config.warehouse}); Ctrl-C stops it.\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => void server.close().then(resolveStop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
