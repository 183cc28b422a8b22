// The report's parts computed from the tables themselves, each against a hand computation on a tiny
// fixture: histogram counts (drawn with ECharts, counts listed under the chart), Pearson
// correlations, the missing-value matrix, and whole failing rows with personal data pseudonymised.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { loadConfig } from '../../src/config.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { profileTable, recordProfiles, type ProfileColumn } from '../../src/quality/profile.js';
import { writeQualityReport } from '../../src/quality/report/index.js';
import { catalogKey } from '../../src/quality/report/expectation.js';
import { correlationMatrix } from '../../src/quality/report/correlations.js';
import { missingMatrix } from '../../src/quality/report/missing-matrix.js';
import { failingRows } from '../../src/quality/report/failing-rows.js';
import { pseudonymOf, pseudonymOfColumn } from '../../src/silver/pseudonym-key.js';
import type { CheckDefinition } from '../../src/quality/check.js';

const num = (name: string): ProfileColumn => ({ name, kind: 'numeric', typeName: 'DOUBLE' });
const text = (name: string): ProfileColumn => ({ name, kind: 'string', typeName: 'VARCHAR' });

/** Pearson's r by the textbook formula over the pairs where both are present. */
function pearson(xs: Array<number | null>, ys: Array<number | null>): number {
  const pairs = xs.map((x, i) => [x, ys[i]] as const).filter(([x, y]) => x !== null && y !== null) as Array<[number, number]>;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / pairs.length;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / pairs.length;
  const sxy = pairs.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = pairs.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const syy = pairs.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return sxy / Math.sqrt(sxx * syy);
}

let engine: Engine;
beforeEach(async () => {
  engine = await DuckDbEngine.open({ path: ':memory:' });
  await ensureWarehouse(engine);
  await engine.exec(`INSERT INTO meta.runs (run_id, started_at, status) VALUES ('run_1', TIMESTAMP '2025-10-01 08:00:00', 'ok')`);
});
afterEach(async () => engine.close());

describe('histograms in the report', () => {
  it('count the rows of each bin as a hand count does, and list those counts under the ECharts chart', async () => {
    // min 1, max 10, 20 bins of 0.45: 1 -> bin 0, 2 and 2 -> bin 2 (1/0.45 = 2.2), 3 -> bin 4 (4.4), 10 -> the last bin.
    await engine.exec(`CREATE TABLE bronze.users AS SELECT * FROM (VALUES (1.0), (2.0), (2.0), (3.0), (10.0), (NULL)) v(age)`);
    await recordProfiles(engine, 'run_1', 'bronze', await profileTable(engine, 'bronze.users', [num('age')]));
    const config = loadConfig({ warehouse: mkdtempSync(join(tmpdir(), 'marquee-report-hist-')) });
    const written = await writeQualityReport(engine, config, 'run_1', { layer: 'bronze' });
    const hand = new Array<number>(20).fill(0);
    hand[0] = 1;
    hand[2] = 2;
    hand[4] = 1;
    hand[19] = 1;
    const age = written.report.tables[0].columns[0];
    expect(age.histogram!.counts).toEqual(hand);
    const html = readFileSync(written.html, 'utf8');
    expect(html).toMatch(/<div class="echart" role="img" aria-label="age: histogram of rows"><svg /);
    // The counts under the chart: one row per bin, the bin's range and its rows.
    const bins = [...html.matchAll(/<tr><td>([^<]*)<\/td><td class="num">(\d+)<\/td><\/tr>/g)].map((m) => [m[1], Number(m[2])]);
    expect(bins.map(([, n]) => n)).toEqual(hand);
    expect(bins[0][0]).toBe('1 – 1.45');
    expect(bins[19][0]).toBe('9.55 – 10');
  });
});

describe('numeric correlations', () => {
  it("equal Pearson's r computed by hand, over the rows where both values are present", async () => {
    const x = [1, 2, 3, 4, 5, null];
    const y = [2, 4, 5, 4, 5, 7];
    const z = [9, 7, 8, 3, null, 1];
    const rows = x.map((_, i) => `(${x[i] ?? 'NULL'}, ${y[i]}, ${z[i] ?? 'NULL'}, 'k${i}')`).join(', ');
    await engine.exec(`CREATE TABLE silver.t AS SELECT * FROM (VALUES ${rows}) v(x, y, z, k)`);
    const profiles = await profileTable(engine, 'silver.t', [num('x'), num('y'), num('z'), text('k')]);
    const m = (await correlationMatrix(engine, 'silver.t', profiles))!;
    expect(m.columns).toEqual(['x', 'y', 'z']);
    expect(m.r[0][1]).toBeCloseTo(pearson(x, y), 12);
    expect(m.r[0][2]).toBeCloseTo(pearson(x, z), 12);
    expect(m.r[1][2]).toBeCloseTo(pearson(y, z), 12);
    expect(m.r[2][1]).toBe(m.r[1][2]);
    expect(m.r[0][1]).toBeCloseTo(0.7745966692, 9); // hand: sxy 6, sxx 10, syy 6
    expect(m.pairs).toEqual([
      [5, 5, 4],
      [5, 6, 5],
      [4, 5, 5],
    ]);
  });
});

describe('missing-value matrix', () => {
  it('counts the rows where two columns are blank together, and the most frequent patterns', async () => {
    // a and b blank together twice; a alone once; c (text) blank or empty in rows 2 and 4; one complete row.
    await engine.exec(`CREATE TABLE bronze.t AS SELECT * FROM (VALUES
      (NULL, NULL, 'x'), (NULL, NULL, ''), (NULL, 1.0, 'x'), (1.0, 2.0, NULL), (1.0, 2.0, 'x'), (2.0, 3.0, 'x')) v(a, b, c)`);
    const profiles = await profileTable(engine, 'bronze.t', [num('a'), num('b'), text('c')]);
    const m = (await missingMatrix(engine, 'bronze.t', profiles))!;
    expect(m.rowCount).toBe(6);
    expect(m.columns).toEqual(['a', 'b', 'c']);
    expect(m.bothBlank).toEqual([
      [3, 2, 1],
      [2, 2, 1],
      [1, 1, 2],
    ]);
    expect(m.patterns).toEqual([
      { blank: [false, false, false], rows: 2 },
      { blank: [false, false, true], rows: 1 },
      { blank: [true, false, false], rows: 1 },
      { blank: [true, true, false], rows: 1 },
      { blank: [true, true, true], rows: 1 },
    ]);
    expect(await missingMatrix(engine, 'bronze.t', [{ ...profiles[0], blankCount: 0 }])).toBeNull();
  });
});

describe('sample failing rows', () => {
  const genderCheck: CheckDefinition = {
    name: 'gender_allowed',
    kind: 'accepted_values',
    dataset: 'bronze.users',
    column: 'gender',
    action: 'warn',
    reasonCode: 'BAD_VALUE',
    description: 'Gender from the list.',
    params: { values: ['Female', 'Male'] },
  };

  beforeEach(async () => {
    await engine.exec(`CREATE TABLE bronze.users AS SELECT * FROM (VALUES
      ('user_00001', ' Ann@Example.com ', 'Ann', 'Female'), ('user_00002', 'bob@example.com', 'Bob', 'Robot'), ('user_00003', NULL, 'Cy', 'Alien')
    ) v(user_id, email, first_name, gender)`);
  });

  it("are whole rows, every column, with personal columns as silver's keyed pseudonyms", async () => {
    const key = Buffer.from('a test key of sixteen or more characters');
    const rows = (await failingRows(engine, genderCheck, (column, value) => pseudonymOfColumn(key, column, value)))!;
    expect(rows.columns).toEqual(['user_id', 'email (pseudonym)', 'first_name (pseudonym)', 'gender']);
    expect(rows.rows).toEqual([
      ['user_00002', pseudonymOf(key, 'bob@example.com'), pseudonymOf(key, 'Bob'), 'Robot'],
      ['user_00003', '', pseudonymOf(key, 'Cy'), 'Alien'],
    ]);
    expect(rows.personalData).toBe('pseudonymised');
    // The same normalisation as silver's email pseudonym: trimmed and lower-cased.
    expect(pseudonymOfColumn(key, 'email', ' Ann@Example.com ')).toBe(pseudonymOf(key, 'ann@example.com'));
  });

  it('are masked without a pseudonymiser, and reach the report without a raw personal value', async () => {
    const masked = (await failingRows(engine, genderCheck))!;
    expect(masked.rows[0]).toEqual(['user_00002', '[email masked]', '[first_name masked]', 'Robot']);
    await engine.exec(`INSERT INTO meta.check_results VALUES
      ('run_1', 'bronze', 'bronze.users', 'gender_allowed', 'accepted_values', 'gender', 'warn', 'BAD_VALUE', 1, 2, false, '["user_00002","user_00003"]', TIMESTAMP '2025-10-01 08:00:00')`);
    const config = loadConfig({ warehouse: mkdtempSync(join(tmpdir(), 'marquee-report-rows-')) });
    const catalog = new Map([[catalogKey(genderCheck.dataset, genderCheck.name), genderCheck]]);
    const written = await writeQualityReport(engine, config, 'run_1', { layer: 'bronze', catalog });
    expect(written.report.checks![0].failingRows!.rows).toHaveLength(2);
    const html = readFileSync(written.html, 'utf8');
    expect(html).toContain('<td>Robot</td>');
    expect(html).not.toMatch(/bob@example\.com|>Bob<|>Cy</);
  });
});
