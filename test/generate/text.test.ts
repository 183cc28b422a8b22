import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/rng.js';
import { composeReview } from '../../src/generate/review-text.js';
import { FLAT_QUERIES, misspell } from '../../src/generate/search-queries.js';

describe('review text', () => {
  it('is varied and its polarity follows the rating', () => {
    const rng = new Rng(21);
    const positive = Array.from({ length: 400 }, () => composeReview(rng, 5));
    const negative = Array.from({ length: 400 }, () => composeReview(rng, 1));
    expect(new Set(positive).size).toBeGreaterThan(300);
    const strongPositive = /masterpiece|best things|highly recommend|worth every minute|brilliant|outstanding|superb|stunning/i;
    const strongNegative = /waste of|avoid|never again|awful|terrible|unwatchable|gave up/i;
    expect(positive.filter((t) => strongNegative.test(t))).toEqual([]);
    expect(negative.filter((t) => strongPositive.test(t))).toEqual([]);
    expect(positive.some((t) => strongPositive.test(t))).toBe(true);
    expect(negative.some((t) => strongNegative.test(t))).toBe(true);
  });

  it('uses negation and mixed opinions, and stays ASCII', () => {
    const rng = new Rng(22);
    const all = Array.from({ length: 3000 }, (_, i) => composeReview(rng, 1 + (i % 5)));
    expect(all.some((t) => /Not bad at all/.test(t))).toBe(true);
    expect(all.some((t) => /\bbut the\b/.test(t))).toBe(true);
    expect(all.every((t) => /^[\x20-\x7e]+$/.test(t))).toBe(true);
  });
});

describe('misspell', () => {
  it('always changes the query by a small edit', () => {
    const rng = new Rng(23);
    for (const q of [...FLAT_QUERIES, 'up', 'stranger things']) {
      for (let k = 0; k < 20; k++) {
        const typo = misspell(rng, q);
        expect(typo).not.toBe(q);
        expect(Math.abs(typo.length - q.length)).toBeLessThanOrEqual(2);
        expect(typo).toMatch(/^[a-z0-9 '-]+$/);
      }
    }
  });
});
