// DuckDB result values -> the plain values every engine returns (Engine.query): the library's own
// per-type converters (@duckdb/node-api DuckDBValueConverters, assembled with
// createDuckDBValueConverter) where they give what Marquee promises, our own only where they do not.
// spark/values.ts gives the same values from Arrow batches; test/engine/spark-vs-duckdb.test.ts holds
// the two to it.
import {
  arrayFromArrayValue,
  arrayFromListValue,
  bigintFromBigIntValue,
  booleanFromValue,
  createDuckDBValueConverter,
  DuckDBTypeId,
  nullConverter,
  numberFromValue,
  objectFromStructValue,
  stringFromValue,
  unsupportedConverter,
  type DuckDBValue,
  type DuckDBType,
  type DuckDBValueConverter,
} from '@duckdb/node-api';

/**
 * Integers wider than 32 bits: a number when it is exact (|n| <= 2^53 - 1), else its decimal text.
 * Ours, not the library's: its JS converter gives a bigint (which JSON.stringify rejects, and which
 * equals no number in the tests' toEqual), its JSON converter text even for 42.
 */
function safeIntegerFromBigInt(value: DuckDBValue, type: DuckDBType): number | string {
  const n = bigintFromBigIntValue(value, type);
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : n.toString();
}

/**
 * DECIMAL -> the nearest double to the exact decimal, through its text. Ours, not the library's
 * doubleFromDecimalValue: that divides the unscaled integer as a double, which can round twice for
 * 16+ digit values and then differ in the last bit from Spark's reader (spark/values.ts parses the text).
 */
const numberFromDecimalText = (value: DuckDBValue) => Number(String(value));

/**
 * Converters by type id. Dates, timestamps and times keep DuckDB's own text ('YYYY-MM-DD',
 * 'YYYY-MM-DD HH:MM:SS[.ffffff]'), as the library's JSON converter does (its JS converter makes
 * Date objects, which lose microseconds). Maps, unions, intervals, bit strings and other rare types are
 * their text as well, as they always were here.
 */
const BY_TYPE_ID: Record<DuckDBTypeId, DuckDBValueConverter<unknown>> = {
  [DuckDBTypeId.INVALID]: unsupportedConverter,
  [DuckDBTypeId.ANY]: unsupportedConverter,
  [DuckDBTypeId.STRING_LITERAL]: unsupportedConverter,
  [DuckDBTypeId.INTEGER_LITERAL]: unsupportedConverter,
  [DuckDBTypeId.SQLNULL]: nullConverter,
  [DuckDBTypeId.BOOLEAN]: booleanFromValue,
  [DuckDBTypeId.TINYINT]: numberFromValue,
  [DuckDBTypeId.SMALLINT]: numberFromValue,
  [DuckDBTypeId.INTEGER]: numberFromValue,
  [DuckDBTypeId.UTINYINT]: numberFromValue,
  [DuckDBTypeId.USMALLINT]: numberFromValue,
  [DuckDBTypeId.UINTEGER]: numberFromValue,
  [DuckDBTypeId.FLOAT]: numberFromValue,
  [DuckDBTypeId.DOUBLE]: numberFromValue,
  [DuckDBTypeId.BIGINT]: safeIntegerFromBigInt,
  [DuckDBTypeId.UBIGINT]: safeIntegerFromBigInt,
  [DuckDBTypeId.HUGEINT]: safeIntegerFromBigInt,
  [DuckDBTypeId.UHUGEINT]: safeIntegerFromBigInt,
  [DuckDBTypeId.BIGNUM]: safeIntegerFromBigInt,
  [DuckDBTypeId.DECIMAL]: numberFromDecimalText,
  [DuckDBTypeId.LIST]: arrayFromListValue,
  [DuckDBTypeId.ARRAY]: arrayFromArrayValue,
  [DuckDBTypeId.STRUCT]: objectFromStructValue,
  [DuckDBTypeId.VARCHAR]: stringFromValue,
  [DuckDBTypeId.ENUM]: stringFromValue,
  [DuckDBTypeId.UUID]: stringFromValue,
  [DuckDBTypeId.BLOB]: stringFromValue,
  [DuckDBTypeId.BIT]: stringFromValue,
  [DuckDBTypeId.DATE]: stringFromValue,
  [DuckDBTypeId.TIME]: stringFromValue,
  [DuckDBTypeId.TIME_NS]: stringFromValue,
  [DuckDBTypeId.TIME_TZ]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP_S]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP_MS]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP_NS]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP_TZ]: stringFromValue,
  [DuckDBTypeId.INTERVAL]: stringFromValue,
  [DuckDBTypeId.MAP]: stringFromValue,
  [DuckDBTypeId.UNION]: stringFromValue,
  [DuckDBTypeId.GEOMETRY]: stringFromValue,
  [DuckDBTypeId.VARIANT]: stringFromValue,
};

/** Pass to the library's convertRowObjects / yieldConvertedRowObjects. */
export const plainValues: DuckDBValueConverter<unknown> = createDuckDBValueConverter(BY_TYPE_ID);
