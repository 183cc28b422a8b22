// The dashboard as an analyst uses it, on a real warehouse in Chromium: CSV/PNG export
// whose numbers equal the table on screen (server and static report), sorting and paging, typing a
// date, errors inside the page with a reset link, the lineage graph within the viewport with every
// check's status from its result, drill-down and back, failing searches, computed notes, the as-of
// line, the device filter's values, the dark theme, and screenshots of each page at two widths.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCell, formatKpi } from '../../src/dashboard/format.js';
import { kpi } from '../../src/gold/kpis.js';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { buildReport } from '../../src/dashboard/report.js';
import { startServer, type DashboardServer } from '../../src/dashboard/server.js';
import type { Row } from '../../src/engine/engine.js';
import type { TableColumn } from '../../src/dashboard/views.js';
import { ARTIFACTS, collectErrors, launchBrowser, waitForPage, type Browser } from './browser.js';
import { buildRealWarehouse, queryWarehouse, type RealWarehouse } from './real-warehouse.js';

let warehouse: RealWarehouse;
let server: DashboardServer;
let browser: Browser;
let reportDir: string;
let reportFile: string;
const SHOTS = join(ARTIFACTS, 'screenshots');

const query = (text: string): Promise<Row[]> => queryWarehouse(warehouse.dir, text);

beforeAll(async () => {
  warehouse = await buildRealWarehouse();
  server = await startServer({ warehouse: warehouse.dir, port: 0, pages: PAGES });
  reportDir = mkdtempSync(join(tmpdir(), 'marquee-report-'));
  reportFile = join(reportDir, 'dashboard.html');
  writeFileSync(reportFile, await buildReport({ warehouse: warehouse.dir, pages: PAGES, generatedAt: '2025-10-02 09:00 UTC' }));
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  warehouse?.cleanup();
  if (reportDir) rmSync(reportDir, { recursive: true, force: true });
});

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await waitForPage(page);
}

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

/** Click a CSV button in a section and return the parsed file. */
async function downloadCsv(page: Page, selector: string): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), rows: parseCsv(readFileSync(path!, 'utf8')) };
}

/** The cells of the visible page of a view's (first) table. */
function screenCells(page: Page, view: string): Promise<string[][]> {
  return page
    .locator(`section[data-view="${view}"] .table-block`)
    .first()
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
}

function columnsOf(pageName: string, view: string): readonly TableColumn[] {
  return PAGES.find((p) => p.name === pageName)!.views.find((v) => v.id === view)!.table!;
}

/** The CSV's raw values, formatted as the table formats them, must be the text on screen, row by row. */
function expectCsvEqualsScreen(csv: string[][], screen: string[][], columns: readonly TableColumn[]): void {
  expect(csv[0].length).toBe(columns.length);
  for (let r = 0; r < screen.length; r++) {
    const shown = columns.map((c, i) =>
      formatCell(
        csv[r + 1][i] === '' ? null : c.format === 'text' || c.format === 'date' ? csv[r + 1][i].replace(/^'/, '') : Number(csv[r + 1][i]),
        c.format,
      ),
    );
    expect(shown, `row ${r + 1}`).toEqual(screen[r]);
  }
}

describe('the dashboard for an analyst (real warehouse, Chromium)', () => {
  it('exports a table as CSV whose numbers equal the table on screen, in the sorted order, all pages of it', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await open(page, '/page/search');
    const view = 'unclicked-queries';
    const columns = columnsOf('search', view);
    const [{ n }] = await query(`SELECT count(*) AS n FROM gold.search_top_queries WHERE round(searches * (1 - search_click_through)) > 0`);
    let csv = await downloadCsv(page, `section[data-view="${view}"] .table-block button[data-export="csv"]`);
    expect(csv.name).toBe(`search-${view}.csv`);
    expect(csv.rows.length - 1).toBe(Number(n));
    expectCsvEqualsScreen(csv.rows, await screenCells(page, view), columns);
    // Sort by searches (largest first), then reverse: the export follows the order on screen.
    const header = page.locator(`section[data-view="${view}"] th[data-key="searches"] button`);
    await header.click();
    expect(await page.locator(`section[data-view="${view}"] th[data-key="searches"]`).getAttribute('aria-sort')).toBe('descending');
    const sorted = (await screenCells(page, view)).map((r) => Number(r[3].replace(/,/g, '')));
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    await header.click();
    const ascending = (await screenCells(page, view)).map((r) => Number(r[3].replace(/,/g, '')));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    csv = await downloadCsv(page, `section[data-view="${view}"] .table-block button[data-export="csv"]`);
    expectCsvEqualsScreen(csv.rows, await screenCells(page, view), columns);
    // Paging: 25 rows a page, Next shows the next 25, the last page has the rest.
    const section = page.locator(`section[data-view="${view}"]`);
    expect(await section.locator('tbody tr').count()).toBe(Math.min(25, Number(n)));
    if (Number(n) > 25) {
      await section.locator('button[data-role="next"]').click();
      expect(await section.locator('[data-role="range"]').textContent()).toMatch(
        new RegExp(`^Rows 26–${Math.min(50, Number(n))} of ${Number(n)}`),
      );
      expect((await screenCells(page, view))[0]).toEqual(
        (csv.rows[26] ?? []).length
          ? columns.map((c, i) => formatCell(c.format === 'text' ? csv.rows[26][i] : Number(csv.rows[26][i]), c.format))
          : [],
      );
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the checks table shows every check of the latest run across its pages', async () => {
    const page = await browser.context.newPage();
    await open(page, '/page/data-quality');
    const [{ n }] = await query(
      `SELECT count(*) AS n FROM meta.check_results WHERE run_id = (SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1)`,
    );
    const section = page.locator('section[data-view="latest-checks"]');
    let seen = await section.locator('tbody tr').count();
    while (await section.locator('button[data-role="next"]').isEnabled()) {
      await section.locator('button[data-role="next"]').click();
      seen += await section.locator('tbody tr').count();
    }
    expect(seen).toBe(Number(n));
    expect(Number(n)).toBeGreaterThan(200);
    await page.close();
  });

  it('exports each chart as CSV and PNG, and shows its data as a table', async () => {
    const page = await browser.context.newPage();
    await open(page, '/page/business');
    const csv = await downloadCsv(page, 'section[data-view="mrr-by-plan"] .chart-extras button[data-export="csv"]');
    const mrr = await query(`SELECT value AS plan, mrr FROM gold.kpi_churn_by_segment WHERE dimension = 'plan' ORDER BY mrr DESC`);
    expect(csv.rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(mrr.map((r) => [r.plan, Number(r.mrr)]));
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.click('section[data-view="mrr-by-plan"] button[data-export="png"]'),
    ]);
    expect(png.suggestedFilename()).toBe('business-mrr-by-plan.png');
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    await page.click('section[data-view="mrr-by-plan"] details.chart-data summary');
    // The table is built on the details' toggle event, which fires after the click returns.
    const tableRows = page.locator('section[data-view="mrr-by-plan"] details.chart-data tbody tr');
    await tableRows.first().waitFor();
    expect(await tableRows.count()).toBe(mrr.length);
    await page.close();
  });

  it('a date applies only once it is typed in full; a half-typed year is refused', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await open(page, '/page/overview');
    const navigations: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    await page.click('input[name="from"]');
    for (const key of '03152025') {
      await page.keyboard.type(key);
      await page.waitForTimeout(60);
    }
    expect(navigations).toEqual([]);
    expect(await page.locator('input[name="from"]').inputValue()).toBe('2025-03-15');
    await Promise.all([page.waitForURL(/from=2025-03-15/, { timeout: 10_000 }), page.keyboard.press('Enter')]);
    await waitForPage(page);
    expect(await page.locator('input[name="from"]').inputValue()).toBe('2025-03-15');
    // Year 0002 (one digit typed) is not applied on blur: the bar says why and the URL stays.
    await page.click('input[name="to"]');
    await page.keyboard.type('06012');
    await page.locator('select[name="plan"]').focus();
    await page.waitForTimeout(300);
    expect(page.url()).not.toMatch(/to=/);
    expect(await page.locator('.filter-error').textContent()).toMatch(/year 1900 or later/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reversed range or a bad value shows the error inside the page with a reset link (server and report)', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    const response = await page.goto(`${server.url}/page/engagement?from=2025-05-01&to=2025-01-01`);
    expect(response?.status()).toBe(400);
    await waitForPage(page);
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('error');
    expect(await page.locator('[data-role="page-error"]').textContent()).toMatch(/'from' \(2025-05-01\) is after 'to' \(2025-01-01\)/);
    expect(await page.locator('nav a').count()).toBeGreaterThan(5);
    await Promise.all([page.waitForURL(`${server.url}/page/engagement`), page.click('[data-role="page-error"] a[data-role="reset"]')]);
    await waitForPage(page);
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
    await page.goto(`${server.url}/page/overview?device=Toaster`);
    await waitForPage(page);
    expect(await page.locator('[data-role="page-error"]').textContent()).toMatch(/Filter 'device' got "Toaster"/);
    await page.screenshot({ path: join(SHOTS, 'error-page-1366.png') });
    // The report: an unknown page in the hash.
    await page.goto(`${pathToFileURL(reportFile).href}#no-such-page`);
    await waitForPage(page);
    expect(await page.locator('[data-role="page-error"]').textContent()).toMatch(/no page "no-such-page"/);
    await page.click('[data-role="page-error"] a[data-role="reset"]');
    await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.page === 'overview', null, {
      timeout: 10_000,
    });
    // Console errors: only the 400 of the bad URLs themselves.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  });

  it('draws the lineage left to right within the viewport, checks folded into their tables with counts from their results', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await open(page, '/page/lineage');
    const box = await page.locator('section[data-view="dag"] .chart').boundingBox();
    expect(box!.height).toBeLessThanOrEqual(900);
    expect(box!.width).toBeLessThanOrEqual(1366);
    const nodes = await page.evaluate(() => {
      const m = (
        window as unknown as {
          __marquee: {
            charts: Record<
              string,
              {
                getOption(): {
                  series: Array<{ data: Array<{ name: string; x: number; checks?: Record<string, number> }>; roam: unknown }>;
                };
              }
            >;
          };
        }
      ).__marquee;
      const series = m.charts.dag.getOption().series[0];
      return { roam: series.roam, data: series.data.map((d) => ({ name: d.name, x: d.x, checks: d.checks })) };
    });
    expect(nodes.roam).toBe(true);
    expect(nodes.data.some((n) => n.name.includes(':'))).toBe(false);
    const expected = await query(`
      WITH run AS (SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1),
      results AS (SELECT dataset, check_name, CASE WHEN bool_and(passed) THEN 'pass' WHEN bool_and(passed OR action = 'warn') THEN 'warn' ELSE 'fail' END AS result
        FROM meta.check_results WHERE run_id = (SELECT run_id FROM run) GROUP BY ALL)
      SELECT l.downstream AS tbl, count(*) FILTER (WHERE r.result = 'pass') AS pass, count(*) FILTER (WHERE r.result = 'warn') AS warn,
        count(*) FILTER (WHERE r.result = 'fail') AS fail, count(*) FILTER (WHERE r.result IS NULL) AS not_run
      FROM meta.lineage l LEFT JOIN results r ON l.upstream = r.dataset || ':' || r.check_name
      WHERE l.run_id = (SELECT run_id FROM run) AND l.kind = 'guards' GROUP BY ALL ORDER BY tbl`);
    const shown = Object.fromEntries(nodes.data.filter((n) => n.checks).map((n) => [n.name, n.checks]));
    expect(Object.keys(shown).sort()).toEqual(expected.map((r) => String(r.tbl)));
    for (const r of expected) {
      expect(shown[String(r.tbl)], String(r.tbl)).toEqual({
        pass: Number(r.pass),
        warn: Number(r.warn),
        fail: Number(r.fail),
        notRun: Number(r.not_run),
      });
    }
    // Every check that ran is counted under its result (none shown as unknown).
    const ran = await query(
      `SELECT count(DISTINCT dataset || ':' || check_name) AS n FROM meta.check_results WHERE run_id = (SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1)`,
    );
    const counted = expected.reduce((s, r) => s + Number(r.pass) + Number(r.warn) + Number(r.fail), 0);
    expect(counted).toBe(Number(ran[0].n));
    // Left to right: every feeds edge points right.
    const x = new Map(nodes.data.map((n) => [n.name, n.x]));
    const edges = await query(
      `SELECT upstream, downstream FROM meta.lineage WHERE kind = 'feeds' AND run_id = (SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1)`,
    );
    for (const e of edges)
      expect(x.get(String(e.upstream))!, `${String(e.upstream)} -> ${String(e.downstream)}`).toBeLessThan(x.get(String(e.downstream))!);
    await page.close();
  });

  it('drills down from a title row and a plan bar, and back', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await open(page, '/page/content');
    const [top] = await query(`SELECT movie_id, views FROM gold.kpi_content_by_title ORDER BY popularity_rank, title LIMIT 1`);
    const link = page.locator('section[data-view="top-titles"] a.drill').first();
    await Promise.all([page.waitForURL(/\/page\/title\?title=/), link.click()]);
    await waitForPage(page);
    expect(new URL(page.url()).searchParams.get('title')).toBe(String(top.movie_id));
    const statuses = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('section.view')).map((s) => `${s.dataset.view}:${s.className}`),
    );
    expect(statuses).toEqual(
      expect.arrayContaining(['title-facts:view status-ok', 'title-kpis:view status-ok', 'title-weekly-views:view status-ok']),
    );
    expect(await page.locator('section[data-view="title-kpis"] [data-kpi="views"] .card-value').textContent()).toBe(
      formatKpi(kpi('views'), Number(top.views)),
    );
    const weekly = await query(`SELECT sum(views) AS v FROM gold.kpi_content_by_title_week WHERE movie_id = '${String(top.movie_id)}'`);
    const drawn = await page.evaluate(() => {
      const m = (window as unknown as { __marquee: { charts: Record<string, { getOption(): { series: Array<{ data: number[] }> } }> } })
        .__marquee;
      return m.charts['title-weekly-views'].getOption().series[0].data.reduce((s, v) => s + Number(v ?? 0), 0);
    });
    expect(drawn).toBe(Number(weekly[0].v));
    await page.screenshot({ path: join(SHOTS, 'title-1366.png'), fullPage: true });
    await page.goBack();
    await waitForPage(page);
    expect(page.url()).toBe(`${server.url}/page/content`);
    // A plan on the Business page opens the segment page; its Back link returns.
    await open(page, '/page/business');
    await Promise.all([
      page.waitForURL(/\/page\/segment\?plan=/),
      page.locator('section[data-view="churn-by-segment"] a.drill').first().click(),
    ]);
    await waitForPage(page);
    expect(await page.locator('select[name="plan"]').inputValue()).not.toBe('');
    expect(await page.locator('section[data-view="segment-snapshot"] tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'segment-1366.png'), fullPage: true });
    await Promise.all([page.waitForURL(`${server.url}/page/business`), page.click('a[data-role="back"]')]);
    await waitForPage(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows failing searches, the signup note, heat-map legend numbers, age bands in order, one format per column', async () => {
    const page = await browser.context.newPage();
    await open(page, '/page/search');
    const [{ n }] = await query(`SELECT count(DISTINCT search_query) AS n FROM silver.search_logs WHERE results_returned = 0`);
    expect(await page.locator('section[data-view="zero-result-queries"] .data-note').textContent()).toMatch(
      new RegExp(`^${Number(n).toLocaleString('en-US')} distinct quer`),
    );
    await open(page, '/page/business');
    const [last] = await query(`SELECT strftime(max(month), '%Y-%m') AS m FROM gold.kpi_business_by_month WHERE new_subscriptions > 0`);
    const [end] = await query(`SELECT strftime(max(month), '%Y-%m') AS m FROM gold.kpi_business_by_month`);
    const note = await page.locator('section[data-view="signups-by-month"] .data-note').textContent();
    if (last.m === end.m) expect(note).toBeNull();
    else expect(note).toContain(`latest subscription start in the account data is in ${String(last.m)}`);
    const legend = await page.evaluate(() => {
      const m = (window as unknown as { __marquee: { charts: Record<string, { getOption(): { visualMap: Array<{ text: string[] }> } }> } })
        .__marquee;
      return m.charts['cohort-retention'].getOption().visualMap[0].text;
    });
    expect(legend[0]).toMatch(/^100\.0\u00a0%/);
    expect(legend[1]).toMatch(/^0\.0\u00a0%/);
    // The churn table lists age bands in their natural order too, "Unknown" last.
    const bands = (await screenCells(page, 'churn-by-segment')).filter((r) => r[0] === 'age_band').map((r) => r[1]);
    expect(bands[0]).toBe('under 18');
    expect(bands.at(-1)).toBe('Unknown');
    expect(bands.indexOf('18-24')).toBeLessThan(bands.indexOf('65+'));
    await open(page, '/page/content');
    const ages = await page.evaluate(() => {
      const m = (window as unknown as { __marquee: { charts: Record<string, { getOption(): { yAxis: Array<{ data: string[] }> } }> } })
        .__marquee;
      return m.charts['genre-by-age'].getOption().yAxis[0].data;
    });
    expect(ages[0]).toBe('under 18');
    if (ages.includes('Unknown')) expect(ages.at(-1)).toBe('Unknown');
    // No compact suffixes in table cells: "50 k" never sits in a column of "9,947".
    for (const name of ['content', 'business', 'search', 'lineage']) {
      await open(page, `/page/${name}`);
      const compact = await page
        .locator('td.num')
        .evaluateAll((tds) => tds.map((t) => t.textContent ?? '').filter((t) => /\d (k|M|B)\b/.test(t)));
      expect(compact, name).toEqual([]);
      const wraps = await page
        .locator('td.num')
        .evaluateAll((tds) => tds.filter((t) => getComputedStyle(t).whiteSpace !== 'nowrap').length);
      expect(wraps, name).toBe(0);
    }
    await page.close();
  });

  it('shows the as-of date on every page, offers only devices with data, follows the dark theme', async () => {
    const page = await browser.context.newPage();
    const [run] = await query(`SELECT CAST(as_of_date AS VARCHAR) AS d, run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1`);
    for (const spec of PAGES) {
      await open(page, `/page/${spec.name}`);
      expect(await page.locator('[data-role="asof"]').textContent(), spec.name).toContain(`As of ${String(run.d)}`);
    }
    const devices = (
      await query(
        `SELECT DISTINCT device FROM gold.kpi_daily_by_segment WHERE sessions > 0 OR impressions > 0 OR searches > 0 OR reviews > 0 ORDER BY device`,
      )
    ).map((r) => String(r.device));
    const offered = await page
      .locator('select[name="device"] option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect([...offered].sort()).toEqual(devices);
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, '/page/overview');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 24, 31)');
    await page.screenshot({ path: join(SHOTS, 'overview-dark-1366.png'), fullPage: true });
    await page.close();
  });

  it('the static report keeps export and the data tables, offline from one file', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const base = pathToFileURL(reportFile).href;
    await page.goto(`${base}#search`);
    await waitForPage(page);
    const view = 'zero-result-queries';
    const csv = await downloadCsv(page, `section[data-view="${view}"] .table-block button[data-export="csv"]`);
    expectCsvEqualsScreen(csv.rows, await screenCells(page, view), columnsOf('search', view));
    await page.locator(`section[data-view="${view}"] th[data-key="zero_result_searches"] button`).click();
    expect(await page.locator(`section[data-view="${view}"] th[data-key="zero_result_searches"]`).getAttribute('aria-sort')).toBe(
      'descending',
    );
    const [png] = await Promise.all([page.waitForEvent('download'), page.click(`section[data-view="${view}"] button[data-export="png"]`)]);
    expect(png.suggestedFilename()).toBe(`search-${view}.png`);
    // No drill links in the report (no server to drill into).
    await page.evaluate(() => {
      location.hash = 'content';
    });
    await page.waitForFunction(() => document.body.dataset.page === 'content' && document.body.dataset.state === 'ready');
    expect(await page.locator('a.drill').count()).toBe(0);
    expect(requests.every((u) => u.startsWith(base) || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes a screenshot of every page at 1366 px and 390 px wide', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const spec of PAGES) {
        const path =
          spec.name === 'title'
            ? `/page/title?title=${String((await query('SELECT movie_id FROM gold.kpi_content_by_title ORDER BY popularity_rank, title LIMIT 1'))[0].movie_id)}`
            : spec.name === 'segment'
              ? '/page/segment?plan=Premium'
              : `/page/${spec.name}`;
        await open(page, path);
        await page.screenshot({ path: join(SHOTS, `${spec.name}-${width}.png`), fullPage: true });
        // Nothing wider than the window at 390 px (no sideways scrolling of the page itself).
        if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth), spec.name).toBeLessThanOrEqual(392);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
