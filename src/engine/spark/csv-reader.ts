// Spark's bronze CSV reader (Engine.csvReader): every Spark-specific piece of ingestion SQL lives in
// this file, implementing the same CsvReader as duckdb/csv-reader.ts with the same outcome (rows,
// quarantine rows, reasons, line numbers).
//
// How it works, and why this way:
// - Structure (field count, quoting, UTF-8) is decided in Node, in one streaming pass over the file
//   with the strict rules DuckDB's reader applies (strict_mode, '"' quote and escape). Spark's CSV
//   reader cannot say "this line had 5 fields, not 6" (it pads or drops), and its corrupt-record
//   column does not give line numbers. The pass yields the rejected lines with exact numbers; they
//   are few, so they travel as a short list.
// - Spark reads the file itself as text lines (`text.\`path\``: local paths and object-store URLs
//   alike). Line numbers come from the physical order of the read: row_number() over
//   (input_file_block_start(), monotonically_increasing_id()). Within one split the ids grow in
//   read order, and a file's splits are ordered by their start offset, so this is the line order
//   for a file of any size (a plain monotonically_increasing_id alone would not be: split order is
//   not id order across partitions). The sort is one global window: fine for the source sizes here,
//   a serial step for very large files.
// - Good lines are split with from_csv (all columns as text, '"' escape); blank and rejected lines
//   are removed by line number first. Node's count of good records must equal Spark's.
// - Then the same strict typing as DuckDB (pattern before cast, contract's hard range) decides
//   between the target and quarantine, with the same reason codes and texts.
// Limits: like the DuckDB reader, a quoted field holding a line break is a fatal error (the
// contract forbids them). Spark's text reader also ends a line at a bare '\r'; such a file is
// refused (the DuckDB reader refuses it too).
import { createReadStream } from 'node:fs';
import type { CsvReader, Engine, StageBatchOutcome, StageBatchRequest } from '../engine.js';
import { quoteIdentFor } from '../dialect.js';
import { bronzeSqlType, type ColumnContract } from '../../contracts/index.js';
import { rejectedLines, type ReaderReject } from '../csv/line-map.js';
import { UserError } from '../../errors.js';
import { isKey, reasonCases, reserialised, typedName as typedColumn, typedKey } from '../csv/typing-sql.js';
import { bareCarriageReturnError } from '../csv/record-text.js';

/** A Spark string literal: Spark unescapes backslashes inside literals, so both they and quotes are escaped. */
const literal = (value: string) => "'" + value.replaceAll('\\', '\\\\').replaceAll("'", "\\'") + "'";
const q = quoteIdentFor('spark');
const typedName = (name: string) => typedColumn(q, name);

// The strict spellings of duckdb/csv-reader.ts, anchored (RLIKE matches anywhere) and without backslashes
// (Spark unescapes them inside string literals).
const WHOLE_NUMBER = `'^[+-]?[0-9]+([.]0*)?$'`;
const DECIMAL = `'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'`;
const DATE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
const TIMESTAMP = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,6})?$'`;

/** One structurally broken record found by the Node pass (DuckDB's error type names, for reasons.ts). */
type Structural = ReaderReject;

/** Outcome of splitting one record strictly: its field count, or the structural error. */
function strictFields(text: string): { fields: number } | { error: string; column: number } {
  let fields = 1;
  let state: 'start' | 'unquoted' | 'quoted' | 'closed' = 'start';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (state === 'quoted') {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else state = 'closed';
      }
    } else if (ch === ',') {
      fields++;
      state = 'start';
    } else if (ch === '"') {
      if (state !== 'start') return { error: 'UNQUOTED VALUE', column: fields };
      state = 'quoted';
    } else if (state === 'closed') {
      return { error: 'UNQUOTED VALUE', column: fields };
    } else {
      state = 'unquoted';
    }
  }
  if (state === 'quoted') return { error: 'UNTERMINATED QUOTE', column: fields };
  return { fields };
}

/** True while the text ends inside an open quoted field. */
function endsInsideQuote(text: string): boolean {
  const r = strictFields(text);
  return 'error' in r && r.error === 'UNTERMINATED QUOTE';
}

/**
 * The Node pass: physical lines (LF or CRLF; header = line 1) checked as DuckDB's strict reader
 * would. A line whose quote does not close takes the following lines with it until it does, as a
 * CSV reader reads on inside a quoted field; the whole span is one rejected record.
 */
async function structuralRejects(request: StageBatchRequest): Promise<Structural[]> {
  const { path, fileColumns, scan, sourceFile } = request;
  const blank = new Set(scan.blankLines);
  const expected = fileColumns.length;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const out: Structural[] = [];
  let pending: { line: number; text: string } | undefined;
  let lineNo = 0;
  let carry = Buffer.alloc(0);
  const column = (index: number) => fileColumns[Math.min(index, expected) - 1] ?? null;

  const finish = (line: number, text: string) => {
    const r = strictFields(text);
    if ('error' in r) {
      out.push({ line, errorType: r.error, columnName: column(r.column), csvLine: text, message: r.error.toLowerCase() });
    } else if (r.fields !== expected) {
      out.push({
        line,
        errorType: r.fields < expected ? 'MISSING COLUMNS' : 'TOO MANY COLUMNS',
        columnName: null,
        csvLine: text,
        message: `expected ${expected} fields, found ${r.fields}`,
      });
    } else if (text.includes('\n')) {
      throw new UserError(
        `${sourceFile}: the record starting on line ${line + request.lineOffset} holds a line break inside a quoted field; ` +
          'the contract expects one record per line (no embedded newlines), so exact line numbers cannot be given. Remove the line breaks and re-run.',
      );
    }
  };

  const onLine = (bytes: Buffer) => {
    lineNo++;
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.includes(0x0d)) throw bareCarriageReturnError(sourceFile, lineNo + request.lineOffset);
    if (lineNo === 1) return;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      if (pending) {
        finish(pending.line, pending.text);
        pending = undefined;
      }
      const shownText = bytes.toString('utf-8');
      const firstBad = shownText.indexOf('\uFFFD');
      const field = firstBad === -1 ? 1 : shownText.slice(0, firstBad).split(',').length;
      out.push({ line: lineNo, errorType: 'INVALID ENCODING', columnName: column(field), csvLine: shownText, message: 'invalid UTF-8' });
      return;
    }
    if (pending) {
      pending.text += '\n' + text;
      if (!endsInsideQuote(pending.text)) {
        finish(pending.line, pending.text);
        pending = undefined;
      }
      return;
    }
    if (blank.has(lineNo)) return;
    if (endsInsideQuote(text)) pending = { line: lineNo, text };
    else finish(lineNo, text);
  };

  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      onLine(data.subarray(start, nl));
      start = nl + 1;
    }
    carry = Buffer.from(data.subarray(start));
    data = carry;
  }
  if (carry.length > 0) onLine(carry);
  if (pending) finish(pending.line, pending.text);
  return out;
}

/** SQL turning the text field `raw` into the column's bronze type; NULL when it does not type. */
function typedExpression(column: ColumnContract, raw: string): string {
  const target = bronzeSqlType(column);
  switch (column.type) {
    case 'string':
      return typedKey(column, raw, (value, pattern) => `${value} RLIKE ${pattern}`) ?? raw;
    case 'integer':
      return target === 'DOUBLE'
        ? `CASE WHEN ${raw} RLIKE ${WHOLE_NUMBER} THEN try_cast(${raw} AS DOUBLE) END`
        : // Spark's string -> BIGINT cast refuses '43.0': cast the whole part the pattern allowed.
          `CASE WHEN ${raw} RLIKE ${WHOLE_NUMBER} THEN try_cast(regexp_extract(${raw}, '^([+-]?[0-9]+)', 1) AS BIGINT) END`;
    case 'float':
      return `CASE WHEN ${raw} RLIKE ${DECIMAL} THEN try_cast(${raw} AS DOUBLE) END`;
    case 'boolean':
      return `CASE lower(${raw}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
    case 'date':
      return `CASE WHEN ${raw} RLIKE ${DATE} THEN try_cast(${raw} AS DATE) END`;
    case 'timestamp':
      return `CASE WHEN ${raw} RLIKE ${TIMESTAMP} THEN try_cast(${raw} AS TIMESTAMP) END`;
  }
}

async function count(engine: Engine, table: string, where = 'TRUE'): Promise<number> {
  const [row] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  return Number(row.n);
}

async function stageBatch(engine: Engine, request: StageBatchRequest): Promise<StageBatchOutcome> {
  const { contract, fileColumns, scan } = request;
  const blank = new Set(scan.blankLines);
  const rejected = rejectedLines(await structuralRejects(request), blank, fileColumns);
  const expectedRecords = Math.max(0, scan.lineCount - 1) - blank.size - rejected.length;

  const tag = `${contract.name}_${process.pid}`;
  const linesView = `bronze_lines_${tag}`;
  const typedView = `bronze_typed_${tag}`;
  const dropViews = async () => {
    for (const v of [typedView, linesView]) {
      await engine.exec(`UNCACHE TABLE IF EXISTS ${v}`).catch(() => undefined);
      await engine.exec(`DROP VIEW IF EXISTS ${v}`).catch(() => undefined);
    }
  };
  try {
    await dropViews();
    const excluded = [...blank, ...rejected.map((r) => r.line)];
    const notExcluded = excluded.length === 0 ? '' : `AND line_number NOT IN (${excluded.join(', ')})`;
    const schema = fileColumns.map((c) => `${q(c)} STRING`).join(', ');
    const options = `map('sep', ',', 'quote', '"', 'escape', '"', 'mode', 'FAILFAST')`;
    // Lines in file order, numbered; the data lines that are neither blank nor rejected, split.
    await engine.exec(`CACHE TABLE ${linesView} AS
      SELECT line_number, from_csv(value, ${literal(schema)}, ${options}) AS f
      FROM (SELECT value, row_number() OVER (ORDER BY input_file_block_start(), monotonically_increasing_id()) AS line_number
            FROM text.${q(request.path)})
      WHERE line_number >= 2 ${notExcluded}`);
    const recordsParsed = await count(engine, linesView);
    if (recordsParsed !== expectedRecords) {
      throw new Error(
        `${request.sourceFile}: Spark read ${recordsParsed} good records but the file has ${expectedRecords} non-blank, non-rejected data lines`,
      );
    }

    const columns = contract.columns;
    // '' and NULL are one thing in a CSV field (DuckDB reads both an empty and a "" field as NULL).
    const rawFields = fileColumns.map((c) => `nullif(f.${q(c)}, '') AS ${q(c)}`).join(', ');
    await engine.exec(`CREATE TEMPORARY VIEW ${typedView} AS
      SELECT *, ${columns.map((c) => `${typedExpression(c, q(c.name))} AS ${typedName(c.name)}`).join(', ')}
      FROM (SELECT line_number, ${rawFields} FROM ${linesView})`);
    const { code, reason } = reasonCases(columns, fileColumns, q);

    // Keys enter the hash trimmed (as stored), so ' session_1' and 'session_1' rows are exact copies.
    const rowHash = `md5(concat_ws(chr(31), ${columns.map((c) => `coalesce(${isKey(c) ? typedName(c.name) : q(c.name)}, chr(30))`).join(', ')}))`;
    const typedColumns = columns.map((c) => `CAST(${typedName(c.name)} AS ${bronzeSqlType(c).replace('VARCHAR', 'STRING')})`).join(', ');
    await engine.exec(`INSERT INTO ${request.targetTable}
      SELECT ${typedColumns}, ${literal(request.batchId)}, ${literal(request.sourceFile)}, CAST(line_number + ${request.lineOffset} AS BIGINT),
        CAST(${literal(request.ingestedAt)} AS TIMESTAMP), ${rowHash}
      FROM ${typedView} WHERE ${code} IS NULL`);
    const rowsLoaded = await count(engine, request.targetTable, `_batch_id = ${literal(request.batchId)}`);

    // Quarantine: rows that did not type (with their reason), then the structurally broken lines.
    const quarantineRows: string[] = [];
    if (rowsLoaded < recordsParsed) {
      const json = `to_json(named_struct(${columns.map((c) => `${literal(c.name)}, ${q(c.name)}`).join(', ')}), map('ignoreNullFields', 'false'))`;
      quarantineRows.push(`SELECT ${literal(request.runId)}, 'bronze', ${literal(request.batchId)}, ${literal(request.sourceFile)}, CAST(line_number + ${request.lineOffset} AS BIGINT),
          ${reserialised(fileColumns, q)}, ${json}, ${code}, ${reason}, CAST(${literal(request.ingestedAt)} AS TIMESTAMP)
        FROM ${typedView} WHERE ${code} IS NOT NULL`);
    }
    const chunk = 200;
    for (let i = 0; i < rejected.length; i += chunk) {
      const values = rejected
        .slice(i, i + chunk)
        .map(
          (l) =>
            `(${literal(request.runId)}, 'bronze', ${literal(request.batchId)}, ${literal(request.sourceFile)}, CAST(${l.line + request.lineOffset} AS BIGINT), ${literal(l.rawLine)}, CAST(NULL AS STRING), ${literal(l.reasonCode)}, ${literal(l.reason)}, CAST(${literal(request.ingestedAt)} AS TIMESTAMP))`,
        );
      quarantineRows.push(`SELECT * FROM VALUES ${values.join(', ')}`);
    }
    for (const select of quarantineRows) await engine.exec(`INSERT INTO ${request.quarantineTable} ${select}`);

    return {
      recordsParsed,
      rejectedLines: rejected.length,
      rowsLoaded,
      rowsQuarantined: await count(engine, request.quarantineTable, `batch_id = ${literal(request.batchId)}`),
    };
  } finally {
    await dropViews();
  }
}

export const sparkCsvReader: CsvReader = { stageBatch };
