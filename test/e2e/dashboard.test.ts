// The dashboard in a real browser: every page loads without console errors, charts render with data,
// a filter change changes the numbers (and the URL), a <script> value stays text, and the static
// report opens from disk showing the same numbers as the server. One browser for the whole file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { buildReport } from '../../src/dashboard/report.js';
import { startServer, type DashboardServer } from '../../src/dashboard/server.js';
import { filterTestPage, makeFixtureWarehouse, XSS, type FixtureWarehouse } from '../dashboard/fixture.js';
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

const ALL_PAGES = [...PAGES, filterTestPage];
let fixture: FixtureWarehouse;
let server: DashboardServer;
let browser: Browser;
let reportDir: string;
let reportFile: string;

beforeAll(async () => {
  fixture = await makeFixtureWarehouse();
  server = await startServer({ warehouse: fixture.dir, port: 0, pages: ALL_PAGES });
  reportDir = mkdtempSync(join(tmpdir(), 'marquee-report-'));
  reportFile = join(reportDir, 'dashboard.html');
  writeFileSync(reportFile, await buildReport({ warehouse: fixture.dir, pages: ALL_PAGES, generatedAt: '2025-10-02 09:00 UTC' }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fixture?.cleanup();
  if (reportDir) rmSync(reportDir, { recursive: true, force: true });
});

async function checkRenderedPage(page: Page, name: string, errors: string[]): Promise<void> {
  await waitForPage(page);
  expect(await page.evaluate(() => document.body.dataset.state), name).toBe('ready');
  expect(errors, name).toEqual([]);
  const statuses = await viewStatuses(page);
  const spec = ALL_PAGES.find((p) => p.name === name)!;
  expect(Object.keys(statuses), name).toEqual(spec.views.map((v) => v.id));
  const lengths = await chartSeriesLengths(page);
  for (const view of spec.views) {
    if (statuses[view.id] !== 'ok' || !view.chart) continue;
    expect(lengths[view.id], `${name}/${view.id}`).toBeDefined();
    expect(Math.max(...lengths[view.id]), `${name}/${view.id} has data`).toBeGreaterThan(0);
  }
  for (const [id, status] of Object.entries(statuses)) {
    if (status === 'missing') {
      await expect(page.locator(`section[data-view="${id}"] .panel`).textContent()).resolves.toMatch(
        /^Not available yet: run the pipeline through/,
      );
    }
  }
}

describe('dashboard in Chromium', () => {
  it('every page loads from the server without console errors; meta pages draw their charts', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    for (const spec of ALL_PAGES) {
      await page.goto(`${server.url}/page/${spec.name}`);
      await checkRenderedPage(page, spec.name, errors);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${spec.name}.png`), fullPage: true });
    }
    await page.goto(`${server.url}/page/data-quality`);
    await waitForPage(page);
    expect(Object.values(await viewStatuses(page)).every((s) => s === 'ok')).toBe(true);
    expect(Object.keys(await chartSeriesLengths(page)).sort()).toEqual([
      'blank-rates',
      'check-history',
      'dedup',
      'failed-records-history',
      'quarantine',
      'scorecard',
      'updates',
    ]);
    await page.goto(`${server.url}/page/overview`);
    await waitForPage(page);
    // The hand-made fixture has no activity marts: those views say so; its scorecard is drawn.
    expect(Object.values(await viewStatuses(page))).toEqual(['missing', 'missing', 'missing', 'ok']);
    await page.close();
  });

  it('shows a <script> value as text, never runs it', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/page/data-quality`);
    await waitForPage(page);
    const cells = await page.locator('section[data-view="latest-checks"] td').allTextContents();
    expect(cells).toContain(XSS);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main section script').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changing a filter changes the numbers and keeps them in the URL', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/page/filter-test`);
    await waitForPage(page);
    const before = await viewNumbers(page);
    expect(before['by-month']).toEqual(['2025-01', '140', '2025-02', '180', '2025-03', '120']);
    await Promise.all([page.waitForURL(/country=Canada/, { timeout: 10_000 }), page.selectOption('select[name="country"]', 'Canada')]);
    await waitForPage(page);
    const after = await viewNumbers(page);
    expect(after['by-month']).toEqual(['2025-01', '40', '2025-02', '60', '2025-03', '30']);
    expect(after.cards[0]).toBe('30');
    expect(await page.locator('select[name="country"]').inputValue()).toBe('Canada');
    // The URL alone reproduces the view (shareable), with a second filter added.
    const shared = `${server.url}/page/filter-test?country=Canada&plan=Premium`;
    await page.goto(shared);
    await waitForPage(page);
    expect((await viewNumbers(page))['by-month']).toEqual(['2025-01', '40', '2025-02', '60']);
    expect((await chartSeriesLengths(page))['by-month']).toEqual([2]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-filter-test-filtered.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the report opens from disk, draws every page and shows the same numbers as the server', async () => {
    const report = await browser.context.newPage();
    const reportErrors = collectErrors(report);
    const live = await browser.context.newPage();
    const liveErrors = collectErrors(live);
    // Any request but the file itself would mean the report is not self-contained.
    const requests: string[] = [];
    report.on('request', (r) => requests.push(r.url()));
    const base = pathToFileURL(reportFile).href;
    await report.goto(base);
    for (const spec of ALL_PAGES) {
      // Same-document navigation: the hash picks the page, the embedded data is parsed once.
      await report.evaluate((name) => {
        location.hash = name;
      }, spec.name);
      await report.waitForFunction((name) => document.body.dataset.page === name && document.body.dataset.state !== 'loading', spec.name, {
        timeout: 10_000,
      });
      await checkRenderedPage(report, spec.name, reportErrors);
      await live.goto(`${server.url}/page/${spec.name}`);
      await waitForPage(live);
      expect(await viewNumbers(report), spec.name).toEqual(await viewNumbers(live));
      expect(await chartSeriesLengths(report), spec.name).toEqual(await chartSeriesLengths(live));
    }
    expect(requests.every((u) => u.startsWith(base))).toBe(true);
    // A fresh load straight onto a page's hash (a shared link to one page of the report).
    await report.goto(`${base}#data-quality`);
    await report.reload();
    await waitForPage(report);
    expect(await report.evaluate(() => document.body.dataset.page)).toBe('data-quality');
    expect(await report.locator('section[data-view="latest-checks"] td').allTextContents()).toContain(XSS);
    expect(await report.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const dqNumbers = (await viewNumbers(report))['latest-checks'];
    expect(dqNumbers).toContain('25');
    await report.screenshot({ path: join(ARTIFACTS, 'report-data-quality.png'), fullPage: true });
    // Hash navigation switches pages inside the file.
    await report.click('nav a[data-page="lineage"]');
    await report.waitForFunction(() => document.body.dataset.page === 'lineage', null, { timeout: 10_000 });
    await waitForPage(report);
    expect(Object.keys(await chartSeriesLengths(report))).toEqual(['dag', 'run-durations']);
    await report.screenshot({ path: join(ARTIFACTS, 'report-lineage.png'), fullPage: true });
    expect(reportErrors).toEqual([]);
    expect(liveErrors).toEqual([]);
    await report.close();
    await live.close();
  });
});
