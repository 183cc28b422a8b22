// Arrow decoding checked on batches built locally with apache-arrow (the same IPC format Spark sends).
import { describe, expect, it } from 'vitest';
import { Table, tableFromArrays, tableToIPC, vectorFromArray, Timestamp, TimeUnit, DateDay, Int64 } from 'apache-arrow';
import { decodeArrowBatch, formatEpochDay, formatEpochMicros, formatEpochMicrosNumber } from '../../../src/engine/spark/values.js';

describe('time formatting', () => {
  it('formats epoch days and microseconds like DuckDB does', () => {
    expect(formatEpochDay(0)).toBe('1970-01-01');
    expect(formatEpochDay(19782)).toBe('2024-02-29');
    expect(formatEpochDay(-719162)).toBe('0001-01-01');
    expect(formatEpochMicros(0n)).toBe('1970-01-01 00:00:00');
    expect(formatEpochMicros(1709210096123456n)).toBe('2024-02-29 12:34:56.123456');
    expect(formatEpochMicros(1709210096100000n)).toBe('2024-02-29 12:34:56.1');
    expect(formatEpochMicros(-1n)).toBe('1969-12-31 23:59:59.999999');
    expect(formatEpochMicros(-86_400_000_000n)).toBe('1969-12-31 00:00:00');
  });

  it('agrees with Date.toISOString on every 97th day from year 0001 to 9999', () => {
    for (let day = -719162; day <= 2932896; day += 97) {
      expect(formatEpochDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('formats the same with double arithmetic as with bigint (seeded sample)', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20000; i++) {
      const micros = Math.floor((next() - 0.5) * 2 * 8_000_000_000_000_000);
      expect(formatEpochMicrosNumber(micros)).toBe(formatEpochMicros(BigInt(micros)));
    }
  });
});

describe('decodeArrowBatch', () => {
  it('converts an IPC batch to plain rows with the DuckDB conventions', () => {
    const table = tableFromArrays({
      id: BigInt64Array.from([1n, 2n ** 60n, -5n]),
      name: ['a', 'b', 'c'],
      score: Float64Array.from([1.5, NaN, -2]),
    });
    const ipc = tableToIPC(table, 'stream');
    expect(decodeArrowBatch(ipc)).toEqual([
      { id: 1, name: 'a', score: 1.5 },
      { id: '1152921504606846976', name: 'b', score: NaN },
      { id: -5, name: 'c', score: -2 },
    ]);
  });

  it('reads timestamps exactly from their microsecond values and keeps nulls', () => {
    const ts = vectorFromArray([1709210096123.456, null, -0.001], new Timestamp(TimeUnit.MICROSECOND, 'UTC'));
    const day = vectorFromArray([new Date(Date.UTC(2024, 1, 29)), null, new Date(0)], new DateDay());
    const big = vectorFromArray([3n, null, 4n], new Int64());
    const rows = decodeArrowBatch(tableToIPC(new Table({ ts, day, big }), 'stream'));
    expect(rows).toEqual([
      { ts: '2024-02-29 12:34:56.123456', day: '2024-02-29', big: 3 },
      { ts: null, day: null, big: null },
      { ts: '1969-12-31 23:59:59.999999', day: '1970-01-01', big: 4 },
    ]);
  });
});
