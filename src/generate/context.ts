// What every table generator receives: where to write, the options, shared text caches, and a
// progress callback.
import { join } from 'node:path';
import { columnOf, rowsAtScale, type TableContract } from '../contracts/index.js';
import { DayText, dayNumber } from './format.js';
import { Rng } from './rng.js';
import { TableWriter } from './output.js';

export type SignalMode = 'realistic' | 'none';

export interface GenerateProgress {
  table: string;
  rowsDone: number;
  rowsTotal: number;
}

/** The options every table generator reads (a worker thread gets these and builds the rest). */
export interface GenSettings {
  dir: string;
  seed: number;
  scale: number;
  realistic: boolean;
  asOfDay: number;
  labelWindowDays: number;
}

export interface GenContext extends GenSettings {
  days: DayText;
  /** Key texts per table, built once per run and shared by the event tables. */
  keyCache: Map<string, string[]>;
  /** Called every few thousand rows with the running total over all tables. */
  progress: (table: string, rowsThisTable: number) => void;
}

/** Span of dates any column uses (2020-08 .. 2025-12), so day strings can be precomputed. */
export function makeDayText(): DayText {
  return new DayText(dayNumber('2020-01-01'), dayNumber('2026-12-31'));
}

/** Open a table's CSV with its header and its duplicate plan (drawn from the table's own stream). */
export function openTable(ctx: GenContext, contract: TableContract): { writer: TableWriter; unique: number } {
  const { unique, duplicates } = rowsAtScale(contract, ctx.scale);
  const writer = new TableWriter(
    join(ctx.dir, contract.file),
    contract.columns.map((c) => c.name),
    unique,
    duplicates,
    new Rng(ctx.seed, `${contract.name}:duplicates`),
  );
  return { writer, unique };
}

/** Precomputed key texts of a table's first `count` rows, built once per run (event tables reference them constantly). */
export function keyTexts(ctx: GenContext, contract: TableContract, count: number): string[] {
  const cacheKey = `${contract.name}:${count}`;
  const cached = ctx.keyCache.get(cacheKey);
  if (cached) return cached;
  const format = keyFormatter(contract);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = format(i + 1);
  ctx.keyCache.set(cacheKey, out);
  return out;
}

/** Fast key formatter for a table's primary key (event tables are too big to precompute). */
export function keyFormatter(contract: TableContract): (n: number) => string {
  const format = columnOf(contract.name, contract.primaryKey).keyFormat;
  if (!format) throw new Error(`Column '${contract.primaryKey}' has no key format`);
  return (n) => format.prefix + String(n).padStart(format.minDigits, '0');
}
