// Shared helpers of the reliability tests: run the real CLI as a child process (so it can be
// killed), generate small data sets once per file, and fingerprint every table of a warehouse so two
// warehouses can be compared table by table.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { runCli } from '../helpers/cli.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `marquee-reliability-${label}-`));
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `marquee <args>` as a child process, awaited (a synchronous child would freeze the test worker). */
export async function marquee(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<CliResult> {
  const r = await runCli(args, { env, timeoutMs });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function generate(out: string, scale: number, seed: number): Promise<void> {
  const r = await marquee(['generate', '--out', out, '--scale', String(scale), '--seed', String(seed), '--force']);
  if (r.status !== 0) throw new Error(`generate failed: ${r.stderr}`);
}

/**
 * Start `marquee run` with MARQUEE_TEST_PAUSE_AT=<point>, wait until it reports the pause, SIGKILL it.
 * Rejects if the run ends before reaching the point (the point was wrong or the run failed early).
 */
export function runAndKillAt(args: readonly string[], point: string, timeoutMs = 120_000): Promise<{ output: string }> {
  return new Promise((resolveKill, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, MARQUEE_TEST_PAUSE_AT: point },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`run did not reach ${point} in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const watch = (d: Buffer) => {
      output += d.toString();
      if (!killed && output.includes(`marquee-test-paused ${point}`)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (killed && signal === 'SIGKILL') resolveKill({ output });
      else reject(new Error(`run ended (signal ${signal}) without pausing at ${point}:\n${output}`));
    });
  });
}

/** Start `marquee run` and SIGKILL it as soon as a line of its output matches `pattern` (no hook). */
export function runAndKillOnOutput(args: readonly string[], pattern: RegExp, timeoutMs = 120_000): Promise<{ output: string }> {
  return new Promise((resolveKill, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no output matched ${pattern} in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const watch = (d: Buffer) => {
      output += d.toString();
      if (!killed && pattern.test(output)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (killed && signal === 'SIGKILL') resolveKill({ output });
      else reject(new Error(`run ended (signal ${signal}) before its output matched ${pattern}:\n${output}`));
    });
  });
}

export async function withWarehouse<T>(warehouse: string, fn: (engine: DuckDbEngine) => Promise<T>): Promise<T> {
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

export interface TableInfo {
  schema: string;
  table: string;
  columns: { name: string; type: string }[];
}

export async function listTables(engine: DuckDbEngine, schemas: readonly string[]): Promise<TableInfo[]> {
  const rows = await engine.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN (${schemas.map((s) => `'${s}'`).join(', ')})
     ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, TableInfo>();
  for (const r of rows) {
    const key = `${r.table_schema}.${r.table_name}`;
    if (!tables.has(key)) tables.set(key, { schema: r.table_schema, table: r.table_name, columns: [] });
    tables.get(key)!.columns.push({ name: r.column_name, type: r.data_type });
  }
  return [...tables.values()];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Order-independent fingerprint of a table: row count and md5 of its rows as text, sorted. Doubles are
 * rounded to `decimals` places (9 unless told) because parallel aggregation may change the last bits of a sum;
 * `exclude` drops columns that legitimately differ between runs (ingestion time, batch ids).
 */
export async function tableChecksum(
  engine: DuckDbEngine,
  info: TableInfo,
  exclude: readonly string[] = [],
  decimals = 9,
): Promise<{ rows: number; md5: string }> {
  const columns = info.columns.filter((c) => !exclude.includes(c.name));
  const cells = columns.map((c) =>
    /^(DOUBLE|FLOAT|REAL)$/.test(c.type) ? `CAST(round(${quote(c.name)}, ${decimals}) AS VARCHAR)` : `CAST(${quote(c.name)} AS VARCHAR)`,
  );
  const rowText = `concat_ws(chr(31), ${cells.map((c) => `coalesce(${c}, chr(30))`).join(', ')})`;
  const [r] = await engine.query<{ n: number; h: string | null }>(
    `SELECT count(*) AS n, md5(coalesce(string_agg(row_text, chr(10) ORDER BY row_text), '')) AS h
     FROM (SELECT ${rowText} AS row_text FROM ${quote(info.schema)}.${quote(info.table)})`,
  );
  return { rows: Number(r.n), md5: r.h ?? '' };
}

/** Fingerprints of every table in `schemas`, keyed by schema.table. */
export async function warehouseChecksums(
  warehouse: string,
  schemas: readonly string[],
  exclude: readonly string[] = [],
  decimals = 9,
): Promise<Record<string, string>> {
  return withWarehouse(warehouse, async (engine) => {
    const out: Record<string, string> = {};
    for (const info of await listTables(engine, schemas)) {
      const sum = await tableChecksum(engine, info, exclude, decimals);
      out[`${info.schema}.${info.table}`] = `${sum.rows}:${sum.md5}`;
    }
    return out;
  });
}

/** The layers that the current graph has (gold once its models land), for comparing what exists. */
export async function builtLayers(warehouse: string): Promise<string[]> {
  return withWarehouse(warehouse, async (engine) => {
    const rows = await engine.query<{ s: string }>(
      `SELECT DISTINCT table_schema AS s FROM information_schema.tables WHERE table_schema IN ('bronze', 'silver', 'gold')`,
    );
    return rows.map((r) => r.s).sort();
  });
}

/**
 * Columns that follow when a run loaded a batch, not what it loaded: batch ids and load times in
 * bronze, run ids and times of quarantine rows, and what derives from a batch's load time when its
 * file name holds no month (history validity, the batch list, the snapshot columns of churn by month).
 * Two runs of the same input must agree on everything else.
 */
export const RUN_SPECIFIC_COLUMNS = [
  '_batch_id',
  '_ingested_at',
  'run_id',
  'batch_id',
  'quarantined_at',
  'valid_from',
  'valid_to',
  'effective_at',
  'loaded_at',
  'snapshot_at',
  'snapshot_month',
];
