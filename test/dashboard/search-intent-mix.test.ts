// The search page's intent-mix view on a tiny hand-made warehouse: chart and table carry every
// intent with its share, click-through and zero-result rate; without the table the view says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePage } from '../../src/dashboard/compute.js';
import { searchPage } from '../../src/dashboard/pages/search.js';
import { withWarehouse } from '../../src/dashboard/warehouse.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';

let withMix: string;
let withoutMix: string;

async function warehouse(rows: string | null): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-search-'));
  const engine = await DuckDbEngine.open({ path: join(dir, 'marquee.duckdb') });
  await engine.exec('CREATE SCHEMA gold');
  if (rows) {
    await engine.exec(`CREATE TABLE gold.search_intent_mix (intent VARCHAR, searches BIGINT, intent_share DOUBLE, intent_share_total DOUBLE,
      zero_result_rate DOUBLE, search_click_through DOUBLE, mean_click_position DOUBLE)`);
    await engine.exec(`INSERT INTO gold.search_intent_mix VALUES ${rows}`);
  }
  await engine.close();
  return dir;
}

beforeAll(async () => {
  withMix = await warehouse(
    `('title_lookup', 6, 0.6, 1, 0.1, 0.7, 1.5), ('genre_browse', 3, 0.3, 1, 0.0, 0.4, 3.0), ('no_query', 1, 0.1, 1, 1.0, 0.0, NULL)`,
  );
  withoutMix = await warehouse(null);
});
afterAll(() => {
  for (const dir of [withMix, withoutMix]) rmSync(dir, { recursive: true, force: true });
});

describe('search page: intent mix', () => {
  it('charts share, click-through and zero-result rate per intent and tables every intent', async () => {
    const page = await withWarehouse(withMix, (e) => computePage(e, searchPage, {}));
    const view = page.views.find((v) => v.id === 'intent-mix')!;
    expect(view.status, view.message).toBe('ok');
    const option = view.chart!.option as { yAxis: { data: string[] }; series: Array<{ name: string; data: number[] }> };
    // Largest intent first; one bar series per measure.
    expect(option.yAxis.data).toEqual(['title_lookup', 'genre_browse', 'no_query']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Share of searches', [0.6, 0.3, 0.1]],
      ['Search click-through', [0.7, 0.4, 0]],
      ['Zero-result rate', [0.1, 0, 1]],
    ]);
    const table = view.table!;
    expect(table.columns.map((c) => c.key)).toEqual([
      'intent',
      'searches',
      'intent_share',
      'search_click_through',
      'zero_result_rate',
      'mean_click_position',
    ]);
    expect(table.rows.map((r) => [r.intent, Number(r.searches)])).toEqual([
      ['title_lookup', 6],
      ['genre_browse', 3],
      ['no_query', 1],
    ]);
  });

  it('says the table is missing on a warehouse built without the ML step', async () => {
    const page = await withWarehouse(withoutMix, (e) => computePage(e, searchPage, {}));
    const view = page.views.find((v) => v.id === 'intent-mix')!;
    expect(view.status).toBe('missing');
    expect(view.message).toMatch(/gold\.search_intent_mix/);
  });
});
