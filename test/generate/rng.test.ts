import { describe, expect, it } from 'vitest';
import { Rng, splitmix32 } from '../../src/generate/rng.js';
import { AliasTable, QuotaFlag, QuotaSampler, pickCumulative } from '../../src/generate/sampling.js';

describe('Rng (xoshiro128**)', () => {
  it('matches the reference C implementation for state 1,2,3,4', () => {
    // Produced by the authors' reference xoshiro128starstar.c compiled with gcc.
    const rng = Rng.fromState([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => rng.nextU32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('splitmix32 matches the reference for state 42', () => {
    let state = 42;
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, value] = splitmix32(state);
      state = next;
      out.push(value);
    }
    expect(out).toEqual([939911724, 3948730756, 321366731, 3317318717]);
  });

  it('is deterministic per seed and stream, and streams differ', () => {
    const a = new Rng(7, 'users');
    const b = new Rng(7, 'users');
    const c = new Rng(7, 'movies');
    const d = new Rng(8, 'users');
    const seqA = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(seqA);
    expect(Array.from({ length: 5 }, () => d.nextU32())).not.toEqual(seqA);
  });

  it('int() is close to uniform (chi-square over 10 bins)', () => {
    const rng = new Rng(1);
    const bins = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[rng.int(10)]++;
    const chi = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(27.9); // p = 0.001 for 9 degrees of freedom
    expect(Math.min(...bins)).toBeGreaterThan(0);
  });

  it('normal() has mean 0 and sd 1', () => {
    const rng = new Rng(3);
    const xs = Array.from({ length: 50_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });

  it('between() covers both ends and nothing outside', () => {
    const rng = new Rng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.between(-2, 2));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2].sort());
  });
});

describe('sampling', () => {
  it('QuotaSampler hits exact largest-remainder counts', () => {
    const rng = new Rng(11);
    const q = new QuotaSampler(10, [0.44, 0.26, 0.14, 0.11, 0.05]);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10; i++) counts[q.next(rng)]++;
    // 4.4, 2.6, 1.4, 1.1, 0.5 -> floors 4,2,1,1,0 (8) + the two largest remainders (2.6, 0.5)
    expect(counts).toEqual([4, 3, 1, 1, 1]);
    expect(() => q.next(rng)).toThrow(/exhausted/);
  });

  it('QuotaFlag gives exactly round(rate * total) trues', () => {
    const rng = new Rng(12);
    const flag = new QuotaFlag(1000, 0.12);
    let trues = 0;
    for (let i = 0; i < 1000; i++) if (flag.next(rng)) trues++;
    expect(trues).toBe(120);
  });

  it('AliasTable reproduces its weights', () => {
    const rng = new Rng(13);
    const table = new AliasTable([1, 2, 0, 7]);
    const counts = [0, 0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[table.sample(rng)]++;
    expect(counts[2]).toBe(0);
    expect(counts[0] / n).toBeCloseTo(0.1, 1);
    expect(counts[1] / n).toBeCloseTo(0.2, 1);
    expect(counts[3] / n).toBeCloseTo(0.7, 1);
  });

  it('pickCumulative finds the bucket of a target within a sub-range', () => {
    // Running sums 0..3 of [1, 1, 2] in the middle of a larger array; a zero-weight item is never picked.
    const cum = [5, 1, 1, 2, 4, 9];
    const rng = new Rng(14);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[pickCumulative(rng, cum, 1, 5)]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / 40_000).toBeCloseTo(0.25, 1);
    expect(counts[2] / 40_000).toBeCloseTo(0.25, 1);
    expect(counts[3] / 40_000).toBeCloseTo(0.5, 1);
  });
});
