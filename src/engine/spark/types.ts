// Spark's column types (as listColumns spells them: DESCRIBE TABLE's data_type, upper case) in
// Marquee's portable spelling, for copying a table into a local DuckDB file (the dashboard snapshot).
import type { PortableColumnType } from '../engine.js';

const PORTABLE: Readonly<Record<string, PortableColumnType>> = {
  STRING: { ddl: 'VARCHAR', write: 'VARCHAR' },
  VARCHAR: { ddl: 'VARCHAR', write: 'VARCHAR' },
  BIGINT: { ddl: 'BIGINT', write: 'BIGINT' },
  LONG: { ddl: 'BIGINT', write: 'BIGINT' },
  INT: { ddl: 'INTEGER', write: 'BIGINT' },
  INTEGER: { ddl: 'INTEGER', write: 'BIGINT' },
  SMALLINT: { ddl: 'SMALLINT', write: 'BIGINT' },
  SHORT: { ddl: 'SMALLINT', write: 'BIGINT' },
  TINYINT: { ddl: 'SMALLINT', write: 'BIGINT' },
  BYTE: { ddl: 'SMALLINT', write: 'BIGINT' },
  DOUBLE: { ddl: 'DOUBLE', write: 'DOUBLE' },
  FLOAT: { ddl: 'REAL', write: 'DOUBLE' },
  REAL: { ddl: 'REAL', write: 'DOUBLE' },
  BOOLEAN: { ddl: 'BOOLEAN', write: 'BOOLEAN' },
  DATE: { ddl: 'DATE', write: 'DATE' },
  TIMESTAMP: { ddl: 'TIMESTAMP', write: 'TIMESTAMP' },
  TIMESTAMP_NTZ: { ddl: 'TIMESTAMP', write: 'TIMESTAMP' },
  TIMESTAMP_LTZ: { ddl: 'TIMESTAMP', write: 'TIMESTAMP' },
};

/** The portable type of a Spark column type; undefined for arrays, structs, maps, intervals, binary ... */
export function sparkPortableType(dataType: string): PortableColumnType | undefined {
  const t = dataType.toUpperCase().trim();
  // Engine.query gives DECIMAL as a JS number already (spark/values.ts), so it travels as DOUBLE.
  if (/^DECIMAL(\(\d+,\s*\d+\))?$/.test(t)) return { ddl: 'DOUBLE', write: 'DOUBLE' };
  if (/^(VAR)?CHAR\(\d+\)$/.test(t)) return PORTABLE.VARCHAR;
  return PORTABLE[t];
}
