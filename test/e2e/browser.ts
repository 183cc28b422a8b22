// Shared helpers for browser tests: Debian's Chromium driven by playwright-core (never a downloaded
// browser), headless, in a fresh profile; console errors collected; bounded waits only.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'marquee-chromium-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  // --user-data-dir is given the Playwright way: launchPersistentContext(profile).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught exceptions of a page, as text. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** Wait (at most 15 s) until the page is drawn and every chart has fired 'finished'. */
export async function waitForPage(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const state = document.body.dataset.state;
      if (state === 'error') return true;
      const m = (window as unknown as { __marquee?: { finished: Record<string, boolean> } }).__marquee;
      return state === 'ready' && m !== undefined && Object.values(m.finished).every(Boolean);
    },
    null,
    { timeout: 15_000 },
  );
}

/** Status of each view as the page shows it (section class status-*: ok, empty, missing, error). */
export function viewStatuses(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('section.view')).map((s) => [
        s.dataset.view!,
        Array.from(s.classList)
          .find((c) => c.startsWith('status-'))!
          .slice(7),
      ]),
    ),
  );
}

/** For each chart on the page: the number of data points in each series, from the live ECharts option. */
export function chartSeriesLengths(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const m = (window as unknown as { __marquee: { charts: Record<string, { getOption(): { series: Array<{ data?: unknown[] }> } }> } })
      .__marquee;
    return Object.fromEntries(
      Object.entries(m.charts).map(([id, chart]) => [id, chart.getOption().series.map((s) => (s.data ?? []).length)]),
    );
  });
}

/** The visible text of every table cell and KPI value on the page, by view id: the "numbers" people read. */
export function viewNumbers(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    document.querySelectorAll<HTMLElement>('section.view').forEach((section) => {
      out[section.dataset.view!] = Array.from(section.querySelectorAll('td, .card-value, .card-change')).map((n) => n.textContent ?? '');
    });
    return out;
  });
}
