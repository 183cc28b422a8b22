// The search page in Chromium over a warehouse built by the real pipeline (scale 0.02) with the
// search-intent ML step: every search view draws data, and the intent mix shows every intent with
// shares that add up to all searches (checked against silver with SQL of the test's own).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { searchPage } from '../../src/dashboard/pages/search.js';
import { startServer, type DashboardServer } from '../../src/dashboard/server.js';
import { openReadOnly } from '../../src/dashboard/warehouse.js';
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
import { runCliOk } from '../helpers/cli.js';

// Awaited, not spawnSync: a synchronous child would freeze the test worker for the whole run.
async function cli(args: string[]): Promise<void> {
  await runCliOk(args, { env: { TZ: 'UTC' }, timeoutMs: 600_000 });
}

let root: string;
let server: DashboardServer;
let browser: Browser;
/** From silver and gold.search_intent by the test's own SQL: searches per intent (blank queries: no_query). */
let expected: Map<string, number>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'marquee-search-page-'));
  const wh = join(root, 'wh');
  await cli(['generate', '--out', join(root, 'data'), '--scale', '0.02', '--seed', '7']);
  // Only what the search page reads, with everything upstream (the intent step included).
  await cli([
    'run',
    '--input',
    join(root, 'data'),
    '--warehouse',
    wh,
    '--select',
    '+gold.search_intent_mix +gold.kpi_search +gold.search_top_queries +gold.kpi_daily_by_segment',
  ]);
  const engine = await openReadOnly(wh);
  try {
    const rows = await engine.query<{
      intent: string;
      n: bigint;
    }>(`SELECT CASE WHEN q.search_query IS NULL THEN 'no_query' ELSE i.predicted_intent END AS intent, count(*) AS n
      FROM silver.search_logs q LEFT JOIN gold.search_intent i USING (search_id) GROUP BY 1`);
    expected = new Map(rows.map((r) => [r.intent, Number(r.n)]));
  } finally {
    await engine.close();
  }
  server = await startServer({ warehouse: wh, port: 0, pages: PAGES });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('search page with the intent model built', () => {
  it('draws every view; the intent mix charts and tables every intent with shares adding up to 100 %', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/page/search`);
    await waitForPage(page);
    const statuses = await viewStatuses(page);
    expect(statuses).toEqual(Object.fromEntries(searchPage.views.map((v) => [v.id, 'ok'])));

    // At least three intents (the generator plants five); one bar per intent in each of the three series.
    expect(expected.size).toBeGreaterThanOrEqual(3);
    const lengths = await chartSeriesLengths(page);
    expect(lengths['intent-mix']).toEqual([expected.size, expected.size, expected.size]);

    // Table: intent, searches, share, click-through, zero-result rate, mean click position.
    const cells = (await viewNumbers(page))['intent-mix'];
    expect(cells.length).toBe(6 * expected.size);
    const shown = new Map<string, number>();
    let shareTotal = 0;
    for (let r = 0; r < expected.size; r++) {
      const [intent, searches, share] = cells.slice(6 * r, 6 * r + 3);
      shown.set(intent, Number(searches.replace(/[^0-9]/g, '')));
      shareTotal += Number.parseFloat(share);
    }
    expect(shown).toEqual(expected);
    // Shares are rounded for display: they add up to 100 % within rounding.
    expect(Math.abs(shareTotal - 100)).toBeLessThan(0.1 * expected.size);
    expect(errors).toEqual([]);
    await page.locator('section[data-view="intent-mix"]').screenshot({ path: join(ARTIFACTS, 'search-intent-mix.png') });
    await page.close();
  });
});
