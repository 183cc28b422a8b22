import { describe, expect, it } from 'vitest';
import { claimFromAdjustedP, holmAdjust } from '../../../src/ml/core/claims.js';

describe('holmAdjust', () => {
  it('matches the step-down adjustment computed by hand', () => {
    // sorted p: 0.01 (x4 = 0.04), 0.02 (x3 = 0.06), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> max 0.06)
    expect(holmAdjust([0.03, 0.01, 0.04, 0.02]).map((p) => Number(p.toFixed(10)))).toEqual([0.06, 0.04, 0.06, 0.06]);
  });
  it('keeps NaN out of the family and caps at 1', () => {
    const adjusted = holmAdjust([0.6, Number.NaN, 0.01]);
    expect(adjusted[0]).toBeCloseTo(0.6, 12); // family of 2: max(2 x 0.01, 1 x 0.6)
    expect(holmAdjust([0.4, 0.5, 0.6])).toEqual([1, 1, 1]);
    expect(Number.isNaN(adjusted[1])).toBe(true);
    expect(adjusted[2]).toBeCloseTo(0.02, 12);
  });
  it('turns a p that passes alone into no_signal once corrected', () => {
    const raw = [0.03, 0.2, 0.5];
    expect(claimFromAdjustedP(raw[0])).toBe('signal');
    expect(claimFromAdjustedP(holmAdjust(raw)[0])).toBe('no_signal');
    expect(claimFromAdjustedP(Number.NaN)).toBe('not_evaluated');
  });
});
