import { describe, expect, it } from 'vitest';
import { largest } from '../../../src/ml/core/extremes.js';

describe('largest', () => {
  it('takes a million values, where a spread into Math.max overflows the stack', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.max(0, ...values)).toThrow(RangeError);
    expect(largest(values)).toBe(1_000_002);
    expect(
      largest(
        new Map([
          ['a', 3],
          ['b', 9],
        ]).values(),
      ),
    ).toBe(9);
  });
  it('is at least the floor and skips NaN', () => {
    expect(largest([])).toBe(0);
    expect(largest([-5, -2], -10)).toBe(-2);
    expect(largest([1, NaN, 4])).toBe(4);
  });
});
