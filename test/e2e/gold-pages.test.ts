// The finished pages in Chromium over a warehouse built by the real pipeline (generate + run, scale
// 0.02): every page loads without console errors and draws data, filters change the numbers (checked
// against silver by hand-written SQL), <script> in a gold title stays text, and the report opened
// from disk shows the same numbers as the server. One browser for the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKpi } from '../../src/dashboard/format.js';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { buildReport } from '../../src/dashboard/report.js';
import { startServer, type DashboardServer } from '../../src/dashboard/server.js';
import { openReadOnly, withWarehouse } from '../../src/dashboard/warehouse.js';
import { computePage, warehouseFacts } from '../../src/dashboard/compute.js';
import { sql } from '../../src/engine/sql.js';
import { kpi } from '../../src/gold/kpis.js';
import { XSS } from '../dashboard/fixture.js';
import {
  ARTIFACTS,
  chartSeriesLengths,
  collectErrors,
  launchBrowser,
  viewNumbers,
  waitForPage,
  type Browser,
  viewStatuses,
} from './browser.js';
import { buildRealWarehouse, type RealWarehouse } from './real-warehouse.js';

let warehouse: RealWarehouse;
let server: DashboardServer;
let browser: Browser;
let reportDir: string;
let reportFile: string;
/** Worked out from silver with SQL of its own (not the dashboard's): the latest complete month and
 * its sessions for all accounts and for Canadian ones. */
let expected: { period: string; sessions: number; canadaSessions: number; mobileCanadaSessions: number };

beforeAll(async () => {
  warehouse = await buildRealWarehouse();
  const engine = await openReadOnly(warehouse.dir);
  try {
    const [row] = await engine.query<{ period: string; sessions: bigint; canada: bigint; mobile_canada: bigint }>(sql`
      WITH last AS (
        -- the last day with any activity, over every source the headline KPIs use
        SELECT max(d) AS d FROM (
          SELECT max(watch_date) AS d FROM silver.int_sessions_joined_to_titles UNION ALL
          SELECT max(recommendation_date) FROM silver.recommendation_logs UNION ALL
          SELECT max(search_date) FROM silver.search_logs UNION ALL SELECT max(review_date) FROM silver.reviews)
      ),
      month AS (SELECT CASE WHEN d = last_day(d) THEN date_trunc('month', d) ELSE date_trunc('month', d) - INTERVAL 1 MONTH END AS m FROM last)
      SELECT strftime(m, '%Y-%m') AS period, count(*) AS sessions,
        count(*) FILTER (WHERE s.user_country = 'Canada') AS canada,
        count(*) FILTER (WHERE s.user_country = 'Canada' AND s.device_type = 'Mobile') AS mobile_canada
      FROM silver.int_sessions_joined_to_titles s, month WHERE date_trunc('month', s.watch_date) = m GROUP BY m`);
    expected = {
      period: row.period,
      sessions: Number(row.sessions),
      canadaSessions: Number(row.canada),
      mobileCanadaSessions: Number(row.mobile_canada),
    };
  } finally {
    await engine.close();
  }
  server = await startServer({ warehouse: warehouse.dir, port: 0, pages: PAGES });
  reportDir = mkdtempSync(join(tmpdir(), 'marquee-report-'));
  reportFile = join(reportDir, 'dashboard.html');
  writeFileSync(reportFile, await buildReport({ warehouse: warehouse.dir, pages: PAGES, generatedAt: '2025-10-02 09:00 UTC' }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  warehouse?.cleanup();
  if (reportDir) rmSync(reportDir, { recursive: true, force: true });
});

/** Headline card texts by KPI name: value, change line and period note. */
function cards(page: Page): Promise<Record<string, { value: string; change: string; note: string }>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('.card')).map((c) => [
        c.dataset.kpi!,
        {
          value: c.querySelector('.card-value')!.textContent ?? '',
          change: c.querySelector('.card-change')!.textContent ?? '',
          note: c.querySelector('.note')?.textContent ?? '',
        },
      ]),
    ),
  );
}

/** Series data of one chart, from the live ECharts instance. */
function chartData(page: Page, id: string): Promise<Array<{ name: string; data: unknown[] }>> {
  return page.evaluate((viewId) => {
    const m = (
      window as unknown as { __marquee: { charts: Record<string, { getOption(): { series: Array<{ name: string; data: unknown[] }> } }> } }
    ).__marquee;
    return m.charts[viewId].getOption().series.map((s) => ({ name: s.name, data: s.data }));
  }, id);
}

async function goto(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await waitForPage(page);
}

const GOLD_PAGES = ['overview', 'engagement', 'content', 'recommendations', 'search', 'reviews', 'business'];
const BUILT_BY_ML = new Set(['search/intent-mix']);
/** Views comparing users exports: this warehouse has one export, so they say why they are empty. */
const NEED_TWO_EXPORTS = new Set(['business/churn-by-month', 'business/mrr-movement']);

describe('finished pages over a real gold layer, in Chromium', () => {
  it('every page loads without console errors and every gold view draws data', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    for (const spec of PAGES) {
      await goto(page, `/page/${spec.name}`);
      expect(await page.evaluate(() => document.body.dataset.state), spec.name).toBe('ready');
      const statuses = await viewStatuses(page);
      expect(Object.keys(statuses), spec.name).toEqual(spec.views.map((v) => v.id));
      if (GOLD_PAGES.includes(spec.name)) {
        // Views over tables an ML step builds say "missing" on this through-gold warehouse (search-page.test.ts has them built).
        for (const [id, status] of Object.entries(statuses)) {
          const key = `${spec.name}/${id}`;
          expect(status, key).toBe(BUILT_BY_ML.has(key) ? 'missing' : NEED_TWO_EXPORTS.has(key) ? 'empty' : 'ok');
          if (NEED_TWO_EXPORTS.has(key)) {
            expect(await page.locator(`section[data-view="${id}"]`).innerText(), key).toMatch(
              /need two or more exports of users .*this warehouse has 1\./,
            );
          }
        }
      }
      const lengths = await chartSeriesLengths(page);
      for (const view of spec.views) {
        if (statuses[view.id] !== 'ok' || !view.chart) continue;
        expect(Math.max(...(lengths[view.id] ?? [0])), `${spec.name}/${view.id} has data`).toBeGreaterThan(0);
      }
      // Every table a gold page shows has rows.
      for (const view of spec.views.filter((v) => v.table && statuses[v.id] === 'ok')) {
        expect(await page.locator(`section[data-view="${view.id}"] tbody tr`).count(), `${spec.name}/${view.id}`).toBeGreaterThan(0);
      }
      await page.screenshot({ path: join(ARTIFACTS, `gold-${spec.name}.png`), fullPage: true });
    }
    await goto(page, '/page/data-quality');
    const dq = await viewStatuses(page);
    expect([dq.scorecard, dq['scorecard-table'], dq.reconciliation]).toEqual(['ok', 'ok', 'ok']);
    await page.locator('section[data-view="scorecard"]').screenshot({ path: join(ARTIFACTS, 'gold-data-quality-scorecard.png') });
    const reconciliation = await page.locator('section[data-view="reconciliation"] tbody tr td:first-child').allTextContents();
    expect(reconciliation.length).toBeGreaterThan(5);
    // Built through gold only: every ML view says "not available yet" rather than failing.
    await goto(page, '/page/ml');
    const ml = Object.values(await viewStatuses(page));
    expect(ml.length).toBeGreaterThan(0);
    expect(ml.every((status) => status === 'missing')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('headline cards: latest complete month, its change, a sparkline; snapshot cards say why they have no change', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await goto(page, '/page/overview');
    const shown = await cards(page);
    expect(Object.keys(shown)).toEqual([
      'sessions',
      'watch_hours',
      'imputed_watch_hours',
      'completion_rate',
      'completed_low_progress_share',
      'ctr',
      'search_click_through',
      'avg_rating',
      'active_subscribers',
      'churn_rate',
      'mrr',
    ]);
    expect(shown.sessions.value).toBe(formatKpi(kpi('sessions'), expected.sessions));
    expect(shown.sessions.note).toBe(`Latest period: ${expected.period}`);
    for (const name of [
      'sessions',
      'watch_hours',
      'imputed_watch_hours',
      'completion_rate',
      'completed_low_progress_share',
      'ctr',
      'search_click_through',
      'avg_rating',
    ]) {
      // The first comparison line: against the month before, named (month on month).
      expect(shown[name].change, name).toMatch(/^[+−]\d+\.\d\u00a0(%|pp) vs \d{4}-\d{2}$/);
    }
    expect(shown.completion_rate.change).toMatch(/pp vs/);
    for (const name of ['active_subscribers', 'churn_rate', 'mrr']) {
      expect(shown[name].value, name).not.toBe('–');
      // One export of users: nothing to compare the snapshot with.
      expect(shown[name].change, name).toBe('no comparison: only one period (one export of users)');
    }
    const labels = await page.locator('.card-label').allTextContents();
    expect(labels.slice(0, 2)).toEqual([kpi('sessions').label, kpi('watch_hours').label]);
    const sparks = Object.keys(await chartSeriesLengths(page)).filter((k) => k.startsWith('headline-kpis:'));
    expect(sparks).toHaveLength(8);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changing a filter changes the numbers, matches silver, and stays in the URL', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await goto(page, '/page/overview');
    const before = await cards(page);
    await Promise.all([page.waitForURL(/country=Canada/, { timeout: 10_000 }), page.selectOption('select[name="country"]', 'Canada')]);
    await waitForPage(page);
    const canada = await cards(page);
    expect(canada.sessions.value).toBe(formatKpi(kpi('sessions'), expected.canadaSessions));
    expect(canada.sessions.value).not.toBe(before.sessions.value);
    expect(canada.watch_hours.value).not.toBe(before.watch_hours.value);
    // Snapshot cards are not filtered, and say so.
    expect(canada.mrr.value).toBe(before.mrr.value);
    expect(await page.locator('section[data-view="subscription-snapshot"] .note').first().textContent()).toBe(
      'Not affected by the filters.',
    );
    // A second filter through the UI; the URL keeps both.
    await Promise.all([page.waitForURL(/device=Mobile/, { timeout: 10_000 }), page.selectOption('select[name="device"]', 'Mobile')]);
    await waitForPage(page);
    expect(page.url()).toMatch(/country=Canada/);
    expect((await cards(page)).sessions.value).toBe(formatKpi(kpi('sessions'), expected.mobileCanadaSessions));
    expect((await chartData(page, 'monthly-trend')).map((s) => s.name)).toEqual(['Mobile']);
    await page.screenshot({ path: join(ARTIFACTS, 'gold-overview-canada-mobile.png'), fullPage: true });

    // The Engagement page keeps the filters from the URL and its charts change with them.
    await goto(page, '/page/engagement');
    const allDevices = await chartData(page, 'watch-hours-by-month');
    expect(allDevices.length).toBeGreaterThan(2);
    await goto(page, '/page/engagement?plan=Premium&device=Smart%20TV');
    expect(await page.locator('select[name="plan"]').inputValue()).toBe('Premium');
    const filtered = await chartData(page, 'watch-hours-by-month');
    expect(filtered.map((s) => s.name)).toEqual(['Smart TV']);
    const tvAll = allDevices.find((s) => s.name === 'Smart TV')!.data as number[];
    const tvPremium = filtered[0].data as number[];
    expect(tvPremium.reduce((a, b) => a + (b ?? 0), 0)).toBeLessThan(tvAll.reduce((a, b) => a + (b ?? 0), 0));
    expect((await chartData(page, 'completion-by-month')).map((s) => s.name)).toEqual(['Premium']);

    // A date range: only months wholly inside it count; the latest is the range's last full month.
    await goto(page, '/page/overview?from=2024-03-10&to=2024-09-20');
    const ranged = await cards(page);
    expect(ranged.sessions.note).toBe('Latest period: 2024-08');
    expect(await page.locator('input[name="from"]').inputValue()).toBe('2024-03-10');
    const trendMonths = await page.evaluate(
      () =>
        (
          window as unknown as { __marquee: { charts: Record<string, { getOption(): { xAxis: Array<{ data: string[] }> } }> } }
        ).__marquee.charts['monthly-trend'].getOption().xAxis[0].data,
    );
    expect(trendMonths).toEqual(['2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a <script> in a gold title or query is shown as text, in the table and the chart legend', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await goto(page, '/page/content');
    expect(await page.locator('section[data-view="top-titles"] td').allTextContents()).toContain(XSS);
    expect((await chartData(page, 'weekly-views-top')).map((s) => s.name)).toContain(XSS);
    await goto(page, '/page/search');
    expect(await page.locator('section[data-view="top-queries"] td').allTextContents()).toContain(XSS);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main section script').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the report opens from disk and shows the same numbers as the server on every page', async () => {
    const report = await browser.context.newPage();
    const reportErrors = collectErrors(report);
    const live = await browser.context.newPage();
    const requests: string[] = [];
    report.on('request', (r) => requests.push(r.url()));
    const base = pathToFileURL(reportFile).href;
    await report.goto(base);
    await waitForPage(report);
    for (const spec of PAGES) {
      await report.evaluate((name) => {
        location.hash = name;
      }, spec.name);
      await report.waitForFunction((name) => document.body.dataset.page === name && document.body.dataset.state !== 'loading', spec.name, {
        timeout: 10_000,
      });
      await waitForPage(report);
      await goto(live, `/page/${spec.name}`);
      expect(await viewNumbers(report), spec.name).toEqual(await viewNumbers(live));
      expect(await chartSeriesLengths(report), spec.name).toEqual(await chartSeriesLengths(live));
      if (spec.name === 'overview') {
        expect((await cards(report)).sessions.value).toBe(formatKpi(kpi('sessions'), expected.sessions));
        await report.screenshot({ path: join(ARTIFACTS, 'gold-report-overview.png'), fullPage: true });
      }
      if (spec.name === 'content') expect(await report.locator('section[data-view="top-titles"] td').allTextContents()).toContain(XSS);
    }
    expect(await report.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(requests.every((u) => u.startsWith(base))).toBe(true);
    expect(reportErrors).toEqual([]);
    await report.close();
    await live.close();
  });

  it('every chart on every page names both axes, value axes with a unit, and has a caption', async () => {
    let checked = 0;
    for (const spec of PAGES) {
      const result = await withWarehouse(warehouse.dir, (e) => computePage(e, spec, {}));
      for (const view of result.views) {
        expect(view.caption.length, `${spec.name}/${view.id}`).toBeGreaterThan(20);
        const option = view.chart?.option as { xAxis?: { type: string; name: string }; yAxis?: { type: string; name: string } } | undefined;
        if (!option?.xAxis) continue;
        for (const axis of [option.xAxis, option.yAxis!]) expect(axis.name.length, `${spec.name}/${view.id}`).toBeGreaterThan(2);
        const value = [option.xAxis, option.yAxis!].find((a) => a.type === 'value');
        if (value) expect(value.name, `${spec.name}/${view.id}`).toMatch(/\([^)]+\)$/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('the report computes every page as the server does: with the warehouse facts asked once, the same page', async () => {
    await withWarehouse(warehouse.dir, async (e) => {
      const facts = await warehouseFacts(e);
      expect(facts.tables.size).toBeGreaterThan(30);
      for (const spec of PAGES) expect(await computePage(e, spec, {}, facts), spec.name).toEqual(await computePage(e, spec, {}));
    });
  });

  it('the segment table adds up to the per-topic gold tables (filters lose no rows)', async () => {
    const engine = await openReadOnly(warehouse.dir);
    try {
      const [r] = await engine.query<Record<string, number>>(sql`
        SELECT
          (SELECT sum(sessions) FROM gold.kpi_daily_by_segment) - (SELECT sum(sessions) FROM gold.kpi_engagement_by_user_month) AS sessions_diff,
          (SELECT sum(watch_hours) FROM gold.kpi_daily_by_segment) - (SELECT sum(watch_hours) FROM gold.kpi_engagement_by_user_month) AS hours_diff,
          (SELECT sum(completed_sessions) / sum(sessions) FROM gold.kpi_daily_by_segment) - (SELECT sum(completion_rate * sessions) / sum(sessions) FROM gold.kpi_business_by_month) AS completion_diff,
          (SELECT sum(clicks) / sum(impressions) FROM gold.kpi_daily_by_segment) - (SELECT ctr FROM gold.kpi_recommendation_ctr WHERE dimension = 'overall') AS ctr_diff,
          (SELECT sum(searches_clicked) / sum(searches) FROM gold.kpi_daily_by_segment) - (SELECT search_click_through FROM gold.kpi_search WHERE dimension = 'overall') AS search_diff,
          (SELECT sum(rating_sum) / sum(rated_reviews) FROM gold.kpi_daily_by_segment) - (SELECT avg_rating FROM gold.kpi_reviews WHERE dimension = 'overall') AS rating_diff,
          (SELECT sum(reviews) FROM gold.kpi_daily_by_segment) - (SELECT reviews FROM gold.kpi_reviews WHERE dimension = 'overall') AS reviews_diff`);
      expect(Number(r.sessions_diff)).toBe(0);
      expect(Number(r.reviews_diff)).toBe(0);
      for (const key of ['hours_diff', 'completion_diff', 'ctr_diff', 'search_diff', 'rating_diff'])
        expect(Math.abs(Number(r[key])), key).toBeLessThan(1e-9);
    } finally {
      await engine.close();
    }
  });
});
