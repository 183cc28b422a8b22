// DuckDB's column types (as listColumns spells them: information_schema's data_type, upper case) in
// Marquee's portable spelling, for copying a table into another DuckDB file (the dashboard snapshot).
import type { PortableColumnType } from '../engine.js';

const PORTABLE: Readonly<Record<string, PortableColumnType>> = {
  VARCHAR: { ddl: 'VARCHAR', write: 'VARCHAR' },
  BIGINT: { ddl: 'BIGINT', write: 'BIGINT' },
  INTEGER: { ddl: 'INTEGER', write: 'BIGINT' },
  SMALLINT: { ddl: 'SMALLINT', write: 'BIGINT' },
  TINYINT: { ddl: 'SMALLINT', write: 'BIGINT' },
  DOUBLE: { ddl: 'DOUBLE', write: 'DOUBLE' },
  FLOAT: { ddl: 'REAL', write: 'DOUBLE' },
  REAL: { ddl: 'REAL', write: 'DOUBLE' },
  BOOLEAN: { ddl: 'BOOLEAN', write: 'BOOLEAN' },
  DATE: { ddl: 'DATE', write: 'DATE' },
  TIMESTAMP: { ddl: 'TIMESTAMP', write: 'TIMESTAMP' },
};

/** The portable type of a DuckDB column type; undefined for lists, structs, maps, intervals, UHUGEINT ... */
export function duckDbPortableType(dataType: string): PortableColumnType | undefined {
  const t = dataType.toUpperCase().trim();
  // Engine.query gives DECIMAL as a JS number already (duckdb/values.ts), so it travels as DOUBLE.
  if (/^DECIMAL(\(\d+,\s*\d+\))?$/.test(t)) return { ddl: 'DOUBLE', write: 'DOUBLE' };
  if (/^(VAR)?CHAR\(\d+\)$/.test(t)) return PORTABLE.VARCHAR;
  // sum() of integers is HUGEINT in DuckDB and BIGINT on Spark: the same counts, so the same portable
  // type (values beyond 2^53 arrive as text from duckdb/values.ts). Without this, gold profiles left
  // every summed count out on DuckDB only.
  if (t === 'HUGEINT') return PORTABLE.BIGINT;
  return PORTABLE[t];
}
