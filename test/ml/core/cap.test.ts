// Seeded row caps: below the cap nothing changes (the same array), above it a seeded sample without
// replacement in the original order, and the sentence for the card is built from the figures.
import { describe, expect, it } from 'vitest';
import { capRows, describeCap } from '../../../src/ml/core/cap.js';

describe('capRows', () => {
  const rows = Int32Array.from({ length: 1000 }, (_, i) => 3 * i);

  it('returns the very rows when they fit under the cap', () => {
    const c = capRows(rows, 1000, 1);
    expect(c.rows).toBe(rows);
    expect(c.sampled).toBe(false);
    expect(describeCap('Rows', c)).toBe('Rows: all 1,000 (cap 1,000 not reached)');
  });

  it('keeps a seeded sample of exactly cap distinct rows, in their original order', () => {
    const c = capRows(rows, 250, 7);
    expect(c.rows.length).toBe(250);
    expect(c.sampled).toBe(true);
    expect(new Set(c.rows).size).toBe(250);
    for (let k = 1; k < c.rows.length; k++) expect(c.rows[k]).toBeGreaterThan(c.rows[k - 1]);
    for (const r of c.rows) expect(r % 3).toBe(0);
    expect(Array.from(capRows(rows, 250, 7).rows)).toEqual(Array.from(c.rows));
    expect(Array.from(capRows(rows, 250, 8).rows)).not.toEqual(Array.from(c.rows));
    expect(describeCap('Rows', c)).toBe('Rows: a seeded sample of 250 of 1,000 (cap 250)');
  });

  it('samples uniformly: every part of the range is represented about evenly', () => {
    const c = capRows(rows, 500, 3);
    const firstHalf = c.rows.filter((r) => r < 1500).length;
    expect(firstHalf).toBeGreaterThan(200);
    expect(firstHalf).toBeLessThan(300);
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => capRows(rows, 0, 1)).toThrow(/positive integer/);
    expect(() => capRows(rows, 2.5, 1)).toThrow(/positive integer/);
  });
});
