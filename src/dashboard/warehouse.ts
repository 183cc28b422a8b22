// Open the warehouse for the dashboard: read-only, with clear messages for the two common failures
// (no warehouse yet; another process, usually `marquee run`, holds the file for writing: DuckDB
// allows no reader while a writer has the file open).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDbEngine } from '../engine/duckdb/engine.js';
import type { Engine } from '../engine/engine.js';
import { warehouseDbPath } from '../warehouse/layout.js';

export class WarehouseUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'locked' | 'other',
  ) {
    super(message);
    this.name = 'WarehouseUnavailableError';
  }
}

export function warehouseFile(warehouseDir: string): string {
  return warehouseDbPath(resolve(warehouseDir));
}

export async function openReadOnly(warehouseDir: string): Promise<Engine> {
  const file = warehouseFile(warehouseDir);
  if (!existsSync(file)) {
    throw new WarehouseUnavailableError(
      `No warehouse at ${file}: run the pipeline first (marquee run), or pass --warehouse DIR.`,
      'missing',
    );
  }
  try {
    return await DuckDbEngine.open({ path: file, readOnly: true, threads: 2 });
  } catch (error) {
    const text = (error as Error).message;
    if (/lock/i.test(text)) {
      const holder = /held in (.+?) \(PID (\d+)\)/.exec(text);
      const who = holder ? ` (process ${holder[2]}, ${holder[1]})` : '';
      throw new WarehouseUnavailableError(
        `The warehouse ${file} is open for writing by another process${who}, probably a pipeline run. DuckDB allows no reader while a writer holds the file: wait for it to finish, then reload.`,
        'locked',
      );
    }
    throw new WarehouseUnavailableError(`Could not open ${file} read-only: ${text.split('\n')[0]}`, 'other');
  }
}

/** Open, use and close: the dashboard never keeps the file open between requests, so runs can write. */
export async function withWarehouse<T>(warehouseDir: string, use: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openReadOnly(warehouseDir);
  try {
    return await use(engine);
  } finally {
    await engine.close();
  }
}
