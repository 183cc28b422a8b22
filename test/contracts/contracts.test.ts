import { describe, expect, it } from 'vitest';
import { CONTRACTS, contractFor, formatKey, rowsAtScale, columnOf } from '../../src/contracts/index.js';

describe('source contracts', () => {
  it('declares the six published tables with their scale-1 row counts', () => {
    const totals = Object.fromEntries(CONTRACTS.map((c) => [c.name, rowsAtScale(c, 1).total]));
    expect(totals).toEqual({
      users: 10_300,
      movies: 1_040,
      watch_history: 105_000,
      recommendation_logs: 52_000,
      search_logs: 26_500,
      reviews: 15_450,
    });
  });

  it('keeps weights aligned with allowed values and summing to 1', () => {
    for (const c of CONTRACTS)
      for (const col of c.columns) {
        if (!col.weights) continue;
        expect(col.allowedValues?.length, `${c.name}.${col.name}`).toBe(col.weights.length);
        expect(
          col.weights.reduce((a, b) => a + b, 0),
          `${c.name}.${col.name}`,
        ).toBeCloseTo(1, 2);
      }
  });

  it('has a primary key column in every table and valid foreign-key targets', () => {
    for (const c of CONTRACTS) {
      expect(c.columns.some((col) => col.name === c.primaryKey)).toBe(true);
      for (const col of c.columns) if (col.foreignKey) expect(() => columnOf(col.foreignKey!.table, col.foreignKey!.column)).not.toThrow();
    }
  });

  it('formats keys as the published files do', () => {
    expect(formatKey(columnOf('users', 'user_id'), 1)).toBe('user_00001');
    expect(formatKey(columnOf('movies', 'movie_id'), 42)).toBe('movie_0042');
    expect(formatKey(columnOf('recommendation_logs', 'recommendation_id'), 7)).toBe('rec_000007');
    expect(formatKey(columnOf('users', 'user_id'), 1_000_000)).toBe('user_1000000');
  });

  it('makes structural blanks consistent with the published blank rate', () => {
    const movies = contractFor('movies');
    const typeShare = Object.fromEntries(
      columnOf('movies', 'content_type').allowedValues!.map((v, i) => [v, columnOf('movies', 'content_type').weights![i]]),
    );
    for (const col of movies.columns.filter((c) => c.structuralBlank)) {
      const applicable = col.structuralBlank!.values.reduce((s, v) => s + typeShare[v], 0);
      const blank = 1 - applicable * (1 - col.structuralBlank!.missingRateWhenApplicable);
      expect(Math.abs(blank - col.expectedBlankRate), col.name).toBeLessThan(0.01);
    }
  });
});
