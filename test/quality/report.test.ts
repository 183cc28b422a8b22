import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { loadConfig } from '../../src/config.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { profileTable, recordProfiles } from '../../src/quality/profile.js';
import { renderQualityHtml, writeQualityReport } from '../../src/quality/report/index.js';
import { columnAlerts } from '../../src/quality/report/alerts.js';
import { escapeHtml } from '../../src/quality/report/escape.js';
import { histogramSvg } from '../../src/quality/report/svg.js';

const EVIL = `<script>alert("x")</script>&'`;

describe('quality report', () => {
  it('escapes every data value and stays self-contained', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await ensureWarehouse(engine);
      await engine.exec(
        `CREATE TABLE bronze.reviews AS SELECT * FROM (VALUES ('review_1', '${EVIL.replaceAll("'", "''")}', 1.0), ('review_2', 'fine', 2.0)) v(review_id, review_text, score)`,
      );
      const profiles = await profileTable(engine, 'bronze.reviews', [
        { name: 'review_id', kind: 'string', typeName: 'VARCHAR' },
        { name: 'review_text', kind: 'string', typeName: 'VARCHAR', expectedBlankRate: 0.05 },
        { name: 'score', kind: 'numeric', typeName: 'DOUBLE' },
      ]);
      await recordProfiles(engine, 'run-1', 'bronze', profiles);
      await engine.exec(`CREATE TABLE quarantine.reviews AS SELECT 'run-1' AS run_id, 'bronze' AS layer, 'b1' AS batch_id, 'reviews.csv' AS source_file,
        7 AS line_number, 'review_9,<script>x</script>' AS raw_line, NULL AS row_json, 'BAD_INTEGER' AS reason_code, 'column <b>' AS reason, current_timestamp AS quarantined_at`);
      const config = loadConfig({ warehouse: mkdtempSync(join(tmpdir(), 'marquee-report-')) });
      const written = await writeQualityReport(engine, config, 'run-1', {
        sections: [{ id: 'scorecard', title: 'Gold scorecard <b>', data: { ok: true }, html: '<p>added by a later layer</p>' }],
      });
      const html = readFileSync(written.html, 'utf8');
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
      expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(html).toContain('Gold scorecard &lt;b&gt;');
      expect(html).toContain('<code>review_9,&lt;script&gt;x&lt;/script&gt;</code>');
      expect(html).toContain('column &lt;b&gt;');
      expect(html).toContain('QUARANTINED</strong> 1 line(s) in quarantine: BAD_INTEGER 1');
      expect(html).toContain('<p>added by a later layer</p>');
      const json = JSON.parse(readFileSync(written.json, 'utf8'));
      expect(json.tables[0].columns[1].topValues.map((t: { value: string }) => t.value)).toContain(EVIL);
      expect(json.sections[0].id).toBe('scorecard');
    } finally {
      await engine.close();
    }
  });

  it('renders an empty report', () => {
    const html = renderQualityHtml({ title: 't', runId: 'r', generatedAt: 'g', asOfDate: '2025-10-01', tables: [], sections: [] });
    expect(html).toContain('<h2>Summary</h2>');
  });

  it('raises alerts for blank-rate mismatch, constant, outliers and skew', () => {
    const base = {
      dataset: 'd',
      column: 'c',
      type: 'DOUBLE',
      kind: 'numeric' as const,
      rowCount: 100,
      blankCount: 40,
      blankPct: 0.4,
      expectedBlankPct: 0.1,
      structuralBlankCount: 30,
      distinctCount: 50,
      min: '0',
      max: '1000',
      mean: 60,
      stddev: 100,
      p01: 0,
      p25: 10,
      p50: 20,
      p75: 30,
      p99: 900,
      topValues: [],
      histogram: null,
    };
    const codes = columnAlerts(base).map((a) => a.code);
    expect(codes).toEqual(['BLANK_RATE_MISMATCH', 'HIGH_MISSING', 'OUTLIERS', 'SKEWED']);
    expect(columnAlerts(base).find((a) => a.code === 'HIGH_MISSING')?.message).toContain('30 are structural');
    expect(
      columnAlerts({ ...base, distinctCount: 1, expectedBlankPct: 0.4, max: '30', mean: 20 }).map((a) => [a.code, a.severity]),
    ).toEqual([
      ['HIGH_MISSING', 'info'],
      ['CONSTANT', 'warning'],
    ]);
  });

  it('escapes and draws', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    const svg = histogramSvg([0, 5, 10], { title: '<t>' });
    expect(svg.match(/<rect/g)).toHaveLength(3);
    expect(svg).toContain('<title>&lt;t&gt;</title>');
    expect(svg).toContain('height="30.0"');
  });
});
