// The same SQL on DuckDB and on a real Spark cluster must give the same rows: a handful of
// plain statements, and every dialect macro with a few inputs each (the macros are the only
// place engine differences may live, so they are what this test is for).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { SparkEngine } from '../../src/engine/spark/engine.js';
import { MACROS } from '../../src/engine/dialect.js';
import type { Engine, Row } from '../../src/engine/engine.js';
import { SPARK_URL, scratchSchema, sparkIsUp } from './helpers/spark.js';

const up = await sparkIsUp();

/** A query written once for both engines; `m` calls a macro in the engine's dialect. */
type Case = (m: (name: string, ...args: string[]) => string, fx: string) => string;

const FIXTURE_ROWS = [
  `(1, 'b', DATE '2024-01-01', 2.5, TIMESTAMP '2024-01-01 10:00:00', 10)`,
  `(2, 'a', DATE '2024-02-29', NULL, TIMESTAMP '2024-02-29 23:59:59.5', 3)`,
  `(3, NULL, DATE '2023-12-31', -1.25, NULL, 0)`,
  `(4, 'c', NULL, 7.0, TIMESTAMP '2024-03-03 00:00:00', -7)`,
  `(5, 'a', DATE '2024-03-03', 0.1, TIMESTAMP '2024-03-04 12:00:00.123456', 20)`,
];

/** Plain SQL that both engines must agree on (no macros). */
const PLAIN: Record<string, Case> = {
  aggregates: (_, fx) =>
    `SELECT count(*) AS n, count(s) AS ns, sum(id) AS total, avg(x) AS mean, min(d) AS first_day, max(ts) AS last_ts, sum(k) AS ks FROM ${fx}`,
  group_by: (_, fx) => `SELECT s, count(*) AS n, sum(x) AS sx FROM ${fx} GROUP BY s ORDER BY s NULLS LAST`,
  window: (_, fx) =>
    `SELECT id, row_number() OVER (PARTITION BY s ORDER BY id) AS rn, sum(k) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM ${fx} ORDER BY id`,
  join: (_, fx) => `SELECT a.id, b.id AS other FROM ${fx} a JOIN ${fx} b ON a.s = b.s AND a.id < b.id ORDER BY a.id`,
  scalars: (
    _,
    fx,
  ) => `SELECT id, upper(s) AS u, length(s) AS len, substr(s, 1, 1) AS first, coalesce(s, '?') || '-' || CAST(id AS VARCHAR) AS tag,
    CASE WHEN x > 1 THEN 'big' WHEN x IS NULL THEN 'none' ELSE 'small' END AS size, round(x, 1) AS rx, id / 2 AS half, CAST(d AS VARCHAR) AS dtext FROM ${fx} ORDER BY id`,
  decimal_literals: (_, fx) =>
    `SELECT avg(CASE WHEN s = 'a' THEN 1.0 ELSE 0.0 END) AS share, sum(k) / 60.0 AS hours, 2.5 * count(*) AS scaled FROM ${fx}`,
  dates: (_, fx) =>
    `SELECT id, CAST(ts AS DATE) AS day, year(d) AS y, month(d) AS mo, CAST(ts AS VARCHAR) AS tstext FROM ${fx} ORDER BY id`,
};

/** Every macro, a few inputs each. A macro missing here fails the test that checks coverage. */
const MACRO_CASES: Record<string, Case[]> = {
  days_between: [
    (m, fx) => `SELECT id, ${m('days_between', 'd', "DATE '2024-03-01'")} AS v FROM ${fx} ORDER BY id`,
    (m) => `SELECT ${m('days_between', "'2024-03-01'", "'2024-01-01'")} AS v`,
    (m) => `SELECT ${m('days_between', "TIMESTAMP '2024-01-01 23:59:00'", "TIMESTAMP '2024-01-02 00:01:00'")} AS v`,
  ],
  add_days: [
    (m, fx) => `SELECT id, ${m('add_days', 'd', 'k')} AS v FROM ${fx} ORDER BY id`,
    (m) => `SELECT ${m('add_days', "'2024-02-28'", '1')} AS a, ${m('add_days', "DATE '2024-03-01'", '-1')} AS b`,
  ],
  month_start: [(m, fx) => `SELECT id, ${m('month_start', 'd')} AS v, ${m('month_start', 'ts')} AS w FROM ${fx} ORDER BY id`],
  week_start: [
    (m, fx) => `SELECT id, ${m('week_start', 'd')} AS v, ${m('week_start', 'ts')} AS w FROM ${fx} ORDER BY id`,
    (m) =>
      `SELECT ${m('week_start', "DATE '2024-01-07'")} AS sun, ${m('week_start', "DATE '2024-01-08'")} AS mon, ${m('week_start', "DATE '2021-01-01'")} AS fri`,
  ],
  iso_dow: [
    (m) => `SELECT ${[1, 2, 3, 4, 5, 6, 7].map((i) => `${m('iso_dow', `DATE '2024-01-0${i}'`)} AS d${i}`).join(', ')}`,
    (m, fx) => `SELECT id, ${m('iso_dow', 'd')} AS v FROM ${fx} ORDER BY id`,
  ],
  quantile: [
    (m, fx) =>
      `SELECT ${m('quantile', 'x', '0.25')} AS q1, ${m('quantile', 'x', '0.9')} AS q9, ${m('quantile', 'k', '0.5')} AS qk FROM ${fx}`,
    (m, fx) => `SELECT s, ${m('quantile', 'x', '0.5')} AS q FROM ${fx} GROUP BY s ORDER BY s NULLS LAST`,
  ],
  quantiles: [
    (m, fx) => `SELECT ${m('quantiles', 'x', '0.1, 0.5, 0.9')} AS qs, ${m('quantiles', 'k', '0.25, 0.75')} AS qk FROM ${fx}`,
    (m, fx) => `SELECT s, ${m('quantiles', 'k', '0.5')} AS q FROM ${fx} GROUP BY s ORDER BY s NULLS LAST`,
  ],
  median: [(m, fx) => `SELECT ${m('median', 'x')} AS mx, ${m('median', 'k')} AS mk, ${m('median', 'id')} AS mid FROM ${fx}`],
  string_agg: [
    (m, fx) => `SELECT ${m('string_agg', 's', "', '")} AS v FROM ${fx}`,
    (m, fx) => `SELECT s, ${m('string_agg', 'CAST(id AS VARCHAR)', "'|'")} AS ids FROM ${fx} GROUP BY s ORDER BY s NULLS LAST`,
    (m, fx) => `SELECT ${m('string_agg', 's', "','")} AS v FROM ${fx} WHERE s IS NULL`,
  ],
  int_div: [(m, fx) => `SELECT id, ${m('int_div', 'k', '3')} AS v, ${m('int_div', 'k', '-2')} AS w FROM ${fx} ORDER BY id`],
  // meta.change_log's values: strings (NULL, quotes, backslashes, unicode), dates and integers as JSON text.
  json_text: [
    (m, fx) => `SELECT id, ${m('json_text', 's')} AS v, ${m('json_text', 'd')} AS w, ${m('json_text', 'k')} AS n FROM ${fx} ORDER BY id`,
    (m) => `SELECT ${m('json_text', `'say "hi" Zoë 日本'`)} AS v, ${m('json_text', 'NULL')} AS z`,
  ],
  sha256: [(m) => `SELECT ${m('sha256', "'abc'")} AS v, ${m('sha256', "''")} AS e`],
  keyed_hash: [(m, fx) => `SELECT id, ${m('keyed_hash', 's', "'secret'")} AS v FROM ${fx} ORDER BY id`],
  // HMAC blocks of a 3-byte key ('abc' padded to 64 bytes, XOR 0x36 / 0x5c); unicode and NULL values.
  hmac_sha256: [
    (m, fx) => {
      const pad = (x: number) => Buffer.from(Buffer.concat([Buffer.from('abc'), Buffer.alloc(61)]).map((b) => b ^ x)).toString('hex');
      return `SELECT id, ${m('hmac_sha256', 's', `'${pad(0x36)}'`, `'${pad(0x5c)}'`)} AS v, ${m('hmac_sha256', "'Zoë 日本 🎬'", `'${pad(0x36)}'`, `'${pad(0x5c)}'`)} AS u FROM ${fx} ORDER BY id`;
    },
  ],
  safe_div: [(m, fx) => `SELECT id, ${m('safe_div', 'x', 'k')} AS v, ${m('safe_div', 'k', '4')} AS w FROM ${fx} ORDER BY id`],
  asc_nulls_last: [(m, fx) => `SELECT id, s FROM ${fx} ORDER BY ${m('asc_nulls_last', 's')}, id`],
  try_double: [
    (m) =>
      `SELECT ${["'1.5'", "'abc'", "''", "' 2 '", "'1e3'", "'-0.25'", 'NULL'].map((v, i) => `${m('try_double', v)} AS v${i}`).join(', ')}`,
  ],
  wilson_bound: [
    (m, fx) =>
      `SELECT id, ${m('wilson_bound', 'id', '10', '-1')} AS lo, ${m('wilson_bound', 'id', '10', '1')} AS hi FROM ${fx} ORDER BY id`,
    (m) => `SELECT ${m('wilson_bound', '0', '0', '1')} AS none`,
  ],
  // Compared as parsed JSON with timestamps' fraction padding ignored: see jsonValues below.
  row_to_json: [(m, fx) => `SELECT id, ${m('row_to_json', 'r')} AS j FROM (SELECT id, s, d, x, ts, k FROM ${fx}) AS r ORDER BY id`],
  to_text: [
    (m, fx) =>
      `SELECT id, ${m('to_text', 'id')} AS i, ${m('to_text', 'x')} AS x, ${m('to_text', 'd')} AS d, ${m('to_text', 'ts')} AS ts, ${m('to_text', 'x > 1')} AS b FROM ${fx} ORDER BY id`,
    (m) =>
      `SELECT ${m('to_text', 'CAST(1.25 AS DECIMAL(10, 2))')} AS dec, ${m('to_text', "'text'")} AS t, ${m('to_text', 'CAST(123456789012 AS BIGINT)')} AS big`,
  ],
  year_quarter: [(m, fx) => `SELECT id, ${m('year_quarter', 'd')} AS v, ${m('year_quarter', 'ts')} AS w FROM ${fx} ORDER BY id`],
  year_month: [(m, fx) => `SELECT id, ${m('year_month', 'd')} AS v, ${m('year_month', 'ts')} AS w FROM ${fx} ORDER BY id`],
  round_double: [
    (m, fx) => `SELECT id, ${m('round_double', 'x * 3.3', '2')} AS v, ${m('round_double', 'x', '0')} AS w FROM ${fx} ORDER BY id`,
    // Near-ties: 40.865, 1.005, 2.675 are stored just below; 0.125 and -2.5 are exact ties.
    (m) => `SELECT ${m('round_double', 'CAST(40.865 AS DOUBLE)', '2')} AS a, ${m('round_double', 'CAST(1.005 AS DOUBLE)', '2')} AS b,
      ${m('round_double', 'CAST(2.675 AS DOUBLE)', '2')} AS c, ${m('round_double', 'CAST(0.125 AS DOUBLE)', '2')} AS d, ${m('round_double', 'CAST(-2.5 AS DOUBLE)', '0')} AS e,
      ${m('round_double', '(0.25 + 0.5 + 0.75 + 0.134599) * 100.0 / 4.0', '2')} AS f`,
  ],
  null_safe_eq: [
    (m, fx) => `SELECT a.id, b.id AS other FROM ${fx} a JOIN ${fx} b ON ${m('null_safe_eq', 'a.s', 'b.s')} ORDER BY a.id, b.id`,
    (m, fx) => `SELECT id, ${m('null_safe_eq', 's', "'a'")} AS v, ${m('null_safe_eq', 'x', 'NULL')} AS w FROM ${fx} ORDER BY id`,
  ],
};

/** Numbers compared to 12 significant digits (percentile vs quantile_cont can differ in the last bit). */
function normalise(rows: Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v]),
    ),
  );
}

/**
 * row_to_json's text is not byte-equal across engines: Spark pads timestamp fractions to six
 * digits ("…:59.500000", DuckDB "…:59.5") and writes large doubles as 1.0E20. Same keys, same
 * values, so the test compares the parsed JSON with timestamp padding removed.
 */
function jsonValues(rows: Row[]): Row[] {
  const trimFraction = (v: unknown) =>
    typeof v === 'string' ? v.replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.0+|(\.\d*?)0+)$/, '$1$2') : v;
  return rows.map((row) => ({
    ...row,
    j: Object.fromEntries(Object.entries(JSON.parse(String(row.j)) as Row).map(([k, v]) => [k, trimFraction(v)])),
  }));
}

async function run(engine: Engine, text: string): Promise<Row[] | string> {
  try {
    const rows = normalise(await engine.query(text));
    // row_to_json cases name their JSON column j (json_text also calls to_json, but yields JSON scalars compared as text).
    return rows.length > 0 && 'j' in rows[0] ? jsonValues(rows) : rows;
  } catch (error) {
    return `ERROR: ${String(error).split('\n')[0]}`;
  }
}

describe.skipIf(!up)('DuckDB and Spark agree', () => {
  let duck: DuckDbEngine;
  let spark: SparkEngine;
  const schema = scratchSchema('xengine');
  const fx = `${schema}.fx`;
  const call =
    (engine: Engine) =>
    (name: string, ...args: string[]) => {
      if (!engine.dialect[name]) throw new Error(`macro ${name} is missing for ${engine.name}`);
      return engine.dialect[name](...args);
    };

  beforeAll(async () => {
    duck = await DuckDbEngine.open({ path: ':memory:' });
    spark = await SparkEngine.connect(SPARK_URL);
    // The same DDL and INSERT text on both engines (VARCHAR maps to STRING on Spark).
    for (const engine of [duck, spark] as Engine[]) {
      await engine.exec(`CREATE SCHEMA ${schema}`);
      await engine.exec(`CREATE TABLE ${fx} (id INT, s VARCHAR, d DATE, x DOUBLE, ts TIMESTAMP, k INT)`);
      await engine.exec(`INSERT INTO ${fx} VALUES ${FIXTURE_ROWS.join(', ')}`);
    }
  });

  afterAll(async () => {
    await spark?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await spark?.close();
    await duck?.close();
  });

  for (const [name, build] of Object.entries(PLAIN)) {
    it(`plain SQL: ${name}`, async () => {
      const text = build(() => {
        throw new Error('no macros here');
      }, fx);
      const [d, s] = [await run(duck, text), await run(spark, text)];
      expect(typeof d === 'string' ? d : 'ok').toBe('ok');
      expect(s).toEqual(d);
    });
  }

  it('every macro in dialect.ts has cross-engine cases', () => {
    expect(Object.keys(MACROS).filter((name) => !MACRO_CASES[name])).toEqual([]);
  });

  for (const [name, cases] of Object.entries(MACRO_CASES)) {
    it.skipIf(!MACROS[name])(`macro ${name}`, async () => {
      for (const build of cases) {
        const [d, s] = [await run(duck, build(call(duck), fx)), await run(spark, build(call(spark), fx))];
        expect(typeof d === 'string' ? d : 'ok', build(call(duck), fx)).toBe('ok');
        expect(s, build(call(spark), fx)).toEqual(d);
      }
    });
  }
});
