// The quality report of the whole run: every layer's checks (worst first, with expectation,
// threshold, observed value, status and trend), profiles of several layers, masked PII samples, and
// still one offline HTML file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { loadConfig } from '../../src/config.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { profileTable, recordProfiles } from '../../src/quality/profile.js';
import { writeQualityReport } from '../../src/quality/report/index.js';
import { catalogKey } from '../../src/quality/report/expectation.js';
import type { CheckDefinition } from '../../src/quality/check.js';

const CHECKS = `
  ('run_1', 'bronze', 'bronze.users', 'exact_duplicate_rows', 'unique', '_row_hash', 'warn', 'DUPLICATE_ROW', 97, 3, false, '["u1"]', TIMESTAMP '2025-10-01 08:00:00'),
  ('run_2', 'bronze', 'bronze.users', 'exact_duplicate_rows', 'unique', '_row_hash', 'warn', 'DUPLICATE_ROW', 95, 5, false, '["u1"]', TIMESTAMP '2025-10-02 08:00:00'),
  ('run_2', 'bronze', 'bronze.users', 'email_present', 'not_null', 'email', 'warn', 'BLANK', 98, 2, false, '["ann@example.com","bob@example.com"]', TIMESTAMP '2025-10-02 08:00:00'),
  ('run_2', 'silver', 'silver.users', 'age_plausible', 'expression', 'age', 'warn', 'AGE_OUT_OF_RANGE', 100, 0, true, NULL, TIMESTAMP '2025-10-02 08:01:00'),
  ('run_2', 'silver', 'silver.watch_history', 'event_after_signup', 'expression', 'watch_date', 'warn', 'EVENT_BEFORE_SIGNUP', 90, 10, false, '["s9"]', TIMESTAMP '2025-10-02 08:01:00'),
  ('run_2', 'gold', 'gold.reconciliation', 'reconciled', 'expression', 'passed', 'fail', 'NOT_RECONCILED', 14, 1, false, '["watch_hours"]', TIMESTAMP '2025-10-02 08:02:00')`;

describe('quality report of the whole run', () => {
  it("lists every layer's checks worst first, with expectation, threshold, observed value and trend, in one offline file", async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await ensureWarehouse(engine);
      await engine.exec(
        `INSERT INTO meta.runs (run_id, started_at, status) VALUES ('run_1', TIMESTAMP '2025-10-01 08:00:00', 'ok'), ('run_2', TIMESTAMP '2025-10-02 08:00:00', 'ok')`,
      );
      await engine.exec(`INSERT INTO meta.check_results VALUES ${CHECKS}`);
      await engine.exec(`CREATE TABLE bronze.users AS SELECT * FROM (VALUES ('u1', 30.0), ('u1', 30.0), ('u2', NULL)) v(user_id, age)`);
      await engine.exec(`CREATE TABLE silver.users AS SELECT * FROM (VALUES ('u1', 30.0), ('u2', 41.0)) v(user_id, age)`);
      const cols = [
        { name: 'user_id', kind: 'string' as const, typeName: 'VARCHAR' },
        { name: 'age', kind: 'numeric' as const, typeName: 'DOUBLE' },
      ];
      await recordProfiles(engine, 'run_2', 'bronze', await profileTable(engine, 'bronze.users', cols));
      await recordProfiles(engine, 'run_2', 'silver', await profileTable(engine, 'silver.users', cols));
      const catalog = new Map<string, CheckDefinition>([
        [
          catalogKey('silver.users', 'age_plausible'),
          {
            name: 'age_plausible',
            kind: 'range',
            dataset: 'silver.users',
            column: 'age',
            action: 'warn',
            reasonCode: 'AGE_OUT_OF_RANGE',
            description: 'Age between 13 and 100.',
            params: { min: 13, max: 100 },
          },
        ],
      ]);
      const config = loadConfig({ warehouse: mkdtempSync(join(tmpdir(), 'marquee-report-all-')) });
      const written = await writeQualityReport(engine, config, 'run_2', { allLayers: true, catalog });
      const report = written.report;

      expect(report.title).not.toMatch(/bronze$/);
      expect(report.title).toMatch(/whole run/);
      expect(new Set(report.checks!.map((c) => c.layer))).toEqual(new Set(['bronze', 'silver', 'gold']));
      // Worst first: the failing gold check, then warns by failed share, the passing check last.
      expect(report.checks!.map((c) => [c.status, c.check])).toEqual([
        ['fail', 'reconciled'],
        ['warn', 'event_after_signup'],
        ['warn', 'exact_duplicate_rows'],
        ['warn', 'email_present'],
        ['pass', 'age_plausible'],
      ]);
      const age = report.checks!.find((c) => c.check === 'age_plausible')!;
      expect([age.expectation, age.threshold]).toEqual(['Age between 13 and 100.', '13 <= value <= 100; 0 records outside']);
      const dup = report.checks!.find((c) => c.check === 'exact_duplicate_rows')!;
      expect(dup.trend!.map((t) => t.failedRecords)).toEqual([3, 5]);
      expect(dup.failedShare).toBeCloseTo(0.05, 12);
      // Extra copies from the latest bronze run: 5 of 100 rows.
      expect(report.overview).toMatchObject({ duplicateRows: 5, duplicateShare: 0.05, checks: { fail: 1, warn: 3, pass: 1 } });
      expect(report.overview!.tables).toBe(2);
      expect(report.tables.map((t) => `${t.layer}:${t.dataset}`)).toEqual(
        expect.arrayContaining(['bronze:bronze.users', 'silver:silver.users', 'gold:gold.reconciliation']),
      );
      // PII samples are masked everywhere.
      const email = report.checks!.find((c) => c.check === 'email_present')!;
      expect(email.sample).toEqual(['[email masked, 15 chars]', '[email masked, 15 chars]']);

      const html = readFileSync(written.html, 'utf8');
      expect(html).not.toContain('example.com');
      expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<link');
      for (const heading of ['Overview', 'Every check of every layer, worst first']) expect(html).toContain(`<h2>${heading}</h2>`);
      expect(html).toContain('class="status-fail"');
      expect(html).toContain('<svg class="trend"');
      // Histograms of bronze and silver columns are drawn with ECharts (server-side SVG, inlined).
      expect(html).toMatch(/<div class="echart" role="img" aria-label="age: histogram of rows"><svg /);
      expect(JSON.parse(readFileSync(written.json, 'utf8')).checks).toHaveLength(5); // run_2's checks; run_1 only in the trend
    } finally {
      await engine.close();
    }
  });
});
