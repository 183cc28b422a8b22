// The chi-square test of homogeneity against hand-computed values, and its sentence on fixtures
// with and without a planted difference (the sentence must flip).
import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity, formatPValue, homogeneitySentence, type GroupCount } from '../../src/quality/stats/homogeneity.js';
import { rateFindings } from '../../src/dashboard/rate-findings.js';

describe('chi-square test of homogeneity', () => {
  it('matches a 2 x 2 table computed by hand', () => {
    // A 10/100, B 20/100: pooled 0.15, expected 15 / 85 per group.
    // X2 = 2 x 25/15 + 2 x 25/85 = 3.92157; df 1; P(chi2_1 > 3.92157) = 0.04767.
    const t = chiSquareHomogeneity([
      { group: 'A', successes: 10, trials: 100 },
      { group: 'B', successes: 20, trials: 100 },
    ]);
    expect(t.statistic).toBeCloseTo(3.92157, 4);
    expect(t.df).toBe(1);
    expect(t.pValue).toBeCloseTo(0.04767, 4);
    expect(t.verdict).toBe('differs');
    expect(t.minExpected).toBe(15);
  });

  it('matches a 2 x 3 table computed by hand', () => {
    // 30/100, 30/100, 60/100: pooled 0.4; expected 40 / 60 each.
    // X2 = (100/40 + 100/60) x 2 + (400/40 + 400/60) = 8.3333 + 16.6667 = 25; df 2; p = exp(-25/2) = 3.73e-6.
    const t = chiSquareHomogeneity([
      { group: 'a', successes: 30, trials: 100 },
      { group: 'b', successes: 30, trials: 100 },
      { group: 'c', successes: 60, trials: 100 },
    ]);
    expect(t.statistic).toBeCloseTo(25, 6);
    expect(t.df).toBe(2);
    expect(t.pValue).toBeCloseTo(Math.exp(-12.5), 8);
  });

  it('finds no evidence when rates are close', () => {
    // 10/100 vs 12/100: X2 = 2/11 + 2/89 = 0.20429, p = 0.6513.
    const t = chiSquareHomogeneity([
      { group: 'A', successes: 10, trials: 100 },
      { group: 'B', successes: 12, trials: 100 },
    ]);
    expect(t.statistic).toBeCloseTo(0.20429, 4);
    expect(t.pValue).toBeCloseTo(0.6513, 3);
    expect(t.verdict).toBe('no_evidence');
  });

  it('cannot test one group, empty groups or a constant outcome, and rejects impossible counts', () => {
    expect(
      chiSquareHomogeneity([
        { group: 'A', successes: 1, trials: 10 },
        { group: 'B', successes: 0, trials: 0 },
      ]).verdict,
    ).toBe('not_testable');
    expect(
      chiSquareHomogeneity([
        { group: 'A', successes: 0, trials: 10 },
        { group: 'B', successes: 0, trials: 5 },
      ]).reason,
    ).toMatch(/rate is 0/);
    expect(() => chiSquareHomogeneity([{ group: 'A', successes: 11, trials: 10 }])).toThrow(/group 'A'/);
  });

  it('formats p-values for reading', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.04767)).toBe('p = 0.048');
    expect(formatPValue(0.6513)).toBe('p = 0.65');
    expect(formatPValue(0.99999)).toBe('p > 0.99');
  });
});

/** Impressions per position with click rates: planted (falling with position) or flat. */
function positions(planted: boolean): GroupCount[] {
  return Array.from({ length: 10 }, (_, i) => {
    const trials = 2000;
    const rate = planted ? 0.2 - i * 0.015 : 0.1 + ((i % 3) - 1) * 0.002;
    return { group: String(i + 1), successes: Math.round(rate * trials), trials };
  });
}

describe('the rate-by-group sentence flips with a planted difference', () => {
  it('says the rate differs when it was planted, and no evidence when it was not', () => {
    const withDiff = homogeneitySentence('Click-through rate', 'position in the list', chiSquareHomogeneity(positions(true)));
    const without = homogeneitySentence('Click-through rate', 'position in the list', chiSquareHomogeneity(positions(false)));
    expect(withDiff).toMatch(/^Click-through rate differs by position in the list \(chi-square [\d.]+, 9 df, p < 0\.001, 10 groups\)/);
    expect(without).toMatch(
      /^No evidence that click-through rate differs by position in the list \(chi-square [\d.]+, 9 df, p (=|>) 0\.\d+/,
    );
    expect(without).not.toMatch(/ differs by .*: a spread this large/);
  });

  it('rateFindings reads rows per breakdown, from counts or from rates', () => {
    const rows = [
      ...positions(true).map((g) => ({ dimension: 'position', value: g.group, impressions: g.trials, ctr: g.successes / g.trials })),
      ...positions(false)
        .slice(0, 4)
        .map((g, i) => ({ dimension: 'device', value: `d${i}`, impressions: g.trials, ctr: g.successes / g.trials })),
      { dimension: 'overall', value: 'all', impressions: 1, ctr: 1 },
    ];
    const [byPosition, byDevice] = rateFindings(rows, {
      rateLabel: 'Click-through rate',
      dimensionKey: 'dimension',
      groupKey: 'value',
      trialsKey: 'impressions',
      rateKey: 'ctr',
      dimensions: { position: 'position', device: 'device' },
    });
    expect(byPosition).toMatch(/^Click-through rate differs by position \(/);
    expect(byDevice).toMatch(/^No evidence that click-through rate differs by device \(chi-square [\d.]+, 3 df/);
  });
});
