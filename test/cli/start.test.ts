// `marquee start` (what `npm start` runs) end to end on a small data set: every layer, the shareable
// report and the summary. On DuckDB the report is computed on the run's own connection before it
// closes; it must hold exactly what `marquee report` reads afterwards from the file opened read-only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, marquee, tempDir } from '../reliability/helpers.js';

const ENV = { MARQUEE_PSEUDONYM_KEY: 'start-test-pseudonym-key' };

/** The report's text without the one wall-clock value in it (when it was generated). */
function withoutGeneratedAt(file: string): string {
  const html = readFileSync(file, 'utf8');
  const masked = html.replace(/"generatedAt":"[^"]*"/g, '"generatedAt":"-"');
  expect(masked).not.toBe(html);
  return masked;
}

describe('marquee start', () => {
  let root: string;
  beforeAll(async () => {
    root = tempDir('start');
    await generate(join(root, 'data'), 0.03, 5);
  });

  it('runs every layer, prints the summary and writes the report `marquee report` would write', async () => {
    const warehouse = join(root, 'warehouse');
    const r = await marquee(['start', '--input', join(root, 'data'), '--warehouse', warehouse], ENV, 300_000);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Using the data set in /m);
    for (const layer of ['bronze', 'silver', 'gold', 'ml'])
      expect(r.stdout).toMatch(new RegExp(`^  ${layer} +\\d+ steps +[\\d,]+ rows$`, 'm'));
    expect(r.stdout).toMatch(/^Checks: \d+ passed, \d+ warned, \d+ dropped rows, 0 failed$/m);
    expect(r.stdout).toMatch(/^  Sessions +\S+/m);
    const report = join(warehouse, 'reports', 'dashboard.html');
    expect(r.stdout).toMatch(/^Report: .*reports\/dashboard\.html$/m);

    const again = join(root, 'again.html');
    const rewritten = await marquee(['report', '--warehouse', warehouse, '--out', again], ENV);
    expect(rewritten.status).toBe(0);
    expect(withoutGeneratedAt(again)).toBe(withoutGeneratedAt(report));
  }, 360_000);
});
