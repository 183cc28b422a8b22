// Rows into DuckDB's appender (Engine.writeRows): one typed append per cell, no SQL text per row.
// spark/writer.ts does the same job with Arrow batches.
import { dateValue, timestampValue, type DuckDBAppender } from '@duckdb/node-api';
import type { WriteColumn, WriteValue } from '../engine.js';
import { epochDay, epochMicros } from '../write-values.js';

/**
 * Append one row (values in `columns` order). Errors name `table`, the 1-based `rowNumber` and the
 * column; the text is built only for the cells that need it (dates and timestamps), not per cell:
 * ten million rows would otherwise build sixty million strings.
 */
export function appendRow(
  appender: DuckDBAppender,
  columns: readonly WriteColumn[],
  row: readonly WriteValue[],
  table: string,
  rowNumber: number,
): void {
  for (let c = 0; c < columns.length; c++) appendCell(appender, columns[c], row[c], table, rowNumber);
  appender.endRow();
}

function appendCell(appender: DuckDBAppender, column: WriteColumn, value: WriteValue, table: string, rowNumber: number): void {
  if (value === null) {
    appender.appendNull();
    return;
  }
  switch (column.type) {
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      return;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      return;
    case 'BIGINT':
      appender.appendBigInt(BigInt(value as number));
      return;
    case 'BOOLEAN':
      appender.appendBoolean(value === true);
      return;
    case 'DATE':
      appender.appendDate(dateValue(epochDay(String(value), () => `${table} row ${rowNumber} column ${column.name}`)));
      return;
    case 'TIMESTAMP':
      appender.appendTimestamp(timestampValue(epochMicros(String(value), () => `${table} row ${rowNumber} column ${column.name}`)));
      return;
  }
}
