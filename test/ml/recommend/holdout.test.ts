// The typed interaction reader and the time holdout built on it.
import { describe, expect, it } from 'vitest';
import { InteractionColumns, timeHoldout } from '../../../src/ml/recommend/holdout.js';
import { csrFromTriplets, IdMap } from '../../../src/ml/recommend/sparse.js';

const ids = (prefix: string, n: number) => IdMap.from(Array.from({ length: n }, (_, k) => `${prefix}${k}`));

describe('InteractionColumns', () => {
  it('grows past its first block and keeps every row in order', () => {
    const columns = new InteractionColumns();
    for (let k = 0; k < 5000; k++) columns.push(k % 7, k % 11, k);
    const data = columns.build(ids('u', 7), ids('m', 11));
    expect(data.user.length).toBe(5000);
    expect(data.day[4999]).toBe(4999);
    expect(data.item[4999]).toBe(4999 % 11);
    expect(Array.from(data.weight.subarray(0, 3))).toEqual([1, 1, 1]);
  });

  it('names the row that is not an integer or falls outside the id maps', () => {
    const columns = new InteractionColumns();
    expect(() => columns.push(1, Number.NaN, 3)).toThrow(/row 0 .*non-integer/);
    columns.push(0, 0, 1);
    columns.push(9, 0, 1);
    expect(() => columns.build(ids('u', 2), ids('m', 1))).toThrow(/row 1 has user 9/);
  });
});

describe('timeHoldout', () => {
  it('tests titles first watched after the cutoff, once, and never one watched before it', () => {
    const columns = new InteractionColumns();
    // user 0: title 0 before the cutoff (day 5) and again after; title 1 twice after; title 2 after the end.
    for (const [u, i, d] of [
      [0, 0, 5],
      [0, 0, 12],
      [0, 1, 11],
      [0, 1, 13],
      [0, 2, 30],
      [1, 2, 3],
    ])
      columns.push(u, i, d);
    const h = timeHoldout(columns.build(ids('u', 2), ids('m', 3)), 10, 20);
    expect(Array.from(h.testUsers)).toEqual([0]);
    expect(Array.from(h.test.indices.subarray(h.test.indptr[0], h.test.indptr[1]))).toEqual([1]);
    expect(Array.from(h.test.values)).toEqual([1]);
    expect(Array.from(h.train.indices)).toEqual([0, 2]);
  });

  it('csrFromTriplets sorts unsorted rows and sums duplicates in input order', () => {
    const m = csrFromTriplets(2, 4, [1, 0, 1, 1, 0], [3, 2, 0, 3, 1], [1, 2, 3, 4, 5]);
    expect(Array.from(m.indptr)).toEqual([0, 2, 4]);
    expect(Array.from(m.indices)).toEqual([1, 2, 0, 3]);
    expect(Array.from(m.values)).toEqual([5, 2, 3, 5]);
  });
});
