// Decode the Arrow IPC batches Spark Connect streams back into plain row objects that follow the
// DuckDB engine's conventions, so a step sees the same values whichever engine ran the SQL:
// BIGINT -> number when safe (else a decimal string), DECIMAL -> number, DATE -> 'YYYY-MM-DD',
// TIMESTAMP -> 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC wall clock, trailing zeros of the fraction
// dropped), lists -> arrays, structs and maps -> objects, binary -> Uint8Array.
import { tableFromIPC, Type, TimeUnit, DateUnit, util, type DataType, type Vector, type Table } from 'apache-arrow';
import type { Row } from '../engine.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MICROS_PER_DAY = 86_400_000_000n;

function plainBigInt(value: bigint): number | string {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of a day count since 1970-01-01 (proleptic Gregorian, as Spark and DuckDB use). */
export function formatEpochDay(days: number): string {
  // Integer civil-from-days conversion (H. Hinnant's algorithm): no Date object per value.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 'HH:MM:SS[.ffffff]' of a microsecond offset within a day (trailing zeros of the fraction dropped). */
function formatMicrosOfDay(inDay: number): string {
  const seconds = Math.floor(inDay / 1_000_000);
  const fraction = inDay % 1_000_000;
  const clock = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
  return fraction === 0 ? clock : clock + '.' + pad(fraction, 6).replace(/0+$/, '');
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' of microseconds since the epoch, in UTC. */
export function formatEpochMicros(micros: bigint): string {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  return `${formatEpochDay(Number(days))} ${formatMicrosOfDay(Number(rest))}`;
}

/** Same as formatEpochMicros for a microsecond count held exactly in a double (|micros| < 2^53, years 1685..2255). */
export function formatEpochMicrosNumber(micros: number): string {
  const days = Math.floor(micros / 86_400_000_000);
  return `${formatEpochDay(days)} ${formatMicrosOfDay(micros - days * 86_400_000_000)}`;
}

const UNIT_TO_MICROS: Record<number, [mul: bigint, div: bigint]> = {
  [TimeUnit.SECOND]: [1_000_000n, 1n],
  [TimeUnit.MILLISECOND]: [1000n, 1n],
  [TimeUnit.MICROSECOND]: [1n, 1n],
  [TimeUnit.NANOSECOND]: [1n, 1000n],
};

function decimalToNumber(value: unknown, scale: number): number {
  const unscaled = util.bigNumToBigInt(value as Parameters<typeof util.bigNumToBigInt>[0]);
  if (scale === 0) return Number(unscaled);
  // Through a decimal string so the number is the nearest double to the exact decimal value.
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return Number(`${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

/** Convert one value as returned by apache-arrow's Vector.get for a column of `type`. */
export function plainValue(type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case Type.Int:
      return typeof value === 'bigint' ? plainBigInt(value) : value;
    case Type.Decimal:
      return decimalToNumber(value, (type as unknown as { scale: number }).scale);
    case Type.Date:
      // apache-arrow gives dates as epoch milliseconds.
      return new Date(value as number).toISOString().slice(0, 10);
    case Type.Timestamp:
      // Nested timestamps only arrive as (fractional) milliseconds; top-level columns take the
      // exact path in columnValues below.
      return formatEpochMicros(BigInt(Math.round((value as number) * 1000)));
    case Type.List:
    case Type.FixedSizeList: {
      const child = (type as unknown as { children: Array<{ type: DataType }> }).children[0].type;
      return Array.from(value as Iterable<unknown>, (item) => plainValue(child, item));
    }
    case Type.Struct: {
      const fields = (type as unknown as { children: Array<{ name: string; type: DataType }> }).children;
      const row = value as Record<string, unknown>;
      return Object.fromEntries(fields.map((f) => [f.name, plainValue(f.type, row[f.name])]));
    }
    case Type.Map: {
      const entry = (type as unknown as { children: Array<{ type: { children: Array<{ type: DataType }> } }> }).children[0].type;
      const [keyType, valueType] = [entry.children[0].type, entry.children[1].type];
      return Object.fromEntries(
        Array.from(value as Iterable<[unknown, unknown]>, ([k, v]) => [String(plainValue(keyType, k)), plainValue(valueType, v)]),
      );
    }
    default:
      return value;
  }
}

/** All values of one column, converted. Hot paths read the typed arrays directly. */
function columnValues(vector: Vector, out: unknown[]): void {
  const type = vector.type as DataType;
  const typeId = type.typeId;
  const bitWidth = (type as unknown as { bitWidth?: number }).bitWidth;
  const exact =
    typeId === Type.Timestamp ||
    (typeId === Type.Int && bitWidth === 64) ||
    (typeId === Type.Date && (type as unknown as { unit: number }).unit === DateUnit.DAY);
  if (!exact) {
    if (typeId === Type.Utf8 || typeId === Type.LargeUtf8 || typeId === Type.Float || typeId === Type.Bool || typeId === Type.Int) {
      for (let i = 0; i < vector.length; i++) out[i] = vector.get(i) ?? null;
    } else {
      for (let i = 0; i < vector.length; i++) out[i] = plainValue(type, vector.get(i));
    }
    return;
  }
  let i = 0;
  for (const chunk of vector.data) {
    const offset = chunk.offset;
    if (typeId === Type.Date) {
      const values = chunk.values as unknown as Int32Array;
      for (let j = 0; j < chunk.length; j++, i++) out[i] = chunk.getValid(j) ? formatEpochDay(values[offset + j]) : null;
    } else if (typeId === Type.Int) {
      const values = chunk.values as unknown as BigInt64Array;
      for (let j = 0; j < chunk.length; j++, i++) out[i] = chunk.getValid(j) ? plainBigInt(values[offset + j]) : null;
    } else {
      const [mul, div] = UNIT_TO_MICROS[(type as unknown as { unit: number }).unit];
      const values = chunk.values as unknown as BigInt64Array;
      for (let j = 0; j < chunk.length; j++, i++) {
        if (!chunk.getValid(j)) {
          out[i] = null;
          continue;
        }
        const micros = (values[offset + j] * mul) / div;
        out[i] = micros <= MAX_SAFE && micros >= -MAX_SAFE ? formatEpochMicrosNumber(Number(micros)) : formatEpochMicros(micros);
      }
    }
  }
}

/** Rows of a decoded Arrow table as plain objects, in column order. */
export function tableRows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, c) => {
    const values = new Array<unknown>(table.numRows);
    columnValues(table.getChildAt(c)!, values);
    return values;
  });
  const rows = new Array<Row>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
    rows[r] = row;
  }
  return rows;
}

/** Decode one Arrow IPC stream (one Spark arrow_batch) into rows. */
export function decodeArrowBatch(data: Uint8Array): Row[] {
  return tableRows(tableFromIPC(data));
}
