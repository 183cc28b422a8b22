import { describe, expect, it } from 'vitest';
import { splitStatements, toNamedParameters, toSparkTypeNames } from '../../../src/engine/spark/sqltext.js';
import { toLiteralExpression } from '../../../src/engine/spark/literal.js';
import { sqlRelation } from '../../../src/engine/spark/session.js';
import { sql } from '../../../src/engine/sql.js';

describe('splitStatements', () => {
  it('splits on top-level semicolons only', () => {
    const script = `CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1); -- done; really\nSELECT ';' AS s, "a;b" FROM a /* ; */;`;
    expect(splitStatements(script)).toEqual([
      'CREATE TABLE a (x INT)',
      'INSERT INTO a VALUES (1)',
      `-- done; really\nSELECT ';' AS s, "a;b" FROM a /* ; */`,
    ]);
  });

  it('drops empty and comment-only pieces', () => {
    expect(splitStatements(' ; -- nothing\n ; SELECT 1 ;; ')).toEqual(['SELECT 1']);
  });

  it('handles doubled quotes and backslash escapes inside strings', () => {
    expect(splitStatements(`SELECT 'it''s;' ; SELECT 'a\\';b'`)).toEqual([`SELECT 'it''s;'`, `SELECT 'a\\';b'`]);
  });

  it('reports an unterminated string with its offset', () => {
    expect(() => splitStatements(`SELECT 1; SELECT 'oops`)).toThrow(/unterminated string literal starting at offset 17/);
  });
});

describe('toNamedParameters', () => {
  it('rewrites $n outside literals, identifiers and comments, keeping repeats', () => {
    const { text, used } = toNamedParameters(`SELECT $1, '$2', "$3", $1 + $10 -- $4\nFROM t WHERE a$1 = $2`);
    expect(text).toBe(`SELECT :p1, '$2', "$3", :p1 + :p10 -- $4\nFROM t WHERE a$1 = :p2`);
    expect([...used].sort((a, b) => a - b)).toEqual([1, 2, 10]);
  });
});

describe('toSparkTypeNames', () => {
  it('maps bare VARCHAR to STRING and leaves VARCHAR(n), literals and names alone', () => {
    expect(toSparkTypeNames(`CREATE TABLE t (a VARCHAR, b varchar(10), c VARCHAR )`)).toBe(
      `CREATE TABLE t (a STRING, b varchar(10), c STRING )`,
    );
    expect(toSparkTypeNames(`SELECT CAST(x AS varchar), 'VARCHAR', "varchar", my_varchar, t.varchar FROM t`)).toBe(
      `SELECT CAST(x AS STRING), 'VARCHAR', "varchar", my_varchar, t.varchar FROM t`,
    );
  });

  it('reads unsuffixed decimal literals as DOUBLE (as DuckDB averages and divides them) and leaves everything else alone', () => {
    expect(toSparkTypeNames(`SELECT avg(CASE WHEN a THEN 1.0 ELSE 0.0 END), x / 60.0, -2.5*y FROM t`)).toBe(
      `SELECT avg(CASE WHEN a THEN 1.0D ELSE 0.0D END), x / 60.0D, -2.5D*y FROM t`,
    );
    expect(toSparkTypeNames(`SELECT 1.5e3, 2.0D, 3.25BD, 7, '1.0', "c1.0", t1.c2, col_1.5x, DECIMAL(10,2) -- 4.0`)).toBe(
      `SELECT 1.5e3, 2.0D, 3.25BD, 7, '1.0', "c1.0", t1.c2, col_1.5x, DECIMAL(10,2) -- 4.0`,
    );
  });
});

describe('literals and relations', () => {
  it('binds JS values as the Spark literal of the type DuckDB would infer', () => {
    expect(toLiteralExpression(7, 1)).toEqual({ literal: { long: '7' } });
    expect(toLiteralExpression(2.5, 1)).toEqual({ literal: { double: 2.5 } });
    expect(toLiteralExpression(2n ** 60n, 1)).toEqual({ literal: { long: '1152921504606846976' } });
    expect(toLiteralExpression('x', 1)).toEqual({ literal: { string: 'x' } });
    expect(toLiteralExpression(false, 1)).toEqual({ literal: { boolean: false } });
    expect(toLiteralExpression(null, 1)).toEqual({ literal: { null: { null: {} } } });
    expect(toLiteralExpression(new Date('2024-01-01T00:00:00.001Z'), 1)).toEqual({ literal: { timestamp: '1704067200001000' } });
    expect(() => toLiteralExpression({ a: 1 }, 3)).toThrow(/parameter \$3 has a type/);
  });

  it('builds a SQL relation with named arguments and checks the count', () => {
    const { relation } = sqlRelation(sql`SELECT ${'a'} AS x, ${1} AS y`);
    expect(relation).toEqual({
      sql: {
        query: 'SELECT :p1 AS x, :p2 AS y',
        named_arguments: [
          { key: 'p1', value: { literal: { string: 'a' } } },
          { key: 'p2', value: { literal: { long: '1' } } },
        ],
      },
    });
    expect(() => sqlRelation({ text: 'SELECT $2', params: [1] })).toThrow(/uses \$2 but 1 parameter/);
  });
});
