// The content page's weekly views of the top five titles: generated (and real) catalogues repeat
// titles, so each line is one movie, named by its title and, where the name is shared, its id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePage } from '../../src/dashboard/compute.js';
import { contentPage } from '../../src/dashboard/pages/content.js';
import { withWarehouse } from '../../src/dashboard/warehouse.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marquee-weekly-top-'));
  const engine = await DuckDbEngine.open({ path: join(dir, 'marquee.duckdb') });
  await engine.exec('CREATE SCHEMA gold');
  await engine.exec('CREATE TABLE gold.kpi_content_by_title (movie_id VARCHAR, title VARCHAR, popularity_rank BIGINT)');
  // Two different movies called "Echo" in the top five, and a sixth title outside it.
  await engine.exec(`INSERT INTO gold.kpi_content_by_title VALUES ('movie_0003', 'Echo', 1), ('movie_0001', 'Echo', 2),
    ('movie_0002', 'Dawn', 3), ('movie_0004', 'Tide', 4), ('movie_0005', 'Ash', 5), ('movie_0006', 'Dust', 6)`);
  await engine.exec('CREATE TABLE gold.kpi_content_by_title_week (movie_id VARCHAR, week DATE, views BIGINT)');
  await engine.exec(`INSERT INTO gold.kpi_content_by_title_week VALUES ('movie_0003', DATE '2025-01-06', 7), ('movie_0001', DATE '2025-01-06', 4),
    ('movie_0002', DATE '2025-01-06', 3), ('movie_0004', DATE '2025-01-06', 2), ('movie_0005', DATE '2025-01-06', 1), ('movie_0006', DATE '2025-01-06', 9)`);
  await engine.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('content page: weekly views of the top titles', () => {
  it('draws one line per movie, telling apart two movies with the same title', async () => {
    const page = await withWarehouse(dir, (e) => computePage(e, contentPage, {}));
    const view = page.views.find((v) => v.id === 'weekly-views-top')!;
    expect(view.status, view.message).toBe('ok');
    const series = (view.chart!.option as { series: Array<{ name: string; data: unknown[] }> }).series;
    const names = series.map((s) => s.name).sort();
    expect(names).toEqual(['Ash', 'Dawn', 'Echo (movie_0001)', 'Echo (movie_0003)', 'Tide']);
  });
});
