// DuckDB's bronze CSV reader (Engine.csvReader): every DuckDB-specific piece of ingestion SQL lives
// in this file (read_csv with its rejects tables, rowid order, ASOF JOIN, regexp_full_match, md5).
// The Spark reader (spark/csv-reader.ts) implements the same CsvReader; the engine-neutral SQL both
// use (range checks, reason codes and texts, the line as CSV again) is in ../csv/typing-sql.ts.
//
// How it works: read every field as text (all_varchar) in strict mode with store_rejects, so a line
// that cannot be split into the right number of fields lands in a rejects table with its exact line
// number and text. Good records keep file order (rowid of the materialised read); line-map.ts turns
// record order into line numbers. Then one pass types each field with a strict pattern plus TRY_CAST,
// and routes rows where a non-blank value fails (or falls outside the contract's hard range) to
// quarantine with a reason naming the column.
import type { CsvReader, Engine, StageBatchOutcome, StageBatchRequest } from '../engine.js';
import { literal, raw, sql } from '../sql.js';
import { quoteIdentFor } from '../dialect.js';
import { bronzeSqlType, type ColumnContract } from '../../contracts/index.js';
import { lineSegments, rejectedLines, type ReaderReject, type RejectedLine } from '../csv/line-map.js';
import { UserError } from '../../errors.js';
import { isKey, reasonCases, reserialised, typedKey, typedName as typedColumn } from '../csv/typing-sql.js';
import { bareCarriageReturnError, firstBareCarriageReturn, recordTextAt, REJECT_TEXT_LIMIT } from '../csv/record-text.js';

const q = quoteIdentFor('duckdb');
/** Typed value column for contract column `name` inside the working table. */
const typedName = (name: string) => typedColumn(q, name);

// Strict spellings, checked before TRY_CAST because DuckDB's casts are lenient ('1_000', '0x10', ' 5').
const WHOLE_NUMBER = `'[+-]?[0-9]+(\\.0*)?'`;
const DECIMAL = `'[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?'`;
const DATE = `'[0-9]{4}-[0-9]{2}-[0-9]{2}'`;
const TIMESTAMP = `'[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?'`;

/** SQL turning the text field `raw` into the column's bronze type; NULL when it does not type. */
function typedExpression(column: ColumnContract, raw: string): string {
  const target = bronzeSqlType(column);
  switch (column.type) {
    case 'string':
      return typedKey(column, raw, (value, pattern) => `regexp_full_match(${value}, ${pattern})`) ?? raw;
    case 'integer':
      return `CASE WHEN regexp_full_match(${raw}, ${WHOLE_NUMBER}) THEN TRY_CAST(${raw} AS ${target}) END`;
    case 'float':
      return `CASE WHEN regexp_full_match(${raw}, ${DECIMAL}) THEN TRY_CAST(${raw} AS DOUBLE) END`;
    case 'boolean':
      return `CASE lower(${raw}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
    case 'date':
      return `CASE WHEN regexp_full_match(${raw}, ${DATE}) THEN TRY_CAST(${raw} AS DATE) END`;
    case 'timestamp':
      return `CASE WHEN regexp_full_match(${raw}, ${TIMESTAMP}) THEN TRY_CAST(${raw} AS TIMESTAMP) END`;
  }
}

async function readRejects(engine: Engine, table: string, path: string): Promise<ReaderReject[]> {
  const rows = await engine.query<{
    line: number;
    error_type: string;
    column_name: string | null;
    csv_line: string;
    error_message: string;
  }>(`SELECT line, error_type, column_name, csv_line, error_message FROM ${table} ORDER BY line, column_idx`);
  // DuckDB numbers a rejected record by records, not lines: after a record that an unterminated
  // quote stretched over several lines, every later number is short by the lines it swallowed.
  // Walk the records in file order and add that drift back (one correction per reported line).
  const corrected = new Map<number, { line: number; csvLine: string }>();
  let drift = 0;
  return rows.map((r) => {
    const reported = Number(r.line);
    let record = corrected.get(reported);
    if (!record) {
      const line = reported + drift;
      // DuckDB cuts csv_line at 10,000 characters: re-read a record that may be longer from the file.
      const csvLine = (r.csv_line ?? '').length >= REJECT_TEXT_LIMIT ? recordTextAt(path, line) : (r.csv_line ?? '');
      record = { line, csvLine };
      corrected.set(reported, record);
      drift += csvLine.replace(/\r?\n$/, '').split('\n').length - 1;
    }
    return { line: record.line, errorType: r.error_type, columnName: r.column_name, csvLine: record.csvLine, message: r.error_message };
  });
}

async function insertRejectedLines(
  engine: Engine,
  table: string,
  request: StageBatchRequest,
  lines: readonly RejectedLine[],
): Promise<void> {
  const chunk = 200;
  for (let i = 0; i < lines.length; i += chunk) {
    const part = lines.slice(i, i + chunk);
    const values = part.map(
      (l) =>
        sql`(${request.runId}, 'bronze', ${request.batchId}, ${request.sourceFile}, ${l.line + request.lineOffset}, ${l.rawLine}, CAST(NULL AS VARCHAR), ${l.reasonCode}, ${l.reason}, CAST(${request.ingestedAt} AS TIMESTAMP))`,
    );
    let statement = sql`INSERT INTO ${raw(table)} VALUES ${values[0]}`;
    for (const v of values.slice(1)) statement = sql`${statement}, ${v}`;
    await engine.exec(statement);
  }
}

async function count(engine: Engine, table: string, batchColumn?: string, batchId?: string): Promise<number> {
  const [row] = batchColumn
    ? await engine.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${raw(table)} WHERE ${raw(batchColumn)} = ${batchId}`)
    : await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}

async function stageBatch(engine: Engine, request: StageBatchRequest): Promise<StageBatchOutcome> {
  const { contract, fileColumns, scan } = request;
  const tag = `${contract.name}_${process.pid}`;
  const rawTable = `bronze_raw_${tag}`;
  const rejectsTable = `bronze_rejects_${tag}`;
  const rejectScans = `bronze_reject_scans_${tag}`;
  const segmentsTable = `bronze_lines_${tag}`;
  const cleanup = [rawTable, rejectsTable, rejectScans, segmentsTable];
  try {
    for (const t of cleanup) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
    const columnsStruct = `{${fileColumns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
    // Materialised so rowid is the record's position in the file (insertion order is preserved).
    try {
      await engine.exec(`CREATE TEMP TABLE ${rawTable} AS SELECT * FROM read_csv(${literal(request.path)},
        header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
        columns = ${columnsStruct}, store_rejects = true, rejects_table = ${literal(rejectsTable)}, rejects_scan = ${literal(rejectScans)})`);
    } catch (error) {
      // Out of memory, disk full ...: not the file's fault, reported as they are.
      if (!/Invalid Input Error|CSV/i.test((error as Error).message)) throw error;
      // The reader gave up on the whole file (not one line): say where and why in the file's terms.
      const bareCr = firstBareCarriageReturn(request.path);
      if (bareCr !== undefined) {
        throw bareCarriageReturnError(request.sourceFile, bareCr + request.lineOffset);
      }
      throw new UserError(
        `${request.sourceFile}: the CSV reader could not read the file: ${(error as Error).message}. Nothing was loaded from this file.`,
      );
    }

    const blank = new Set(scan.blankLines);
    const rejected = rejectedLines(await readRejects(engine, rejectsTable, request.path), blank, fileColumns);
    const recordsParsed = await count(engine, rawTable);
    const expectedRecords = Math.max(0, scan.lineCount - 1) - blank.size - rejected.length;
    if (recordsParsed !== expectedRecords) {
      const [spanning] = await engine.query<{ n: number }>(
        `SELECT count(*) AS n FROM ${rawTable} WHERE ${fileColumns.map((c) => `contains(${q(c)}, chr(10))`).join(' OR ')}`,
      );
      if (Number(spanning.n) > 0) {
        throw new UserError(
          `${request.sourceFile}: ${spanning.n} record(s) hold a line break inside a quoted field; ` +
            'the contract expects one record per line (no embedded newlines), so exact line numbers cannot be given. Remove the line breaks and re-run.',
        );
      }
      // DuckDB may take a stray carriage return for a line end, which shifts every count after it.
      const bareCr = firstBareCarriageReturn(request.path);
      if (bareCr !== undefined) {
        throw bareCarriageReturnError(request.sourceFile, bareCr + request.lineOffset);
      }
      throw new Error(
        `${request.sourceFile}: the reader parsed ${recordsParsed} good records but the file has ${expectedRecords} non-blank, non-rejected data lines`,
      );
    }

    // Record index -> line number. Usually no line was blank or rejected and the line is index + 2;
    // otherwise a few segments, joined with ASOF (largest start_index <= index).
    const segments = lineSegments([...blank, ...rejected.map((r) => r.line)]);
    let numbered = `(SELECT rowid AS record_index, rowid + 2 AS line_number, * FROM ${rawTable})`;
    if (segments.length > 0) {
      await engine.exec(`CREATE TEMP TABLE ${segmentsTable} (start_index BIGINT, line_offset BIGINT)`);
      for (let i = 0; i < segments.length; i += 1000) {
        const part = segments
          .slice(i, i + 1000)
          .map((s) => `(${s.startIndex}, ${s.offset})`)
          .join(', ');
        await engine.exec(`INSERT INTO ${segmentsTable} VALUES ${part}`);
      }
      numbered = `(SELECT r.rowid AS record_index, r.rowid + 2 + coalesce(s.line_offset, 0) AS line_number, r.*
        FROM ${rawTable} r ASOF LEFT JOIN ${segmentsTable} s ON r.rowid >= s.start_index)`;
    }

    const columns = contract.columns;
    // Both passes below filter on the reason code, which is computed from the typed columns; they run
    // without filter pushdown (withoutFilterPushdown) so every spelling regex is evaluated once.
    const typed = `(SELECT *, ${columns.map((c) => `${typedExpression(c, q(c.name))} AS ${typedName(c.name)}`).join(', ')} FROM ${numbered} n)`;
    const { code, reason } = reasonCases(columns, fileColumns, q);

    // Pass 1 appends the rows that type cleanly straight into the target (no intermediate copy).
    // Keys enter the hash trimmed (as stored), so ' session_1' and 'session_1' rows are exact copies.
    const rowHash = `md5(concat_ws(chr(31), ${columns.map((c) => `coalesce(${isKey(c) ? typedName(c.name) : q(c.name)}, chr(30))`).join(', ')}))`;
    const typedColumns = columns.map((c) => `CAST(${typedName(c.name)} AS ${bronzeSqlType(c)})`).join(', ');
    await withoutFilterPushdown(engine, () =>
      engine.exec(`INSERT INTO ${request.targetTable}
      SELECT ${typedColumns}, ${literal(request.batchId)}, ${literal(request.sourceFile)}, CAST(line_number + ${request.lineOffset} AS BIGINT),
        CAST(${literal(request.ingestedAt)} AS TIMESTAMP), ${rowHash}
      FROM ${typed} t WHERE ${code} IS NULL`),
    );
    const rowsLoaded = await count(engine, request.targetTable, '_batch_id', request.batchId);

    // Pass 2, only when some record did not type: those rows, with their reason, to quarantine.
    if (rowsLoaded < recordsParsed) {
      await withoutFilterPushdown(engine, () =>
        engine.exec(`INSERT INTO ${request.quarantineTable}
        SELECT ${literal(request.runId)}, 'bronze', ${literal(request.batchId)}, ${literal(request.sourceFile)}, line_number + ${request.lineOffset},
          ${reserialised(fileColumns, q)}, CAST(to_json(struct_pack(${columns.map((c) => `${q(c.name)} := ${q(c.name)}`).join(', ')})) AS VARCHAR),
          ${code}, ${reason}, CAST(${literal(request.ingestedAt)} AS TIMESTAMP)
        FROM ${typed} t WHERE ${code} IS NOT NULL ORDER BY line_number`),
      );
    }
    await insertRejectedLines(engine, request.quarantineTable, request, rejected);

    return {
      recordsParsed,
      rejectedLines: rejected.length,
      rowsLoaded,
      rowsQuarantined: await count(engine, request.quarantineTable, 'batch_id', request.batchId),
    };
  } finally {
    for (const t of cleanup) await engine.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
}

/**
 * Runs `statement` with DuckDB's filter pushdown off. The typed passes filter on a reason code
 * computed from the typed columns: pushed below the projection, that filter evaluates every spelling
 * regex a second time (1.7x the CPU). An OFFSET 0 fence kept the filter above, but a LIMIT / OFFSET runs
 * on one thread; with pushdown off the statement runs on every thread, each regex once (watch_history
 * at scale 10: 2.6 s on one core -> 1.45 s, the same CPU, the same rows in the same order). DuckDB
 * holds this setting for the whole database, not per connection: Marquee sets nothing else in it and
 * puts it back to the default after each statement; a statement another connection plans meanwhile
 * (only with --concurrency) plans without pushdown, which can make it slower, never different.
 */
async function withoutFilterPushdown(engine: Engine, statement: () => Promise<void>): Promise<void> {
  await engine.exec(`SET disabled_optimizers = 'filter_pushdown'`);
  try {
    await statement();
  } finally {
    await engine.exec(`RESET disabled_optimizers`);
  }
}

export const duckDbCsvReader: CsvReader = { stageBatch };
