// Against a real Spark Connect server (scripts/spark/start.sh). Skipped when none answers at
// MARQUEE_SPARK_URL, unless MARQUEE_TEST_SPARK=1 makes that a failure (see helpers/spark.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkEngine, SparkError } from '../../../src/engine/spark/engine.js';
import { sql, ident } from '../../../src/engine/sql.js';
import { ensureWarehouse, META_TABLES, SCHEMAS } from '../../../src/warehouse/schema.js';
import { SparkSession, SESSION_CONFIG } from '../../../src/engine/spark/session.js';
import { parseSparkConnectUrl } from '../../../src/engine/spark/url.js';
import { SPARK_URL, scratchSchema, sparkIsUp, tlsGateway } from '../helpers/spark.js';

const up = await sparkIsUp();

describe.skipIf(!up)('SparkEngine on a real Spark Connect server', () => {
  let engine: SparkEngine;
  const schema = scratchSchema('engine');

  beforeAll(async () => {
    engine = await SparkEngine.connect(SPARK_URL);
    await engine.exec(`CREATE SCHEMA ${schema}`);
  });

  afterAll(async () => {
    await engine?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await engine?.close();
  });

  it('round-trips the common types with the DuckDB conventions', async () => {
    const rows = await engine.query(`SELECT 1 AS i, CAST(9007199254740993 AS BIGINT) AS big, CAST(-12 AS BIGINT) AS small,
      1.5D AS d, CAST(-1.25 AS DECIMAL(10,2)) AS dec, 'x' AS s, DATE '2024-02-29' AS dt,
      TIMESTAMP '2024-02-29 12:34:56.123456' AS ts, TIMESTAMP '2024-02-29 12:34:56' AS ts0,
      TRUE AS b, CAST(NULL AS INT) AS n, array(1, 2) AS arr, named_struct('a', 1, 'b', DATE '2024-01-02') AS st`);
    expect(rows).toEqual([
      {
        i: 1,
        big: '9007199254740993',
        small: -12,
        d: 1.5,
        dec: -1.25,
        s: 'x',
        dt: '2024-02-29',
        ts: '2024-02-29 12:34:56.123456',
        ts0: '2024-02-29 12:34:56',
        b: true,
        n: null,
        arr: [1, 2],
        st: { a: 1, b: '2024-01-02' },
      },
    ]);
  });

  it('quotes identifiers with double quotes, as ident() does', async () => {
    // Spark's catalog allows only [A-Za-z0-9_] in table names, but any column name and keywords.
    await engine.exec(sql`CREATE TABLE ${ident(schema, 'select')} ("from" INT, "x""y z" STRING)`);
    await engine.exec(sql`INSERT INTO ${ident(schema, 'select')} VALUES (${1}, ${'q'})`);
    expect(await engine.query(sql`SELECT "from", "x""y z" FROM ${ident(schema, 'select')}`)).toEqual([{ from: 1, 'x"y z': 'q' }]);
    expect(await engine.query(`SELECT 'single quotes stay strings' AS "s"`)).toEqual([{ s: 'single quotes stay strings' }]);
  });

  it('binds $n parameters, including repeats, strings with quotes and nulls', async () => {
    const rows = await engine.query(
      sql`SELECT ${5} + ${5} AS ten, ${"it's $1"} AS s, ${null} IS NULL AS isnull, ${2.5} * 2 AS f, ${new Date('2024-01-02T03:04:05Z')} AS t`,
    );
    expect(rows).toEqual([{ ten: 10, s: "it's $1", isnull: true, f: 5, t: '2024-01-02 03:04:05' }]);
    const repeated = await engine.query({ text: 'SELECT $1 AS a, $1 * 2 AS b, $2 AS c', params: [3, 'z'] });
    expect(repeated).toEqual([{ a: 3, b: 6, c: 'z' }]);
  });

  it('runs a multi-statement script with exec', async () => {
    await engine.exec(`CREATE TABLE ${schema}.script (a INT, b STRING);
      INSERT INTO ${schema}.script VALUES (1, 'a;b'), (2, NULL); -- trailing comment
      INSERT INTO ${schema}.script SELECT a + 10, b FROM ${schema}.script;`);
    expect(await engine.query(`SELECT a, b FROM ${schema}.script ORDER BY a`)).toEqual([
      { a: 1, b: 'a;b' },
      { a: 2, b: null },
      { a: 11, b: 'a;b' },
      { a: 12, b: null },
    ]);
  });

  it('maps Spark errors to messages with the error class and the SQL', async () => {
    const failing = `SELECT * FROM ${schema}.no_such_table\nWHERE 1 = 1`;
    const error = await engine.query(failing).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SparkError);
    expect((error as SparkError).errorClass).toBe('TABLE_OR_VIEW_NOT_FOUND');
    expect((error as SparkError).message).toContain(`in SQL: SELECT * FROM ${schema}.no_such_table`);
    expect((error as SparkError).message).not.toContain('WHERE 1 = 1');
    const parse = await engine.exec('SELEC 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((parse as SparkError).errorClass).toBe('PARSE_SYNTAX_ERROR');
    const ansi = await engine.query('SELECT 1 / 0 AS x').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((ansi as SparkError).errorClass).toBe('DIVIDE_BY_ZERO');
  });

  it('says clearly when no server answers', async () => {
    const error = await SparkEngine.connect('sc://127.0.0.1:1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/cannot reach Spark Connect at 127\.0\.0\.1:1 \(UNAVAILABLE/);
  });

  it('runs every session with the Marquee settings', async () => {
    const session = await SparkSession.connect(SPARK_URL);
    try {
      expect(await session.client.getConfig(Object.keys(SESSION_CONFIG))).toEqual(SESSION_CONFIG);
    } finally {
      await session.close();
    }
  });

  it('sends the token when the URL has one, and the server refuses a session without it', async (context) => {
    const { token, host, port } = parseSparkConnectUrl(SPARK_URL);
    // Only meaningful against a server started with SPARK_CONNECT_TOKEN (see scripts/spark/start.sh).
    if (token === undefined) context.skip();
    const error = await SparkEngine.connect(`sc://${host}:${port}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/refused the credentials \(UNAUTHENTICATED/);
    const wrong = await SparkEngine.connect(`sc://${host}:${port}/;use_ssl=false;token=not-${token}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(wrong)).toMatch(/refused the credentials/);
  });

  it('talks TLS to a Spark behind a TLS gateway, and refuses an untrusted certificate', async () => {
    const { host, port, token } = parseSparkConnectUrl(SPARK_URL);
    const gateway = await tlsGateway(host, port);
    const tokenPart = token === undefined ? '' : `;token=${token}`;
    try {
      const viaTls = await SparkEngine.connect(`sc://localhost:${gateway.port}/;use_ssl=true${tokenPart}`, { rootCerts: gateway.ca });
      try {
        expect(await viaTls.query(sql`SELECT ${'over tls'} AS s`)).toEqual([{ s: 'over tls' }]);
      } finally {
        await viaTls.close();
      }
      // The system roots do not know the self-signed certificate.
      const untrusted = await SparkEngine.connect(`sc://localhost:${gateway.port}/;use_ssl=true${tokenPart}`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(untrusted)).toMatch(/cannot reach Spark Connect at localhost:\d+ \(UNAVAILABLE/);
    } finally {
      await gateway.close();
    }
  });

  it('stops a stream early without breaking the session', async () => {
    let seen = 0;
    for await (const batch of engine.stream('SELECT id FROM range(5000000)')) {
      seen += batch.length;
      break;
    }
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(5_000_000);
    expect(await engine.query('SELECT 41 + 1 AS answer')).toEqual([{ answer: 42 }]);
  });

  it('streams a few hundred thousand rows in several Arrow batches', async () => {
    const n = 300_000;
    let rows = 0;
    let batches = 0;
    let sum = 0;
    let lastTs = '';
    for await (const batch of engine.stream(`SELECT id, id * 2 AS twice, CONCAT('user-', CAST(id AS STRING)) AS name,
        TIMESTAMP '2024-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id) AS ts FROM range(${n})`)) {
      batches++;
      rows += batch.length;
      for (const row of batch) sum += row.twice as number;
      lastTs = batch[batch.length - 1].ts as string;
    }
    expect(rows).toBe(n);
    expect(sum).toBe(n * (n - 1));
    expect(batches).toBeGreaterThan(1);
    expect(lastTs).toBe('2024-01-04 11:19:59');
  });

  it('swaps a table in, keeping the data safe when the swap cannot happen', async () => {
    await engine.exec(`CREATE TABLE ${schema}.target AS SELECT 1 AS v`);
    await engine.exec(`CREATE TABLE ${schema}.target__new AS SELECT 2 AS v UNION ALL SELECT 3`);
    await engine.swapTable(`${schema}.target__new`, `${schema}.target`);
    expect(await engine.query(`SELECT v FROM ${schema}.target ORDER BY v`)).toEqual([{ v: 2 }, { v: 3 }]);
    const tables = (await engine.query(`SHOW TABLES IN ${schema}`)).map((r) => r.tableName);
    expect(tables.filter((t) => String(t).startsWith('target'))).toEqual(['target']);

    // The first build of a table: nothing to replace.
    await engine.exec(`CREATE TABLE ${schema}.fresh__new AS SELECT 'a' AS v`);
    await engine.swapTable(`${schema}.fresh__new`, `${schema}.fresh`);
    expect(await engine.query(`SELECT v FROM ${schema}.fresh`)).toEqual([{ v: 'a' }]);

    // A missing temp table fails and the old target is put back.
    await expect(engine.swapTable(`${schema}.missing__new`, `${schema}.target`)).rejects.toThrow(/TABLE_OR_VIEW_NOT_FOUND|cannot be found/);
    expect(await engine.query(`SELECT count(*) AS n FROM ${schema}.target`)).toEqual([{ n: 2 }]);
  });

  it('lists tables and columns as information_schema would', async () => {
    await engine.exec(`CREATE TABLE ${schema}.listed (a BIGINT, b VARCHAR, c DATE) PARTITIONED BY (c)`);
    await engine.exec(`CREATE OR REPLACE TEMP VIEW listed_view AS SELECT 1 AS v`);
    const tables = await engine.listTables(schema);
    expect(tables).toContainEqual({ table_schema: schema, table_name: 'listed' });
    expect(tables.map((t) => t.table_name)).not.toContain('listed_view');
    expect((await engine.listTables()).filter((t) => t.table_schema === schema)).toEqual(tables);
    // A schema that does not exist has no tables, as on DuckDB (ml/store.ts tableExists relies on it).
    expect(await engine.listTables(`${schema}_missing`)).toEqual([]);
    expect(await engine.listColumns(`${schema}.listed`)).toEqual([
      { column_name: 'a', data_type: 'BIGINT' },
      { column_name: 'b', data_type: 'STRING' },
      { column_name: 'c', data_type: 'DATE' },
    ]);
  });

  it('creates the warehouse schemas and every meta table (idempotently)', async () => {
    await ensureWarehouse(engine);
    await ensureWarehouse(engine);
    const schemas = (await engine.query('SHOW SCHEMAS')).map((r) => r.namespace);
    for (const s of SCHEMAS) expect(schemas).toContain(s);
    for (const [table, columns] of Object.entries(META_TABLES)) {
      const described = await engine.query(`DESCRIBE TABLE meta.${table}`);
      expect(described.map((r) => r.col_name)).toEqual(columns.split(',').map((c) => c.trim().split(' ')[0]));
    }
    const runId = `test-${schema}`;
    await engine.exec(
      sql`INSERT INTO meta.runs (run_id, started_at, status, engine, as_of_date) VALUES (${runId}, TIMESTAMP '2025-10-01 08:00:00.25', 'ok', 'spark', DATE '2025-10-01')`,
    );
    expect(await engine.query(sql`SELECT run_id, started_at, as_of_date, finished_at FROM meta.runs WHERE run_id = ${runId}`)).toEqual([
      { run_id: runId, started_at: '2025-10-01 08:00:00.25', as_of_date: '2025-10-01', finished_at: null },
    ]);
    await engine.exec(sql`DELETE FROM meta.runs WHERE run_id = ${runId}`).catch(() => undefined);
  });
});
