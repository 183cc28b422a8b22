// Reconciliation tolerances are relative to the expected total: float sums over millions of
// sessions differ in their last digits between two summation orders, counts must match exactly.
import { describe, expect, it } from 'vitest';
import { COMPARISONS, withinTolerance } from '../../src/gold/reconciliation.js';

describe('reconciliation tolerance', () => {
  it('accepts float rounding on a large total and rejects a lost session-hour', () => {
    // The scale-100 run's figures: same hours, summed in two orders.
    expect(withinTolerance(9869109.007980442, 9869109.00798218, 1e-9)).toBe(true);
    expect(withinTolerance(9869109.007980442, 9869108.007980442, 1e-9)).toBe(false);
  });

  it('is absolute below 1 (shares that must sum to 1 compare against 0)', () => {
    expect(withinTolerance(0, 5e-10, 1e-9)).toBe(true);
    expect(withinTolerance(0, 2e-9, 1e-9)).toBe(false);
  });

  it('demands exact equality for every count comparison', () => {
    expect(withinTolerance(1_000_000, 1_000_001, 0)).toBe(false);
    // Every comparison except the float ones (hours, shares) compares counts.
    const counts = COMPARISONS.filter((c) => !c.name.endsWith('watch_hours') && !c.name.endsWith('_sum_to_one'));
    expect(counts.length).toBeGreaterThan(5);
    for (const c of counts) expect(c.tolerance, c.name).toBe(0);
  });
});
