import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bronzeChecks } from '../../src/bronze/checks.js';
import { ingestAll } from '../../src/bronze/run.js';
import { runBronze } from './run-bronze.js';
import { CONTRACTS } from '../../src/contracts/index.js';
import { configFor, count, inputFolder, withEngine } from './helpers.js';

describe('bronze checks derived from the contracts', () => {
  const checks = bronzeChecks({ asOfDate: '2025-10-01', scale: 1 });

  it('has one completeness check per contract column and the table-level checks per table', () => {
    const columns = CONTRACTS.flatMap((t) => t.columns.map((c) => `bronze.${t.name}.${c.name}`));
    expect(checks.filter((c) => c.kind === 'completeness').map((c) => `${c.dataset}.${c.column}`)).toEqual(columns);
    for (const t of CONTRACTS) {
      const own = checks.filter((c) => c.dataset === `bronze.${t.name}`).map((c) => c.name);
      expect(own).toEqual(expect.arrayContaining(['not_empty', 'row_count_expected', 'exact_duplicate_rows', `${t.primaryKey}_unique`]));
    }
    expect(checks.filter((c) => c.kind === 'freshness').map((c) => c.dataset)).toEqual(
      CONTRACTS.filter((t) => t.eventDateColumn).map((t) => `bronze.${t.name}`),
    );
  });

  it('derives domains, ranges and relationships from the contract, with the expected blank rate as the bound', () => {
    const fks = CONTRACTS.flatMap((t) => t.columns.filter((c) => c.foreignKey).map((c) => `bronze.${t.name}.${c.name}`));
    expect(checks.filter((c) => c.kind === 'relationship').map((c) => `${c.dataset}.${c.column}`)).toEqual(fks);
    const gender = checks.find((c) => c.dataset === 'bronze.users' && c.name === 'gender_in_domain');
    expect(gender?.params?.values).toEqual(['Female', 'Male', 'Prefer not to say', 'Other']);
    expect(checks.find((c) => c.dataset === 'bronze.users' && c.name === 'age_completeness')?.params).toEqual({
      maxBlankRate: 0.12 + 0.05,
    });
    expect(checks.find((c) => c.dataset === 'bronze.users' && c.name === 'user_id_completeness')?.params).toEqual({ maxBlankRate: 0 });
    expect(checks.find((c) => c.name === 'created_at_in_range')?.kind).toBe('expression');
    expect(checks.find((c) => c.name === 'user_rating_in_range')?.params).toMatchObject({ min: 1, max: 5 });
  });
});

describe('runBronze', () => {
  it('records check results, profiles and the quality report for the good fixtures', async () => {
    await withEngine(async (engine) => {
      const config = configFor(inputFolder());
      const result = await runBronze(engine, config, 'run-1');
      const byName = (dataset: string, name: string) => result.checks.find((c) => c.dataset === dataset && c.check === name)!;
      // users has an exact copy of user_00002: one extra copy fails (the sample names both copies), movies has none.
      expect(byName('bronze.users', 'exact_duplicate_rows')).toMatchObject({
        passed: false,
        failedRecords: 1,
        passedRecords: 5,
        sample: ['user_00002', 'user_00002'],
      });
      expect(byName('bronze.users', 'user_id_unique')).toMatchObject({ passed: false, failedRecords: 1 });
      expect(byName('bronze.movies', 'movie_id_unique')).toMatchObject({ passed: true, failedRecords: 0 });
      expect(byName('bronze.watch_history', 'user_id_exists_in_users')).toMatchObject({ passed: true, passedRecords: 6 });
      expect(byName('bronze.watch_history', 'watch_date_fresh')).toMatchObject({ passed: true });
      expect(byName('bronze.users', 'not_empty')).toMatchObject({ passed: true, action: 'fail' });
      // Plus one file_age row per ingested file.
      expect(await count(engine, 'meta.check_results', `run_id = 'run-1' AND layer = 'bronze'`)).toBe(
        result.checks.length + CONTRACTS.length,
      );
      expect(await count(engine, 'meta.column_profiles', `run_id = 'run-1'`)).toBe(CONTRACTS.reduce((s, t) => s + t.columns.length, 0));
      const [budget] = await engine.query(
        `SELECT blank_count, structural_blank_count, expected_blank_pct FROM meta.column_profiles WHERE column_name = 'production_budget'`,
      );
      // Budgets are blank for the series, stand-up and the second Movie; only the Movie's blank is truly missing.
      expect(budget).toEqual({ blank_count: 4, structural_blank_count: 3, expected_blank_pct: 0.65 });
      const report = JSON.parse(readFileSync(result.report!.json, 'utf8'));
      expect(report.tables.map((t: { dataset: string }) => t.dataset)).toEqual(CONTRACTS.map((t) => `bronze.${t.name}`));
      expect(readFileSync(result.report!.html, 'utf8')).toContain('<h2>bronze.users</h2>');
    });
  });

  it('records the age of each source file and flags a stale one', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      utimesSync(join(input, 'movies.csv'), new Date('2025-09-01T00:00:00Z'), new Date('2025-09-01T00:00:00Z'));
      await ingestAll(engine, configFor(input), 'run-1', { now: () => new Date('2025-09-11T00:00:00Z') });
      const rows = await engine.query(
        `SELECT dataset, passed, sample FROM meta.check_results WHERE check_name = 'file_age' AND dataset IN ('bronze.movies', 'bronze.users') ORDER BY dataset`,
      );
      expect(rows[0]).toMatchObject({ dataset: 'bronze.movies', passed: false });
      expect(JSON.parse(String(rows[0].sample))[0]).toMatch(
        /movies\.csv last modified 2025-09-01T00:00:00.000Z, 10.0 days before ingestion/,
      );
      expect(rows[1]).toMatchObject({ dataset: 'bronze.users', passed: true });
    });
  });

  it('flags orphan keys and an empty table', async () => {
    await withEngine(async (engine) => {
      const result = await runBronze(engine, configFor(inputFolder('header-only')), 'run-1');
      expect(result.checks.find((c) => c.dataset === 'bronze.movies' && c.check === 'not_empty')).toMatchObject({
        passed: false,
        action: 'fail',
      });
      const orphans = result.checks.find((c) => c.dataset === 'bronze.watch_history' && c.check === 'movie_id_exists_in_movies');
      expect(orphans).toMatchObject({ passed: false, failedRecords: 6 });
    });
  });
});
