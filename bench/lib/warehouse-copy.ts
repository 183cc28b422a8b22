// A throw-away copy of a warehouse's database file (and its WAL, when one is left), so profiling
// scripts can run and re-run steps without touching the warehouse they measure.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warehouseDbPath } from '../../src/warehouse/layout.js';

/** Copy `warehouse`'s database into a fresh temp folder; returns that folder. */
export function copyWarehouse(warehouse: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  copyFileSync(warehouseDbPath(warehouse), warehouseDbPath(dir));
  if (existsSync(`${warehouseDbPath(warehouse)}.wal`)) copyFileSync(`${warehouseDbPath(warehouse)}.wal`, `${warehouseDbPath(dir)}.wal`);
  return dir;
}
