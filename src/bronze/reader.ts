// The engine boundary of bronze ingestion: an engine-specific reader turns one CSV file into two
// staged tables (typed rows of the batch; quarantined lines of the batch). Everything around it —
// file scan, header validation, incremental/no-op decisions, swapping, meta rows — is engine-neutral.
import type { Engine } from '../engine/engine.js';
import type { TableContract } from '../contracts/index.js';
import type { FileScan } from './file-scan.js';
import { duckDbCsvReader } from './duckdb-csv.js';
import { sparkCsvReader } from './spark-csv.js';

export interface StageBatchRequest {
  contract: TableContract;
  /** Absolute path read by the engine. */
  path: string;
  /** Value written to _source_file / quarantine.source_file. */
  sourceFile: string;
  /** Header names in file order (validated: a permutation of the contract's columns). */
  fileColumns: readonly string[];
  scan: FileScan;
  /** Line L (header = 1) of `path` is line L + lineOffset of `sourceFile` (0 unless reading a slice of it). */
  lineOffset: number;
  runId: string;
  batchId: string;
  /** Batch time, UTC, as 'YYYY-MM-DD HH:MM:SS.mmm'. */
  ingestedAt: string;
  /** Existing table to append the batch's typed rows to: contract columns in contract order, then BRONZE_METADATA_COLUMNS. */
  targetTable: string;
  /** Existing table (QUARANTINE_COLUMNS) to append the batch's quarantined lines to. */
  quarantineTable: string;
}

export interface StageBatchOutcome {
  /** Records the reader parsed into fields (loaded + quarantined for typing). */
  recordsParsed: number;
  /** Physical non-blank lines the reader rejected as structurally broken. */
  rejectedLines: number;
  /** Rows appended to targetTable / quarantineTable, as counted there by batch id. */
  rowsLoaded: number;
  rowsQuarantined: number;
}

export interface BronzeReader {
  stageBatch(engine: Engine, request: StageBatchRequest): Promise<StageBatchOutcome>;
}

/** One reader per engine. */
const READERS: Partial<Record<Engine['name'], BronzeReader>> = {
  duckdb: duckDbCsvReader,
  spark: sparkCsvReader,
};

export function readerFor(engine: Engine): BronzeReader {
  const reader = READERS[engine.name];
  if (!reader) throw new Error(`bronze ingestion has no CSV reader for engine '${engine.name}' yet`);
  return reader;
}
