// Ingestion of one source table, in three phases so a run can stage every table before it publishes
// any: plan (scan + header check, no writes), stage (engine reader builds the batch into temp tables,
// conservation checked, stage tables built beside the live ones) and publish (atomic swaps + the
// meta.ingestions row). A failure before publish leaves the warehouse exactly as it was.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CsvReader, Engine } from '../engine/engine.js';
import { updateRows } from '../engine/rows.js';
import { tableExists } from '../engine/catalog.js';
import { raw, sql } from '../engine/sql.js';
import { quoteIdent } from '../engine/dialect.js';
import { BRONZE_METADATA_COLUMNS, bronzeSqlType, CONTRACTS, type TableContract } from '../contracts/index.js';
import { QUARANTINE_COLUMNS } from '../warehouse/schema.js';
import { UserError } from '../errors.js';
import { nonBlankDataLines, scanFileCached, type FileScan } from './file-scan.js';
import { checkHeader } from './header.js';

export interface TablePlan {
  contract: TableContract;
  path: string;
  scan: FileScan;
  fileColumns: string[];
  warnings: string[];
  /** 'load' a new batch, or 'skip' an identical file already loaded. */
  action: 'load' | 'skip';
  fullRefresh: boolean;
}

export interface StagedTable {
  plan: TablePlan;
  batchId: string;
  ingestedAt: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  durationMs: number;
  bronzeStage?: string;
  quarantineStage?: string;
}

export const bronzeTable = (c: TableContract) => `bronze.${c.name}`;
export const quarantineTable = (c: TableContract) => `quarantine.${c.name}`;

/** Where a table's file is expected, and a clear error when it is not there. */
export function sourcePath(inputDir: string, contract: TableContract): string {
  const path = join(inputDir, contract.file);
  if (!existsSync(path)) {
    throw new UserError(`${path}: file not found; the input folder ${inputDir} must hold one CSV per source table (${CONTRACTS.map((c) => c.file).join(', ')})`);
  }
  return path;
}


async function columnsOf(engine: Engine, qualified: string): Promise<string[]> {
  return (await engine.listColumns(qualified)).map((c) => c.column_name);
}

/** Scan and validate one file; errors are returned (not thrown) so a run reports every file at once. */
export async function planTable(engine: Engine, inputDir: string, contract: TableContract, fullRefresh: boolean): Promise<{ plan?: TablePlan; errors: string[] }> {
  let path: string;
  try {
    path = sourcePath(inputDir, contract);
  } catch (error) {
    return { errors: [(error as Error).message] };
  }
  const scan = await scanFileCached(path);
  const header = checkHeader(path, scan, contract);
  if (header.errors.length > 0) return { errors: header.errors };
  let action: TablePlan['action'] = 'load';
  if (!fullRefresh && (await tableExists(engine, bronzeTable(contract)))) {
    const seen = await engine.query(sql`SELECT batch_id FROM meta.ingestions
      WHERE dataset = ${bronzeTable(contract)} AND sha256 = ${scan.sha256} AND status = 'loaded' LIMIT 1`);
    if (seen.length > 0) action = 'skip';
  }
  return { plan: { contract, path, scan, fileColumns: header.fileColumns, warnings: header.warnings, action, fullRefresh }, errors: [] };
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC, and a compact sortable form for batch ids. */
export function batchClock(now: Date): { timestamp: string; compact: string } {
  const iso = now.toISOString(); // 2026-11-23T22:10:03.123Z
  return { timestamp: iso.replace('T', ' ').replace('Z', ''), compact: iso.replace(/[-:]/g, '').replace('.', '') };
}

/** Every bronze column with its storage type: the contract's, then the ingestion metadata. */
const BRONZE_COLUMNS = (contract: TableContract) => [
  ...contract.columns.map((c) => ({ name: c.name, sqlType: bronzeSqlType(c) as string })),
  ...BRONZE_METADATA_COLUMNS.map((c) => ({ name: c.name, sqlType: c.sqlType as string })),
];

/** Build the batch and the stage tables beside the live ones; nothing live changes. */
export async function stageTable(engine: Engine, plan: TablePlan, runId: string, sequence: number, now: Date, reader: CsvReader = engine.csvReader): Promise<StagedTable> {
  const started = performance.now();
  const { contract } = plan;
  const clock = batchClock(now);
  const batchId = `${clock.compact}-${String(sequence).padStart(2, '0')}-${contract.name}`;
  const rowsRead = nonBlankDataLines(plan.scan);
  if (plan.action === 'skip') {
    return { plan, batchId, ingestedAt: clock.timestamp, rowsRead, rowsLoaded: 0, rowsQuarantined: 0, durationMs: performance.now() - started };
  }
  const target = bronzeTable(contract);
  const bronzeStage = `${target}__stage`;
  const qTarget = quarantineTable(contract);
  const quarantineStage = `${qTarget}__stage`;
  try {
    const keepOld = !plan.fullRefresh && (await tableExists(engine, target));
    if (keepOld) {
      const live = await columnsOf(engine, target);
      const wanted = BRONZE_COLUMNS(contract).map((c) => c.name);
      if (live.join(',') !== wanted.join(',')) {
        throw new UserError(`${target} has columns (${live.join(', ')}) that differ from the ${contract.name} contract (${wanted.join(', ')}); re-run with --full-refresh to rebuild it`);
      }
    }
    // Stage tables beside the live ones: a copy of the live rows (incremental) or empty, typed per contract.
    await engine.exec(`DROP TABLE IF EXISTS ${bronzeStage}`);
    await engine.exec(`CREATE TABLE ${bronzeStage} (${BRONZE_COLUMNS(contract).map((c) => `${quoteIdent(c.name)} ${c.sqlType}`).join(', ')})`);
    if (keepOld) await engine.exec(`INSERT INTO ${bronzeStage} SELECT * FROM ${target}`);
    await engine.exec(`DROP TABLE IF EXISTS ${quarantineStage}`);
    await engine.exec(`CREATE TABLE ${quarantineStage} (${QUARANTINE_COLUMNS})`);
    if (await tableExists(engine, qTarget)) {
      // A full refresh forgets bronze's earlier quarantine rows; rows other layers set aside stay.
      await engine.exec(`INSERT INTO ${quarantineStage} SELECT * FROM ${qTarget}${plan.fullRefresh ? ` WHERE layer <> 'bronze'` : ''}`);
    }

    const outcome = await reader.stageBatch(engine, {
      contract, path: plan.path, sourceFile: plan.path, fileColumns: plan.fileColumns, scan: plan.scan,
      runId, batchId, ingestedAt: clock.timestamp, targetTable: bronzeStage, quarantineTable: quarantineStage,
    });
    // Conservation per file, counted here rather than trusted from the reader: every non-blank data
    // line is loaded or quarantined, never both, never neither.
    const rowsLoaded = await countBatch(engine, bronzeStage, '_batch_id', batchId);
    const rowsQuarantined = await countBatch(engine, quarantineStage, 'batch_id', batchId);
    if (rowsLoaded + rowsQuarantined !== rowsRead || rowsLoaded !== outcome.rowsLoaded || rowsQuarantined !== outcome.rowsQuarantined) {
      throw new Error(`${plan.path}: rows not conserved: read ${rowsRead} non-blank data lines but loaded ${rowsLoaded} + quarantined ${rowsQuarantined} = ${rowsLoaded + rowsQuarantined}` +
        ` (the reader reported ${outcome.rowsLoaded} + ${outcome.rowsQuarantined})`);
    }
    return {
      plan, batchId, ingestedAt: clock.timestamp, rowsRead, rowsLoaded, rowsQuarantined,
      durationMs: performance.now() - started, bronzeStage, quarantineStage,
    };
  } catch (error) {
    for (const t of [bronzeStage, quarantineStage]) await engine.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    throw error;
  }
}

async function countBatch(engine: Engine, table: string, column: string, batchId: string): Promise<number> {
  const [row] = await engine.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${raw(table)} WHERE ${raw(column)} = ${batchId}`);
  return Number(row.n);
}

/** Drop a staged table's stage tables (after a failure elsewhere in the run). */
export async function discardStaged(engine: Engine, staged: StagedTable): Promise<void> {
  for (const t of [staged.bronzeStage, staged.quarantineStage]) if (t) await engine.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}

/** Swap the stage tables in and record the ingestion. */
export async function publishTable(engine: Engine, staged: StagedTable, runId: string): Promise<void> {
  const { plan } = staged;
  const dataset = bronzeTable(plan.contract);
  // One transaction on DuckDB: a kill between the swaps and the meta.ingestions row can no longer
  // leave a loaded batch without its log row (which would re-load the file as a new batch).
  await engine.transaction(async () => {
    if (staged.bronzeStage && staged.quarantineStage) {
      await engine.swapTable(staged.bronzeStage, dataset);
      await engine.swapTable(staged.quarantineStage, quarantineTable(plan.contract));
      if (plan.fullRefresh) {
        // Earlier batches are gone from the table: their files are no longer "already loaded".
        await updateRows(engine, 'meta.ingestions', { status: sql`'superseded'` }, sql`dataset = ${dataset} AND status = 'loaded'`);
      }
    }
    const status = plan.action === 'skip' ? 'skipped' : 'loaded';
    const message = plan.action === 'skip'
      ? ['identical file (same sha256) already loaded; nothing to do', ...plan.warnings].join('; ')
      : plan.warnings.join('; ') || null;
    await engine.exec(sql`INSERT INTO meta.ingestions
      (run_id, batch_id, dataset, source_file, sha256, bytes, rows_read, rows_loaded, rows_quarantined, status, ingested_at, duration_ms, message)
      VALUES (${runId}, ${plan.action === 'skip' ? null : staged.batchId}, ${dataset}, ${plan.path}, ${plan.scan.sha256}, ${plan.scan.bytes},
        ${plan.action === 'skip' ? 0 : staged.rowsRead}, ${staged.rowsLoaded}, ${staged.rowsQuarantined}, ${status},
        CAST(${staged.ingestedAt} AS TIMESTAMP), ${staged.durationMs}, ${message})`);
  });
}
