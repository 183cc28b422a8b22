// Ingestion of one source table, in three phases so a run can stage every table before it publishes
// any: plan (scan + header check, no writes), stage (engine reader builds the batch into temp tables,
// conservation checked, stage tables built beside the live ones) and publish (atomic swaps + the
// meta.ingestions row). A failure before publish leaves the warehouse exactly as it was.
import { join } from 'node:path';
import type { CsvReader, Engine } from '../engine/engine.js';
import { updateRows } from '../engine/rows.js';
import { tableExists } from '../engine/catalog.js';
import { raw, sql } from '../engine/sql.js';
import { quoteIdent } from '../engine/dialect.js';
import { BRONZE_METADATA_COLUMNS, bronzeSqlType, CONTRACTS, type TableContract } from '../contracts/index.js';
import { QUARANTINE_COLUMNS } from '../warehouse/schema.js';
import { UserError } from '../errors.js';
import {
  LONG_LINE_HEAD_BYTES,
  MAX_LINE_BYTES,
  nonBlankDataLines,
  scanFile,
  scanFileCached,
  type FileScan,
  type LongLine,
} from './file-scan.js';
import { readKnownPrefix, writeReadableCopy } from './file-slice.js';
import { LANDING_RULE, listLanding, type Landing } from './landing.js';
import { REASON } from '../engine/csv/reasons.js';
import { checkHeader } from './header.js';

export interface TablePlan {
  contract: TableContract;
  path: string;
  scan: FileScan;
  fileColumns: string[];
  warnings: string[];
  /** 'load' a new batch, or 'skip' a file whose exact bytes were already loaded. */
  action: 'load' | 'skip';
  /**
   * What is loaded: the whole file (new, or a new version of a known file whose earlier bytes
   * changed), or only the lines appended to a known file since it was last loaded.
   */
  kind: 'new' | 'new-version' | 'append' | 'identical';
  /** For an append: the byte and line where the new lines start. */
  appendFrom?: { byte: number; line: number };
  /** One sentence for the run output and meta.ingestions.message (append / new version / skip). */
  note?: string;
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
}

/** Every batch of one table in this run, staged into one pair of stage tables. */
export interface StagedTableBatches {
  contract: TableContract;
  batches: StagedTable[];
  fullRefresh: boolean;
  bronzeStage?: string;
  quarantineStage?: string;
}

export const bronzeTable = (c: TableContract) => `bronze.${c.name}`;
export const quarantineTable = (c: TableContract) => `quarantine.${c.name}`;

/** The message for a table that has no file in the landing folder. */
function missingTableMessage(inputDir: string, contract: TableContract): string {
  return (
    `${join(inputDir, contract.file)}: file not found; the input folder ${inputDir} must hold each source table as ${LANDING_RULE} ` +
    `(tables: ${CONTRACTS.map((c) => c.name).join(', ')})`
  );
}

async function columnsOf(engine: Engine, qualified: string): Promise<string[]> {
  return (await engine.listColumns(qualified)).map((c) => c.column_name);
}

type KnownIngestion = { source_file: string; sha256: string; bytes: number; batch_id: string };

/** How one file relates to what bronze already holds: identical, appended to, a new version, or new. */
async function classify(
  path: string,
  scan: FileScan,
  known: readonly KnownIngestion[],
  loadedNow: ReadonlyMap<string, string>,
): Promise<Pick<TablePlan, 'action' | 'kind' | 'appendFrom' | 'note'>> {
  const same = known.find((k) => k.sha256 === scan.sha256);
  if (same) {
    return {
      action: 'skip',
      kind: 'identical',
      note:
        same.source_file === path
          ? 'identical file (same sha256) already loaded; nothing to do'
          : `same bytes (sha256) as ${same.source_file}, already loaded in batch ${same.batch_id}; nothing to do`,
    };
  }
  const twin = loadedNow.get(scan.sha256);
  if (twin) return { action: 'skip', kind: 'identical', note: `same bytes (sha256) as ${twin}, loaded in this run; nothing to do` };
  const earlier = known.filter((k) => k.source_file === path).at(-1);
  if (!earlier) return { action: 'load', kind: 'new' };
  if (scan.bytes > earlier.bytes) {
    const prefix = await readKnownPrefix(path, Number(earlier.bytes), earlier.sha256);
    if (prefix.matches && prefix.endsWithNewline) {
      const line = prefix.lineFeeds + 1;
      return {
        action: 'load',
        kind: 'append',
        appendFrom: { byte: Number(earlier.bytes), line },
        note: `appended to since batch ${earlier.batch_id}: its first ${earlier.bytes} bytes are unchanged, so only lines ${line}..${scan.lineCount} are loaded`,
      };
    }
  }
  return {
    action: 'load',
    kind: 'new-version',
    note: `a new version of a file loaded before (batch ${earlier.batch_id}): its earlier bytes changed, so it is loaded whole as a new batch`,
  };
}

/**
 * Scan and validate the files of one table in the landing folder; errors are returned (not thrown)
 * so a run reports every file at once. One plan per file, in load order.
 */
export async function planTable(
  engine: Engine,
  inputDir: string,
  contract: TableContract,
  fullRefresh: boolean,
  landing?: Landing,
): Promise<{ plans: TablePlan[]; errors: string[] }> {
  const files = (landing ?? listLanding(inputDir, { allowMissing: true })).files.get(contract.name) ?? [];
  const loadedBefore = await tableExists(engine, bronzeTable(contract));
  if (files.length === 0) {
    // Nothing new for a table bronze already holds is fine; a table never loaded cannot feed silver.
    return { plans: [], errors: loadedBefore && !fullRefresh ? [] : [missingTableMessage(inputDir, contract)] };
  }
  const known =
    loadedBefore && !fullRefresh
      ? await engine.query<KnownIngestion>(sql`SELECT source_file, sha256, bytes, batch_id FROM meta.ingestions
        WHERE dataset = ${bronzeTable(contract)} AND status = 'loaded' ORDER BY ingested_at, batch_id`)
      : [];
  const plans: TablePlan[] = [];
  const errors: string[] = [];
  const loadedNow = new Map<string, string>();
  for (const path of files) {
    const scan = await scanFileCached(path);
    const header = checkHeader(path, scan, contract);
    if (header.errors.length > 0) {
      errors.push(...header.errors);
      continue;
    }
    const state = await classify(path, scan, known, loadedNow);
    if (state.action === 'load') loadedNow.set(scan.sha256, path);
    plans.push({ contract, path, scan, fileColumns: header.fileColumns, warnings: header.warnings, ...state, fullRefresh });
  }
  return { plans, errors };
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

/** Build every batch of one table into stage tables beside the live ones; nothing live changes. */
export async function stageTable(
  engine: Engine,
  contract: TableContract,
  plans: readonly TablePlan[],
  runId: string,
  now: Date,
  options: { reader?: CsvReader; fullRefresh?: boolean; firstSequence?: number } = {},
): Promise<StagedTableBatches> {
  const reader = options.reader ?? engine.csvReader;
  const fullRefresh = options.fullRefresh ?? false;
  const clock = batchClock(now);
  const loading = plans.filter((p) => p.action === 'load');
  // Batch ids sort in load order: the clock, then the file's place among this call's files.
  const batchIdOf = (i: number) => `${clock.compact}-${String((options.firstSequence ?? 1) + i).padStart(2, '0')}-${contract.name}`;
  const skipped = (plan: TablePlan, i: number): StagedTable => ({
    plan,
    batchId: batchIdOf(i),
    ingestedAt: clock.timestamp,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsQuarantined: 0,
    durationMs: 0,
  });
  if (loading.length === 0) return { contract, batches: plans.map(skipped), fullRefresh };
  const target = bronzeTable(contract);
  const bronzeStage = `${target}__stage`;
  const qTarget = quarantineTable(contract);
  const quarantineStage = `${qTarget}__stage`;
  try {
    const keepOld = !fullRefresh && (await tableExists(engine, target));
    if (keepOld) {
      const live = await columnsOf(engine, target);
      const wanted = BRONZE_COLUMNS(contract).map((c) => c.name);
      if (live.join(',') !== wanted.join(',')) {
        throw new UserError(
          `${target} has columns (${live.join(', ')}) that differ from the ${contract.name} contract (${wanted.join(', ')}); re-run with --full-refresh to rebuild it`,
        );
      }
    }
    // Stage tables beside the live ones: a copy of the live rows (incremental) or empty, typed per contract.
    await engine.exec(`DROP TABLE IF EXISTS ${bronzeStage}`);
    await engine.exec(
      `CREATE TABLE ${bronzeStage} (${BRONZE_COLUMNS(contract)
        .map((c) => `${quoteIdent(c.name)} ${c.sqlType}`)
        .join(', ')})`,
    );
    if (keepOld) await engine.exec(`INSERT INTO ${bronzeStage} SELECT * FROM ${target}`);
    await engine.exec(`DROP TABLE IF EXISTS ${quarantineStage}`);
    await engine.exec(`CREATE TABLE ${quarantineStage} (${QUARANTINE_COLUMNS})`);
    if (await tableExists(engine, qTarget)) {
      // A full refresh forgets bronze's earlier quarantine rows; rows other layers set aside stay.
      await engine.exec(`INSERT INTO ${quarantineStage} SELECT * FROM ${qTarget}${fullRefresh ? ` WHERE layer <> 'bronze'` : ''}`);
    }
    const batches: StagedTable[] = [];
    for (const [i, plan] of plans.entries()) {
      batches.push(
        plan.action === 'skip'
          ? skipped(plan, i)
          : await stageBatch(
              engine,
              plan,
              { runId, batchId: batchIdOf(i), ingestedAt: clock.timestamp, bronzeStage, quarantineStage },
              reader,
            ),
      );
    }
    return { contract, batches, fullRefresh, bronzeStage, quarantineStage };
  } catch (error) {
    for (const t of [bronzeStage, quarantineStage]) await engine.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    throw error;
  }
}

/** One file's batch into the stage tables, with its rows conserved. */
async function stageBatch(
  engine: Engine,
  plan: TablePlan,
  at: { runId: string; batchId: string; ingestedAt: string; bronzeStage: string; quarantineStage: string },
  reader: CsvReader,
): Promise<StagedTable> {
  const started = performance.now();
  const { contract, scan } = plan;
  const firstLine = plan.appendFrom?.line ?? 2;
  const longLines = scan.longLines.filter((l) => l.line >= firstLine);
  // The whole file as it is, or a copy holding only the new lines and none of the over-long ones.
  const copy =
    plan.appendFrom || longLines.length > 0
      ? await writeReadableCopy(
          scan,
          plan.appendFrom?.byte ?? scan.headerBytes.length + lineEndBytes(scan),
          firstLine,
          new Set(longLines.map((l) => l.line)),
        )
      : undefined;
  try {
    const readScan = copy ? await scanFile(copy.path) : scan;
    const rowsRead = nonBlankDataLines(readScan) + longLines.length;
    const outcome = await reader.stageBatch(engine, {
      contract,
      path: copy?.path ?? plan.path,
      sourceFile: plan.path,
      fileColumns: plan.fileColumns,
      scan: readScan,
      lineOffset: copy?.lineOffset ?? 0,
      runId: at.runId,
      batchId: at.batchId,
      ingestedAt: at.ingestedAt,
      targetTable: at.bronzeStage,
      quarantineTable: at.quarantineStage,
    });
    await quarantineLongLines(engine, at, plan.path, longLines);
    // Conservation per file, counted here rather than trusted from the reader: every non-blank data
    // line is loaded or quarantined, never both, never neither.
    const rowsLoaded = await countBatch(engine, at.bronzeStage, '_batch_id', at.batchId);
    const rowsQuarantined = await countBatch(engine, at.quarantineStage, 'batch_id', at.batchId);
    if (
      rowsLoaded + rowsQuarantined !== rowsRead ||
      rowsLoaded !== outcome.rowsLoaded ||
      rowsQuarantined !== outcome.rowsQuarantined + longLines.length
    ) {
      throw new Error(
        `${plan.path}: rows not conserved: read ${rowsRead} non-blank data lines but loaded ${rowsLoaded} + quarantined ${rowsQuarantined} = ${rowsLoaded + rowsQuarantined}` +
          ` (the reader reported ${outcome.rowsLoaded} + ${outcome.rowsQuarantined}${longLines.length > 0 ? `, and ${longLines.length} over-long line(s)` : ''})`,
      );
    }
    return {
      plan,
      batchId: at.batchId,
      ingestedAt: at.ingestedAt,
      rowsRead,
      rowsLoaded,
      rowsQuarantined,
      durationMs: performance.now() - started,
    };
  } finally {
    copy?.remove();
  }
}

/** Bytes of line 1's line end (the first data line starts after it). */
function lineEndBytes(scan: FileScan): number {
  return scan.crlfLines > 0 && scan.firstCrlfLine === 1 ? 2 : 1;
}

/** Over-long lines straight to quarantine (BAD_CSV), each with its own number and the start of its text. */
async function quarantineLongLines(
  engine: Engine,
  at: { runId: string; batchId: string; ingestedAt: string; quarantineStage: string },
  sourceFile: string,
  lines: readonly LongLine[],
): Promise<void> {
  for (const l of lines) {
    const reason = `line longer than ${MAX_LINE_BYTES} bytes (${l.bytes} bytes); not parsed, the first ${LONG_LINE_HEAD_BYTES} bytes are kept as its text`;
    await engine.exec(sql`INSERT INTO ${raw(at.quarantineStage)} VALUES (${at.runId}, 'bronze', ${at.batchId}, ${sourceFile}, ${l.line}, ${l.head},
      CAST(NULL AS VARCHAR), ${REASON.BAD_CSV}, ${reason}, CAST(${at.ingestedAt} AS TIMESTAMP))`);
  }
}

async function countBatch(engine: Engine, table: string, column: string, batchId: string): Promise<number> {
  const [row] = await engine.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${raw(table)} WHERE ${raw(column)} = ${batchId}`);
  return Number(row.n);
}

/** Drop a staged table's stage tables (after a failure elsewhere in the run). */
export async function discardStaged(engine: Engine, staged: StagedTableBatches): Promise<void> {
  for (const t of [staged.bronzeStage, staged.quarantineStage])
    if (t) await engine.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}

/** Swap the stage tables in and record one meta.ingestions row per file. */
export async function publishTable(engine: Engine, staged: StagedTableBatches, runId: string): Promise<void> {
  const dataset = bronzeTable(staged.contract);
  // One transaction on DuckDB: a kill between the swaps and the meta.ingestions rows can no longer
  // leave a loaded batch without its log row (which would re-load the file as a new batch).
  await engine.transaction(async () => {
    if (staged.bronzeStage && staged.quarantineStage) {
      await engine.swapTable(staged.bronzeStage, dataset);
      await engine.swapTable(staged.quarantineStage, quarantineTable(staged.contract));
      if (staged.fullRefresh) {
        // Earlier batches are gone from the table: their files are no longer "already loaded".
        await updateRows(engine, 'meta.ingestions', { status: sql`'superseded'` }, sql`dataset = ${dataset} AND status = 'loaded'`);
      }
    }
    for (const batch of staged.batches) {
      const { plan } = batch;
      const skip = plan.action === 'skip';
      const message = [plan.note, ...plan.warnings].filter(Boolean).join('; ') || null;
      await engine.exec(sql`INSERT INTO meta.ingestions
        (run_id, batch_id, dataset, source_file, sha256, bytes, rows_read, rows_loaded, rows_quarantined, status, ingested_at, duration_ms, message)
        VALUES (${runId}, ${skip ? null : batch.batchId}, ${dataset}, ${plan.path}, ${plan.scan.sha256}, ${plan.scan.bytes},
          ${batch.rowsRead}, ${batch.rowsLoaded}, ${batch.rowsQuarantined}, ${skip ? 'skipped' : 'loaded'},
          CAST(${batch.ingestedAt} AS TIMESTAMP), ${batch.durationMs}, ${message})`);
    }
  });
}

/** Files in the landing folder that match no table: one meta.ingestions row each (status 'unrecognised'). */
export async function recordUnrecognised(engine: Engine, runId: string, files: readonly string[], now: Date): Promise<void> {
  const message = `matches no source table (a table's files are named ${LANDING_RULE}); not loaded`;
  for (const file of files) {
    await engine.exec(sql`INSERT INTO meta.ingestions
      (run_id, batch_id, dataset, source_file, sha256, bytes, rows_read, rows_loaded, rows_quarantined, status, ingested_at, duration_ms, message)
      VALUES (${runId}, NULL, NULL, ${file}, NULL, NULL, 0, 0, 0, 'unrecognised', CAST(${batchClock(now).timestamp} AS TIMESTAMP), 0, ${message})`);
  }
}
