import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePage } from '../../src/dashboard/compute.js';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { withWarehouse } from '../../src/dashboard/warehouse.js';
import { buildKpiCards } from '../../src/dashboard/kpi-card.js';
import { dagLayers, heatmapChart, pivot } from '../../src/dashboard/charts.js';
import { KPIS } from '../../src/gold/kpis.js';
import { filterTestPage, makeFixtureWarehouse, XSS, type FixtureWarehouse } from './fixture.js';

let fixture: FixtureWarehouse;
beforeAll(async () => {
  fixture = await makeFixtureWarehouse();
});
afterAll(() => fixture.cleanup());

const page = (name: string) => PAGES.find((p) => p.name === name)!;

describe('page registry', () => {
  it('has the ten pages, unique view ids, a title and caption on every view', () => {
    expect(PAGES.filter((p) => !p.drillDown).map((p) => p.name)).toEqual([
      'overview',
      'engagement',
      'content',
      'recommendations',
      'search',
      'reviews',
      'business',
      'data-quality',
      'lineage',
      'ml',
    ]);
    // The drill-down pages, reached from rows and bars (not in the navigation).
    expect(PAGES.filter((p) => p.drillDown).map((p) => p.name)).toEqual(['title', 'segment']);
    for (const p of PAGES) {
      expect(new Set(p.views.map((v) => v.id)).size, p.name).toBe(p.views.length);
      for (const v of p.views) {
        expect(v.title.length, `${p.name}/${v.id}`).toBeGreaterThan(3);
        expect(v.caption.length, `${p.name}/${v.id}`).toBeGreaterThan(10);
        for (const t of v.tables) expect(t, `${p.name}/${v.id}`).toMatch(/^(gold|ml|meta)\./);
      }
    }
  });
});

describe('computing pages on the fixture warehouse', () => {
  it('Data Quality: every view has data, history spans both runs, XSS stays a plain value', async () => {
    const result = await withWarehouse(fixture.dir, (e) => computePage(e, page('data-quality'), {}));
    for (const v of result.views) expect(v.status, `${v.id}: ${v.message}`).toBe('ok');
    const history = result.views.find((v) => v.id === 'check-history')!.chart!.option as {
      xAxis: { data: string[]; name: string };
      yAxis: { name: string };
      series: Array<{ name: string; data: number[] }>;
    };
    expect(history.xAxis.data).toEqual(['run_001', 'run_002']);
    expect(history.yAxis.name).toBe('Checks (count)');
    // Not passed with action warn or drop is a warn; none of the fixture's checks stops the run.
    expect(history.series.find((s) => s.name === 'Warn')!.data).toEqual([2, 3]);
    expect(history.series.find((s) => s.name === 'Fail')!.data).toEqual([0, 0]);
    expect(history.series.find((s) => s.name === 'Pass')!.data).toEqual([1, 1]);
    const latest = result.views.find((v) => v.id === 'latest-checks')!.table!;
    expect(latest.rows.map((r) => r.check_name)).toContain(XSS);
    expect(latest.rows.every((r) => r.check_name !== 'user_id_unique' || r.failed_records === 0)).toBe(true);
    // A pass/warn/fail column, worst first: the passing check comes last, never among the failures.
    expect(latest.columns[0]).toMatchObject({ key: 'status', label: 'Status' });
    expect(latest.rows.map((r) => r.status)).toEqual(['warn', 'warn', 'warn', 'pass']);
    expect(latest.rows.at(-1)!.check_name).toBe('user_id_unique');
    // No doubled labels: a dataset already names its schema.
    const blanks = result.views.find((v) => v.id === 'blank-rates');
    for (const label of (blanks?.chart?.option as { yAxis?: { data?: string[] } } | undefined)?.yAxis?.data ?? [])
      expect(label).not.toMatch(/^(\w+)\.\1\./);
    const reconciliation = result.views.find((v) => v.id === 'reconciliation')!.table!.rows;
    expect(reconciliation.map((r) => [r.status, r.comparison])).toEqual([
      ['FAILED', 'watch_hours'],
      ['passed', 'sessions_by_user_month'],
    ]);
    expect(reconciliation[0].difference).toBeCloseTo(-0.5, 12);
    // Heat map: rows are datasets, columns dimensions, cells [column, row, score as a share].
    const scorecard = result.views.find((v) => v.id === 'scorecard')!.chart!.option as {
      yAxis: { data: string[] };
      xAxis: { data: string[] };
      series: Array<{ type: string; data: Array<[number, number, number]> }>;
    };
    expect(scorecard.yAxis.data).toEqual(['silver.movies', 'silver.users']);
    expect(scorecard.xAxis.data).toEqual(['uniqueness', 'validity']);
    expect(scorecard.series[0].data).toEqual([
      [1, 0, 0.93],
      [0, 1, 1],
      [1, 1, 0.975],
    ]);
    const quarantine = result.views.find((v) => v.id === 'quarantine')!.chart!.option as {
      yAxis: { data: string[] };
      series: Array<{ data: number[] }>;
    };
    expect(Object.fromEntries(quarantine.yAxis.data.map((k, i) => [k, quarantine.series[0].data[i]]))).toEqual({
      'movies · BAD_GENRE': 7,
      'users · not typeable (bronze)': 3,
    });
  });

  it('Lineage: the DAG has every node with its last status, layered left to right', async () => {
    const result = await withWarehouse(fixture.dir, (e) => computePage(e, page('lineage'), {}));
    for (const v of result.views) expect(v.status, `${v.id}: ${v.message}`).toBe('ok');
    const graph = (
      result.views[0].chart!.option as { series: Array<{ data: Array<{ name: string; x: number; status: string }>; links: unknown[] }> }
    ).series[0];
    const byName = Object.fromEntries(graph.data.map((n) => [n.name, n]));
    expect(Object.keys(byName).sort()).toEqual([
      'bronze.movies',
      'bronze.users',
      'gold.kpi_engagement_by_user_month',
      'silver.movies',
      'silver.users',
    ]);
    expect(byName['silver.movies'].status).toBe('failed');
    expect(byName['gold.kpi_engagement_by_user_month'].status).toBe('unknown');
    expect(byName['gold.kpi_engagement_by_user_month'].x).toBeGreaterThan(byName['silver.users'].x);
    expect(graph.links).toHaveLength(4);
    const steps = result.views.find((v) => v.id === 'steps')!.table!.rows;
    expect(steps[0].step).toBe('silver.movies');
    expect(steps.find((s) => s.step === 'bronze.users')!.duration_ms).toBe(800);
  });

  it('every drawn chart names both axes, the value axis with its unit', async () => {
    let checked = 0;
    for (const name of ['data-quality', 'lineage']) {
      const result = await withWarehouse(fixture.dir, (e) => computePage(e, page(name), {}));
      for (const view of result.views) {
        const option = view.chart?.option as { xAxis?: { type: string; name: string }; yAxis?: { type: string; name: string } } | undefined;
        if (!option?.xAxis) continue;
        const axes = [option.xAxis, option.yAxis!];
        for (const axis of axes) expect(axis.name.length, `${name}/${view.id}`).toBeGreaterThan(2);
        const value = axes.find((a) => a.type === 'value');
        // A heat map has two category axes; its value is the colour scale.
        if (!value) expect((view.chart!.option as { visualMap?: unknown }).visualMap, `${name}/${view.id}`).toBeDefined();
        else expect(value.name, `${name}/${view.id}`).toMatch(/ \((count|%|s|USD|h|min)\)$/);
        checked++;
      }
    }
    expect(checked).toBe(8); // seven meta charts and the updates chart
  });

  it('gold pages say "not available yet" instead of failing', async () => {
    const result = await withWarehouse(fixture.dir, (e) => computePage(e, page('engagement'), {}));
    for (const v of result.views) {
      expect(v.status).toBe('missing');
      expect(v.message).toMatch(/^Not available yet: run the pipeline through gold/);
    }
    const ml = await withWarehouse(fixture.dir, (e) => computePage(e, page('ml'), {}));
    expect(ml.views[0].message).toMatch(/run the pipeline through ml \(missing ml\.metrics[,)]/);
  });

  it('applies filters in the query and builds KPI cards', async () => {
    const all = await withWarehouse(fixture.dir, (e) => computePage(e, filterTestPage, {}));
    const usa = await withWarehouse(fixture.dir, (e) => computePage(e, filterTestPage, { country: 'USA', to: '2025-02-28' }));
    expect(all.views[1].table!.rows).toEqual([
      { month: '2025-01', sessions: 140 },
      { month: '2025-02', sessions: 180 },
      { month: '2025-03', sessions: 120 },
    ]);
    expect(usa.views[1].table!.rows).toEqual([
      { month: '2025-01', sessions: 100 },
      { month: '2025-02', sessions: 120 },
    ]);
    expect(usa.views[1].filters).toEqual(['from', 'to', 'country', 'plan', 'device']);
    const card = all.views[0].cards![0];
    expect(card).toMatchObject({ value: 120, previous: 180, valueText: '120', changeText: '−33.3\u00a0%', tone: 'bad', period: '2025-03' });
    expect(all.views[2].status).toBe('missing');
    const none = await withWarehouse(fixture.dir, (e) => computePage(e, filterTestPage, { device: 'Gaming Console' }));
    expect(none.views[1].status).toBe('empty');
  });
});

describe('pure pieces', () => {
  it('KPI cards follow declaration order, tone by direction, empty card without rows', () => {
    const ctr = KPIS.find((k) => k.name === 'ctr')!;
    const churn = KPIS.find((k) => k.name === 'churn_rate')!;
    const cards = buildKpiCards(
      [churn, ctr],
      [
        { kpi: 'ctr', period: '2025-02', value: 0.12 },
        { kpi: 'ctr', period: '2025-01', value: 0.1 },
        { kpi: 'churn_rate', period: '2025-01', value: 0.2 },
        { kpi: 'churn_rate', period: '2025-02', value: 0.25 },
        { kpi: 'undeclared', period: '2025-02', value: 1 },
      ],
    );
    expect(cards.map((c) => [c.name, c.valueText, c.changeText, c.tone])).toEqual([
      ['churn_rate', '25.0\u00a0%', '+5.0\u00a0pp', 'bad'],
      ['ctr', '12.0\u00a0%', '+2.0\u00a0pp', 'good'],
    ]);
    expect(buildKpiCards([ctr], [])[0]).toMatchObject({ value: null, valueText: '–', changeText: null, tone: 'neutral' });
  });
  it('heat map sorts numeric categories as numbers and keeps gaps as missing cells', () => {
    const rows = [
      { cohort: '2025-02', months: '10', rate: 0.1 },
      { cohort: '2025-01', months: '2', rate: 0.5 },
      { cohort: '2025-01', months: '0', rate: 1 },
    ];
    const option = heatmapChart(rows, {
      x: { key: 'months', label: 'Months', format: 'text' },
      y: { key: 'cohort', label: 'Cohort', format: 'text' },
      value: { key: 'rate', label: 'Retention', format: 'percent' },
    }).option as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      series: Array<{ data: number[][] }>;
      visualMap: { min: number; max: number };
    };
    expect(option.xAxis.data).toEqual(['0', '2', '10']);
    expect(option.yAxis.data).toEqual(['2025-01', '2025-02']);
    expect(option.series[0].data).toEqual([
      [2, 1, 0.1],
      [1, 0, 0.5],
      [0, 0, 1],
    ]);
    expect([option.visualMap.min, option.visualMap.max]).toEqual([0.1, 1]);
  });

  it('pivots long rows and keeps the largest series', () => {
    const p = pivot(
      [
        { x: 'a', s: 'one', v: 1 },
        { x: 'b', s: 'one', v: 2 },
        { x: 'b', s: 'two', v: 10 },
        { x: 'a', s: 'three', v: 0 },
      ],
      { x: { key: 'x', label: 'X', format: 'text' }, seriesKey: 's', valueKey: 'v', maxSeries: 2 },
    );
    expect(p.categories).toEqual(['a', 'b']);
    expect(p.series).toEqual([
      { name: 'two', data: [null, 10] },
      { name: 'one', data: [1, 2] },
    ]);
  });
  it('layers a DAG by longest path and survives a cycle', () => {
    const layers = dagLayers(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ],
    );
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, c: 2, d: 0 });
    expect(
      dagLayers(
        ['x', 'y'],
        [
          ['x', 'y'],
          ['y', 'x'],
        ],
      ).size,
    ).toBe(2);
  });
});
