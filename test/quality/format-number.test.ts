import { describe, expect, it } from 'vitest';
import { formatEnUs, formatNumber } from '../../src/quality/report/escape.js';
import { binLabel } from '../../src/quality/report/charts.js';

describe('report numbers', () => {
  it('formatEnUs spells every number as toLocaleString does, at each precision', () => {
    // Hand-checked spellings first, then a sweep over magnitudes and signs.
    expect(formatEnUs(1234567.891)).toBe('1,234,567.891');
    expect(formatEnUs(1234567.891, 0)).toBe('1,234,568');
    expect(formatNumber(0.125, 2)).toBe('0.13');
    expect(formatNumber(-1e-9)).toBe('-0');
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(Number.NaN)).toBe('');
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 1000; i++) {
      const value = (next() - 0.5) * 10 ** (next() * 14 - 4);
      for (const digits of [0, 1, 2, 3, 4])
        expect(formatEnUs(value, digits)).toBe(value.toLocaleString('en-US', { maximumFractionDigits: digits }));
      expect(formatEnUs(value)).toBe(value.toLocaleString('en-US'));
    }
  });

  it('labels histogram bins with compact axis numbers', () => {
    const h = { unit: 'number' as const, min: 0, max: 2.5, counts: [1, 2, 3, 4, 5] };
    expect(binLabel(h, 0)).toBe('0 – 0.5');
    expect(binLabel(h, 4)).toBe('2 – 2.5');
    expect(binLabel({ unit: 'number', min: 0, max: 50_000, counts: [1, 1] }, 1)).toBe('25.0k – 50.0k');
  });
});
