// The Spark bronze reader numbers lines by physical order of the read. A file larger than one
// split is read by several tasks; this forces splits of 16 KB on a ~1.5 MB file (about 100 splits,
// more than the cluster has cores) and checks that every row still carries its own line number,
// also after a blank and a broken line. Needs a Spark Connect server (see helpers/spark.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkEngine } from '../../../src/engine/spark/engine.js';
import { BRONZE_METADATA_COLUMNS, bronzeSqlType, contractFor } from '../../../src/contracts/index.js';
import { QUARANTINE_COLUMNS } from '../../../src/warehouse/schema.js';
import { scanFile } from '../../../src/bronze/file-scan.js';
import { sparkCsvReader } from '../../../src/engine/spark/csv-reader.js';
import { SPARK_URL, scratchSchema, sparkIsUp } from '../helpers/spark.js';

const up = await sparkIsUp();
const LINES = 12_000;

describe.skipIf(!up)('Spark CSV reader line numbers across many splits', () => {
  let engine: SparkEngine;
  const schema = scratchSchema('csvlines');

  beforeAll(async () => {
    engine = await SparkEngine.connect(SPARK_URL);
    await engine.exec(`CREATE SCHEMA ${schema}`);
  }, 120_000);

  afterAll(async () => {
    await engine?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await engine?.close();
  });

  it('gives every row the line it is on', async () => {
    const contract = contractFor('movies');
    const header = contract.columns.map((c) => c.name).join(',');
    const row = (line: number) =>
      `movie_${String(line).padStart(5, '0')},Dark River,Movie,Drama,Thriller,2019,118.0,R,English,USA,7.2,25000000.0,98000000.0,,,True,2021-03-01,False`;
    const lines = [header];
    for (let line = 2; line <= LINES; line++) lines.push(line === 5000 ? '' : line === 7000 ? 'm_broken,too,few' : row(line));
    const dir = mkdtempSync(join(tmpdir(), 'marquee-spark-lines-'));
    const path = join(dir, 'movies.csv');
    writeFileSync(path, lines.join('\n') + '\n');

    const target = `${schema}.movies`;
    const quarantine = `${schema}.quarantine_movies`;
    const columns = [
      ...contract.columns.map((c) => `\`${c.name}\` ${bronzeSqlType(c)}`),
      ...BRONZE_METADATA_COLUMNS.map((c) => `${c.name} ${c.sqlType}`),
    ];
    await engine.exec(`CREATE TABLE ${target} (${columns.join(', ')})`);
    await engine.exec(`CREATE TABLE ${quarantine} (${QUARANTINE_COLUMNS})`);
    await engine.exec(`SET spark.sql.files.maxPartitionBytes=16384`);
    await engine.exec(`SET spark.sql.files.openCostInBytes=0`);
    const outcome = await sparkCsvReader.stageBatch(engine, {
      contract,
      path,
      sourceFile: path,
      fileColumns: contract.columns.map((c) => c.name),
      scan: await scanFile(path),
      lineOffset: 0,
      runId: 'r1',
      batchId: 'b1',
      ingestedAt: '2025-01-01 00:00:00.000',
      targetTable: target,
      quarantineTable: quarantine,
    });
    expect(outcome).toEqual({ recordsParsed: LINES - 3, rejectedLines: 1, rowsLoaded: LINES - 3, rowsQuarantined: 1 });
    const [partitions] = await engine.query(
      `SELECT count(DISTINCT b) AS n FROM (SELECT input_file_block_start() AS b FROM text.\`${path}\`)`,
    );
    expect(Number(partitions.n)).toBeGreaterThan(20);
    const wrong = await engine.query(
      `SELECT movie_id, _line_number FROM ${target} WHERE movie_id <> concat('movie_', lpad(CAST(_line_number AS STRING), 5, '0')) LIMIT 5`,
    );
    expect(wrong).toEqual([]);
    expect(await engine.query(`SELECT line_number, reason_code FROM ${quarantine}`)).toEqual([
      { line_number: 7000, reason_code: 'FIELD_COUNT' },
    ]);
  }, 300_000);
});
