// Rows -> one Arrow IPC stream, the payload of a Spark Connect LocalRelation (bulk writes).
// Arrow types are the ones Spark maps to the warehouse column types: Utf8 -> STRING, Float64 ->
// DOUBLE, Int64 -> BIGINT, Bool -> BOOLEAN, Date32 (days) -> DATE, Timestamp(us, 'UTC') -> TIMESTAMP
// (a time zone marks it as Spark's TIMESTAMP rather than TIMESTAMP_NTZ).
import {
  Bool,
  DateDay,
  Float64,
  Int64,
  Table,
  TimestampMicrosecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import type { WriteColumn, WriteValue } from '../engine.js';
import { epochDay, epochMicros } from '../write-values.js';

/** A validity bitmap (bit set = value present) and its null count. */
function validity(present: (i: number) => boolean, length: number): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (present(i)) nullBitmap[i >> 3] |= 1 << (i & 7);
    else nullCount++;
  }
  return { nullBitmap, nullCount };
}

/** The vector of column `c`; fixed-width columns are filled as typed arrays (no per-value builder). */
function columnVector(column: WriteColumn, c: number, rows: readonly (readonly WriteValue[])[], table: string, firstRow: number): Vector {
  const length = rows.length;
  const where = (r: number) => `${table} row ${firstRow + r + 1} column ${column.name}`;
  switch (column.type) {
    case 'VARCHAR':
      return vectorFromArray(
        rows.map((row) => (row[c] === null ? null : String(row[c]))),
        new Utf8(),
      );
    case 'BOOLEAN':
      return vectorFromArray(
        rows.map((row) => (row[c] === null ? null : row[c] === true)),
        new Bool(),
      );
    case 'DOUBLE': {
      const data = new Float64Array(length);
      for (let r = 0; r < length; r++) data[r] = rows[r][c] === null ? 0 : Number(rows[r][c]);
      return makeVector(makeData({ type: new Float64(), length, data, ...validity((r) => rows[r][c] !== null, length) }));
    }
    case 'BIGINT': {
      const data = new BigInt64Array(length);
      for (let r = 0; r < length; r++) data[r] = rows[r][c] === null ? 0n : BigInt(rows[r][c] as number);
      return makeVector(makeData({ type: new Int64(), length, data, ...validity((r) => rows[r][c] !== null, length) }));
    }
    case 'DATE': {
      const data = new Int32Array(length);
      for (let r = 0; r < length; r++) data[r] = rows[r][c] === null ? 0 : epochDay(String(rows[r][c]), () => where(r));
      return makeVector(makeData({ type: new DateDay(), length, data, ...validity((r) => rows[r][c] !== null, length) }));
    }
    case 'TIMESTAMP': {
      const data = new BigInt64Array(length);
      for (let r = 0; r < length; r++) data[r] = rows[r][c] === null ? 0n : epochMicros(String(rows[r][c]), () => where(r));
      return makeVector(makeData({ type: new TimestampMicrosecond('UTC'), length, data, ...validity((r) => rows[r][c] !== null, length) }));
    }
  }
}

/**
 * One Arrow IPC stream (schema + one record batch) holding `rows` in `columns` order. `firstRow`:
 * how many rows of the whole write came before these (errors number rows from 1 over the write).
 */
export function rowsToArrowIpc(
  table: string,
  columns: readonly WriteColumn[],
  rows: readonly (readonly WriteValue[])[],
  firstRow = 0,
): Uint8Array {
  const vectors = Object.fromEntries(columns.map((col, c) => [col.name, columnVector(col, c, rows, table, firstRow)]));
  return tableToIPC(new Table(vectors), 'stream');
}
