// `marquee run --through bronze` writes the quality report of that run: it says bronze ran and that
// silver, gold and ml did not run, instead of leaving them out without a word.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QualityReport } from '../../src/quality/report/index.js';

const root = join(import.meta.dirname, '..', '..');

describe('the quality report of a run through bronze', () => {
  it('lists the layers that ran and says that the later layers did not run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-through-'));
    const input = join(dir, 'in');
    const warehouse = join(dir, 'wh');
    cpSync(join(root, 'test', 'fixtures', 'good'), input, { recursive: true });
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'run', '--input', input, '--warehouse', warehouse, '--through', 'bronze'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
    );
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(warehouse, 'reports', 'quality.json'), 'utf8')) as QualityReport;
    expect(report.title).toMatch(/: bronze; did not run: silver, gold, ml$/);
    expect(report.layers!.map((l) => [l.layer, l.status])).toEqual([
      ['bronze', 'ran'],
      ['silver', 'did not run'],
      ['gold', 'did not run'],
      ['ml', 'did not run'],
    ]);
    expect(report.layers![1].note).toBe('did not run in this run (not selected); no silver checks in this report');
    expect(new Set(report.checks!.map((c) => c.layer))).toEqual(new Set(['bronze']));
    const html = readFileSync(join(warehouse, 'reports', 'quality.html'), 'utf8');
    expect(html).toContain('<h2>Layers of this run</h2>');
    expect(html.match(/<td><strong>did not run<\/strong><\/td>/g)).toHaveLength(3);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toContain('<script');
  });
});
