// Rows -> Arrow IPC for Spark's bulk writes, decoded back with the reader's decoder (no server).
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { rowsToArrowIpc } from '../../../src/engine/spark/writer.js';
import { decodeArrowBatch } from '../../../src/engine/spark/values.js';
import type { WriteColumn } from '../../../src/engine/engine.js';

const COLUMNS: WriteColumn[] = [
  { name: 's', type: 'VARCHAR' },
  { name: 'd', type: 'DOUBLE' },
  { name: 'n', type: 'BIGINT' },
  { name: 'b', type: 'BOOLEAN' },
  { name: 'day', type: 'DATE' },
  { name: 'ts', type: 'TIMESTAMP' },
];

describe('rowsToArrowIpc', () => {
  it('uses the Arrow types Spark maps to the warehouse column types', () => {
    const fields = tableFromIPC(rowsToArrowIpc('t', COLUMNS, [])).schema.fields;
    expect(fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`)).toEqual([
      's:Utf8:true',
      'd:Float64:true',
      'n:Int64:true',
      'b:Bool:true',
      'day:Date32<DAY>:true',
      'ts:Timestamp<MICROSECOND, UTC>:true',
    ]);
  });

  it('round-trips values and NULLs through the result decoder', () => {
    const rows = [
      ['a', 1.5, 3, true, '2025-10-01', '2025-10-01 12:34:56.123456'],
      [null, null, null, null, null, null],
      ["it's", -0.1, -9007199254740991, false, '1969-12-31', '1970-01-01 00:00:00'],
    ];
    expect(decodeArrowBatch(rowsToArrowIpc('t', COLUMNS, rows))).toEqual([
      { s: 'a', d: 1.5, n: 3, b: true, day: '2025-10-01', ts: '2025-10-01 12:34:56.123456' },
      { s: null, d: null, n: null, b: null, day: null, ts: null },
      { s: "it's", d: -0.1, n: -9007199254740991, b: false, day: '1969-12-31', ts: '1970-01-01 00:00:00' },
    ]);
  });

  it('numbers a bad value by its row in the whole write', () => {
    const rows = [['a', 1, 1, true, '2025-02-30', null]];
    expect(() => rowsToArrowIpc('ml.t', COLUMNS, rows, 100)).toThrow(/ml.t row 101 column day: expected a date/);
  });
});
