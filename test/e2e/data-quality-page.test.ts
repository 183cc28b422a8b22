// The Data Quality page in a real browser: a pass / warn / fail column, worst first; sorting by it
// (either way) keeps severity order, so a passing check never sits among the failures; a check that
// always passed is never drawn as a failure (even when it counts records within its limit); and no
// label repeats its schema (bronze.bronze.users...).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { startServer, type DashboardServer } from '../../src/dashboard/server.js';
import { chartSeriesLengths, collectErrors, launchBrowser, waitForPage, type Browser } from './browser.js';

let dir: string;
let server: DashboardServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marquee-dq-page-'));
  const engine = await DuckDbEngine.open({ path: join(dir, 'marquee.duckdb') });
  try {
    await ensureWarehouse(engine);
    await engine.exec(`
      INSERT INTO meta.runs (run_id, started_at, finished_at, status) VALUES
        ('run_1', TIMESTAMP '2025-10-01 08:00:00', TIMESTAMP '2025-10-01 08:05:00', 'ok'),
        ('run_2', TIMESTAMP '2025-10-02 08:00:00', TIMESTAMP '2025-10-02 08:05:00', 'ok');
      INSERT INTO meta.check_results VALUES
        ('run_1', 'bronze', 'bronze.watch_history', 'user_rating_completeness', 'completeness', 'user_rating', 'warn', 'BLANK', 1600, 8400, true, NULL, TIMESTAMP '2025-10-01 08:01:00'),
        ('run_2', 'bronze', 'bronze.watch_history', 'user_rating_completeness', 'completeness', 'user_rating', 'warn', 'BLANK', 1590, 8410, true, NULL, TIMESTAMP '2025-10-02 08:01:00'),
        ('run_1', 'bronze', 'bronze.users', 'exact_duplicate_rows', 'unique', '_row_hash', 'warn', 'DUPLICATE_ROW', 1000, 30, false, '["user_00078"]', TIMESTAMP '2025-10-01 08:01:00'),
        ('run_2', 'bronze', 'bronze.users', 'exact_duplicate_rows', 'unique', '_row_hash', 'warn', 'DUPLICATE_ROW', 1000, 31, false, '["user_00078"]', TIMESTAMP '2025-10-02 08:01:00'),
        ('run_2', 'silver', 'silver.users', 'age_plausible', 'expression', 'age', 'warn', 'AGE_OUT_OF_RANGE', 1020, 10, false, '["user_00001"]', TIMESTAMP '2025-10-02 08:02:00'),
        ('run_2', 'silver', 'silver.users', 'user_id_unique', 'unique', 'user_id', 'fail', 'DUPLICATE_KEY', 1030, 0, true, NULL, TIMESTAMP '2025-10-02 08:02:00'),
        ('run_2', 'gold', 'gold.reconciliation', 'reconciled', 'expression', 'passed', 'fail', 'NOT_RECONCILED', 14, 1, false, '["watch_hours"]', TIMESTAMP '2025-10-02 08:03:00'),
        ('run_2', 'gold', 'gold.kpi_search', 'ctr_in_range', 'range', 'ctr', 'warn', 'KPI_RANGE', 40, 0, true, NULL, TIMESTAMP '2025-10-02 08:03:00');
    `);
  } finally {
    await engine.close();
  }
  server = await startServer({ warehouse: dir, port: 0 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The Status cells of the checks table, as shown, across its pages (25 rows a page). */
async function statusColumn(page: Page): Promise<string[]> {
  const cells = await page
    .locator('section[data-view="latest-checks"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLTableRowElement).cells[0].textContent ?? ''));
  return cells;
}

const SEVERITY = { fail: 0, warn: 1, pass: 2 } as const;
const inSeverityOrder = (statuses: string[], descending = false) =>
  statuses.every(
    (s, i) =>
      i === 0 || (SEVERITY[s as keyof typeof SEVERITY] - SEVERITY[statuses[i - 1] as keyof typeof SEVERITY]) * (descending ? -1 : 1) >= 0,
  );

describe('Data Quality page', () => {
  it('shows pass / warn / fail worst first, keeps that order when sorted by it, and never draws a passing check as a failure', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/page/data-quality`);
    await waitForPage(page);
    const section = page.locator('section[data-view="latest-checks"]');
    expect((await section.locator('thead th').first().textContent())?.trim()).toBe('Status');
    const shown = await statusColumn(page);
    expect(shown).toEqual(['fail', 'warn', 'warn', 'pass', 'pass', 'pass']);

    // Sorting by Status: first click fail -> pass, second pass -> fail; never fail, pass, warn (A to Z).
    await section.locator('thead th').first().locator('button').click();
    const ascending = await statusColumn(page);
    expect(inSeverityOrder(ascending)).toBe(true);
    expect(ascending[0]).toBe('fail');
    await section.locator('thead th').first().locator('button').click();
    const descending = await statusColumn(page);
    expect(inSeverityOrder(descending, true)).toBe(true);
    expect(descending.at(-1)).toBe('fail');

    // The chart of failed records draws only checks that did not pass in some run: the completeness
    // check (8,410 blanks within its limit, always passing) is not among them.
    const series = await page.evaluate(() => {
      const m = (window as unknown as { __marquee: { charts: Record<string, { getOption(): { series: Array<{ name?: string }> } }> } })
        .__marquee;
      return m.charts['failed-records-history'].getOption().series.map((s) => s.name);
    });
    expect(series.sort()).toEqual(['bronze.users.exact_duplicate_rows', 'gold.reconciliation.reconciled', 'silver.users.age_plausible']);
    expect(Object.keys(await chartSeriesLengths(page))).toContain('check-history');

    // No label names its schema twice.
    const text = await page.locator('main').innerText();
    const legends = await page.evaluate(() => {
      const m = (window as unknown as { __marquee: { charts: Record<string, { getOption(): { series: Array<{ name?: string }> } }> } })
        .__marquee;
      return Object.values(m.charts).flatMap((c) => c.getOption().series.map((s) => s.name ?? ''));
    });
    for (const label of [...text.split(/\s+/), ...legends]) expect(label).not.toMatch(/\b(bronze|silver|gold|ml)\.\1\./);
    expect(text).toContain('bronze.users');
    expect(errors).toEqual([]);
    await page.close();
  });
});
