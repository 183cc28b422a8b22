// The ML page in a real browser on a warehouse built by the whole pipeline (scale 0.2 realistic, so the
// churn signal is found): every view renders, the curves have points, the verdict is shown in words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { mlPage } from '../../src/dashboard/pages/ml.js';
import { startServer, type DashboardServer } from '../../src/dashboard/server.js';
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

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'marquee-ml-page-'));
  await cli(['generate', '--out', join(root, 'data'), '--scale', '0.2', '--seed', '42']);
  await cli(['run', '--input', join(root, 'data'), '--warehouse', join(root, 'wh')]);
  server = await startServer({ warehouse: join(root, 'wh'), port: 0, pages: PAGES });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('ML page', () => {
  it('shows churn metrics, verdicts, ROC and calibration curves, importance and segments', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/page/ml`);
    await waitForPage(page);
    const statuses = await viewStatuses(page);
    expect(statuses).toEqual(Object.fromEntries(mlPage.views.map((v) => [v.id, 'ok'])));
    const lengths = await chartSeriesLengths(page);
    // ROC: three models + one-feature baseline + recency reference + ground truth + the chance diagonal.
    expect(lengths['churn-roc']).toHaveLength(7);
    expect(Math.min(...lengths['churn-roc'])).toBeGreaterThanOrEqual(2);
    expect(lengths['churn-calibration']).toHaveLength(4);
    expect(lengths['segment-silhouette']).toEqual([7]);
    expect(lengths['churn-importance'][0]).toBe(12);
    const numbers = await viewNumbers(page);
    expect(numbers['churn-verdict'].filter((t) => t.startsWith('Signal: the model ranks churners'))).toHaveLength(3);
    expect(numbers['churn-metrics']).toContain('prior (majority class)');
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'ml-page.png'), fullPage: true });
    await page.close();
  });
});
