// The report loads ECharts with source maps off (its bundle's 8 MB map is no use to a stack trace of
// ours) and leaves the setting as it found it: on for `marquee` (bin/marquee.js), off elsewhere.
import { expect, it, vi } from 'vitest';

it.each([true, false])('leaves source maps %s after loading ECharts for the first chart', async (enabled) => {
  const before = process.sourceMapsEnabled;
  vi.resetModules();
  process.setSourceMapsEnabled(enabled);
  try {
    const { histogramChart } = await import('../../src/quality/report/charts.js');
    expect(histogramChart({ min: 0, max: 3, counts: [1, 2, 3], unit: 'number' }, 'x')).toContain('<svg');
    expect(process.sourceMapsEnabled).toBe(enabled);
  } finally {
    process.setSourceMapsEnabled(before);
  }
});
