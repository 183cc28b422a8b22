import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitGenrePopularity } from '../../../src/ml/recommend/genre_popularity.js';
import { csrFromTriplets } from '../../../src/ml/recommend/sparse.js';
import { buildTrueChoice, dayNumber } from '../../../src/ml/recommend/true_choice.js';

describe('genre x recent popularity', () => {
  // 4 titles: 0,1 genre 0 (title 1 has more recent demand), 2,3 genre 1 (title 3 more recent demand).
  const genres: [number, number][] = [
    [0, -1],
    [0, -1],
    [1, -1],
    [1, 0],
  ];
  const demand = Float64Array.from([1, 9, 2, 8]);
  // user 0 watched genre-0 titles only (title 0); user 1 watched title 2 (genre 1).
  const train = csrFromTriplets(3, 4, [0, 1], [0, 2], [1, 1]);
  const model = fitGenrePopularity(train, genres, 2, demand, { prior: 1, demandFloor: 0, secondaryWeight: 0.5 });

  it('matches a hand-computed score', () => {
    const out = new Float64Array(4);
    model.scoreUser(0, out);
    // global genre mix: title 0 (g0) + title 2 (g1) -> 0.5 / 0.5. User 0 profile: g0 = 0.5 + 1, g1 = 0.5; total 2.
    // share g0: title0 1/(1+9+0.5*8)=1/14, title1 9/14, title3 0.5*8/14=4/14; share g1: title2 2/10, title3 8/10.
    const p0 = 1.5 / 2,
      p1 = 0.5 / 2;
    expect(out[0]).toBeCloseTo(p0 * (1 / 14), 12);
    expect(out[1]).toBeCloseTo(p0 * (9 / 14), 12);
    expect(out[2]).toBeCloseTo(p1 * 0.2, 12);
    expect(out[3]).toBeCloseTo(p0 * (4 / 14) + p1 * 0.8, 12);
  });

  it('ranks by taste first, then by recent demand within the genre', () => {
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    model.scoreUser(0, a);
    model.scoreUser(1, b);
    expect(a[1]).toBeGreaterThan(a[2]); // genre-0 fan: a popular genre-0 title beats a genre-1 title
    expect(b[3]).toBeGreaterThan(b[1]); // genre-1 fan prefers the popular genre-1 title
    // a user with no history gets the global mix (cold start), not zeros
    const c = new Float64Array(4);
    model.scoreUser(2, c);
    expect(c.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('rejects mismatched inputs', () => {
    expect(() => fitGenrePopularity(train, genres.slice(1), 2, demand)).toThrow(/4 items but 3 genre rows/);
  });
});

describe('true choice probability from ground truth', () => {
  function truthFile(signal: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-truechoice-'));
    const file = join(dir, 'ground_truth.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'marquee-ground-truth/1',
        signal,
        event_first_day: '2024-01-01',
        parameters: {
          genres: ['A', 'B'],
          segment_taste_weight: 0.7,
          favourite_weight: 0.15,
          segments: [{ genre_taste: [1, 0] }, { genre_taste: [0, 1] }],
          calendar: { genre_seasons_by_month: {}, holiday_title_season_by_month: { 12: 5 }, holiday_off_season: 0.6 },
          title_popularity: { bucket_days: 14, pre_release_factor: 0.03, secondary_genre_weight: 0.5 },
        },
        users: { columns: { segment: [0, 1], fav_genre_1: [0, 1], fav_genre_2: [1, 1] } },
        titles: {
          columns: {
            genre_primary: [0, 0, 1],
            genre_secondary: [null, null, null],
            holiday: [false, false, false],
            base_popularity: [1, 3, 1],
            decay_days: [50, 50, 50],
            floor: [1, 1, 1],
            trend_per_year: [0, 0, 0],
          },
        },
      }),
    );
    return file;
  }
  const input = (file: string) => ({
    file,
    itemIds: ['movie_0001', 'movie_0002', 'movie_0003'],
    addedToPlatform: ['2024-01-01', '2024-01-01', '2024-01-01'],
    from: '2024-06-01',
    to: '2024-06-30',
  });

  it('is the genre-choice x within-genre popularity probability', () => {
    const t = buildTrueChoice(input(truthFile('realistic')))!;
    // user 1 (segment 0 likes A; favourites A and B): P(A) = 0.7 + 0.15, P(B) = 0.15.
    // Within A: titles 1,2 with popularity 1 and 3 (floor 1 -> no decay): 0.25 / 0.75.
    expect(t.scoreFor('user_00001', 0)).toBeCloseTo(0.85 * 0.25, 10);
    expect(t.scoreFor('user_00001', 1)).toBeCloseTo(0.85 * 0.75, 10);
    expect(t.scoreFor('user_00001', 2)).toBeCloseTo(0.15, 10);
    const total = [0, 1, 2].reduce((s, i) => s + t.scoreFor('user_00002', i), 0);
    expect(total).toBeCloseTo(1, 10);
    expect(t.scoreFor('user_09999', 0)).toBe(0);
  });

  it('returns null for signal none and counts days in UTC', () => {
    expect(buildTrueChoice(input(truthFile('none')))).toBeNull();
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });
});
