// The realistic signal is present, and absent with --signal none (same measurements on both).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';
import { generateInTemp } from './fixtures.js';

const SCALE = 0.2;

interface Measures {
  distinctReviewTexts: number;
  textsWithSeveralSentiments: number;
  textsPerSentiment: Record<string, number>;
  blankTexts: number;
  distinctQueries: number;
  /** Churners' sessions per user in the 90 days before 2025-10-01, relative to active users', each relative to Jan-Jun 2025. */
  churnerRecentRatio: number;
  progressCompleted: number;
  progressOther: number;
  ctrTop: number;
  ctrBottom: number;
  eventsAfterChurn: number;
  typoQueriesDiffer: number;
  ctrHighScore: number;
  ctrLowScore: number;
  /** Share of sessions on Horror titles in October over the share in other months. */
  horrorOctoberLift: number;
  /** Same for holiday-named titles in December. */
  holidayDecemberLift: number;
  churnDates: number;
  hasSearchTruth: boolean;
}

async function measure(signal: 'realistic' | 'none'): Promise<{ m: Measures; cleanup: () => void }> {
  const { dir, cleanup } = await generateInTemp({ scale: SCALE, seed: 11, signal });
  const users = readCsv(dir, 'users.csv');
  const watch = readCsv(dir, 'watch_history.csv');
  const recs = readCsv(dir, 'recommendation_logs.csv');
  const active = new Map(users.rows.map((r) => [r[0], r[11] === 'True']));
  const recent = { churned: 0, active: 0 };
  const earlier = { churned: 0, active: 0 };
  for (const r of watch.rows) {
    const key = active.get(r[1]) ? 'active' : 'churned';
    if (r[3] >= '2025-07-03' && r[3] < '2025-10-01') recent[key]++;
    else if (r[3] >= '2025-01-01' && r[3] < '2025-07-01') earlier[key]++;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const progress = (pred: (a: string) => boolean) => mean(watch.rows.filter((r) => r[6] !== '' && pred(r[7])).map((r) => Number(r[6])));
  const ctr = (lo: number, hi: number) => {
    const rows = recs.rows.filter((r) => Number(r[7]) >= lo && Number(r[7]) <= hi);
    return rows.filter((r) => r[6] === 'True').length / rows.length;
  };
  const ctrScore = (keep: (s: number) => boolean) => {
    const rows = recs.rows.filter((r) => r[5] !== '' && keep(Number(r[5])));
    return rows.filter((r) => r[6] === 'True').length / rows.length;
  };
  const movies = readCsv(dir, 'movies.csv');
  const lift = (isTitle: (row: string[]) => boolean, month: string) => {
    const chosen = new Set(movies.rows.filter(isTitle).map((r) => r[0]));
    const share = (inMonth: boolean) => {
      const rows = watch.rows.filter((r) => (r[3].slice(5, 7) === month) === inMonth);
      return rows.filter((r) => chosen.has(r[2])).length / rows.length;
    };
    return share(true) / share(false);
  };
  const truth = JSON.parse(readFileSync(join(dir, 'ground_truth.json'), 'utf8'));
  const churnDate = new Map<string, string>();
  truth.users.columns.churn_date.forEach((d: string | null, i: number) => d && churnDate.set(users.rows[i][0], d));
  let eventsAfterChurn = 0;
  for (const file of ['watch_history.csv', 'reviews.csv', 'search_logs.csv', 'recommendation_logs.csv']) {
    const csv = readCsv(dir, file);
    const dateCol = csv.header.findIndex((h) => h.endsWith('_date'));
    for (const r of csv.rows) if (churnDate.has(r[1]) && r[dateCol] >= churnDate.get(r[1])!) eventsAfterChurn++;
  }
  let typoQueriesDiffer = 0;
  if (truth.searches) {
    const searches = readCsv(dir, 'search_logs.csv');
    searches.rows.slice(0, truth.searches.count).forEach((r, i) => {
      if (r[8] === 'True' && r[2] !== truth.searches.rows[i][1]) typoQueriesDiffer++;
      if (r[8] === 'False') expect(r[2]).toBe(truth.searches.rows[i][1]);
    });
  }
  // Text: distinct review texts (blanks aside), texts carrying more than one sentiment, distinct queries.
  const reviews = readCsv(dir, 'reviews.csv');
  const textAt = reviews.header.indexOf('review_text');
  const sentimentAt = reviews.header.indexOf('sentiment');
  const sentimentsOf = new Map<string, Set<string>>();
  let blankTexts = 0;
  for (const r of reviews.rows) {
    if (r[textAt] === '') {
      blankTexts++;
      continue;
    }
    const set = sentimentsOf.get(r[textAt]) ?? new Set<string>();
    set.add(r[sentimentAt]);
    sentimentsOf.set(r[textAt], set);
  }
  const textsPerSentiment: Record<string, number> = {};
  for (const set of sentimentsOf.values()) for (const label of set) textsPerSentiment[label] = (textsPerSentiment[label] ?? 0) + 1;
  const queries = readCsv(dir, 'search_logs.csv');
  return {
    m: {
      distinctReviewTexts: sentimentsOf.size,
      textsWithSeveralSentiments: [...sentimentsOf.values()].filter((s) => s.size > 1).length,
      textsPerSentiment,
      blankTexts,
      distinctQueries: new Set(queries.col('search_query')).size,
      churnerRecentRatio: recent.churned / earlier.churned / (recent.active / earlier.active),
      progressCompleted: progress((a) => a === 'completed'),
      progressOther: progress((a) => a !== 'completed'),
      ctrTop: ctr(1, 5),
      ctrBottom: ctr(16, 20),
      eventsAfterChurn,
      typoQueriesDiffer,
      ctrHighScore: ctrScore((x) => x >= 0.6),
      ctrLowScore: ctrScore((x) => x < 0.4),
      horrorOctoberLift: lift((r) => r[3] === 'Horror', '10'),
      churnDates: churnDate.size,
      hasSearchTruth: truth.searches !== null,
      holidayDecemberLift: lift((r) => /\b(Christmas|Holiday|Winter|Santa)\b/.test(r[1]), '12'),
    },
    cleanup,
  };
}

let realistic: Measures;
let none: Measures;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  const a = await measure('realistic');
  const b = await measure('none');
  realistic = a.m;
  none = b.m;
  cleanups.push(a.cleanup, b.cleanup);
});
afterAll(() => cleanups.forEach((c) => c()));

describe('realistic signal', () => {
  it('churners fade before the as-of date and have no events after their churn date', () => {
    expect(realistic.churnerRecentRatio).toBeLessThan(0.85);
    expect(realistic.churnDates).toBeGreaterThan(100);
    expect(realistic.eventsAfterChurn).toBe(0);
  });
  it('completed sessions have high progress', () => {
    expect(realistic.progressCompleted).toBeGreaterThan(85);
    expect(realistic.progressOther).toBeLessThan(50);
  });
  it('click-through falls with list position', () => {
    expect(realistic.ctrTop / realistic.ctrBottom).toBeGreaterThan(1.8);
  });
  it('click-through rises with the recommendation score', () => {
    expect(realistic.ctrHighScore / realistic.ctrLowScore).toBeGreaterThan(1.5);
  });
  it('has seasonal titles: horror in October, holiday titles in December', () => {
    expect(realistic.horrorOctoberLift).toBeGreaterThan(1.4);
    expect(realistic.holidayDecemberLift).toBeGreaterThan(2);
  });
  it('misspells queries flagged had_typo', () => {
    expect(realistic.typoQueriesDiffer).toBeGreaterThan(100);
  });
});

describe('signal none', () => {
  it('has no churn fade, progress unrelated to action, flat click-through', () => {
    expect(none.churnerRecentRatio).toBeGreaterThan(0.85);
    expect(none.churnerRecentRatio).toBeLessThan(1.15);
    expect(Math.abs(none.progressCompleted - none.progressOther)).toBeLessThan(3);
    expect(none.ctrTop / none.ctrBottom).toBeGreaterThan(0.75);
    expect(none.ctrTop / none.ctrBottom).toBeLessThan(1.3);
    expect(none.ctrHighScore / none.ctrLowScore).toBeLessThan(1.3);
    expect(none.horrorOctoberLift).toBeLessThan(1.3);
    expect(none.holidayDecemberLift).toBeLessThan(1.5);
    expect(none.churnDates).toBe(0);
    expect(none.hasSearchTruth).toBe(false);
    expect(realistic.hasSearchTruth).toBe(true);
  });

  it('writes text the way the published files do: ~30 review texts (10 per sentiment, each tied to one) plus blanks, ~30 queries', () => {
    expect(none.distinctReviewTexts).toBe(30);
    expect(none.textsWithSeveralSentiments).toBe(0);
    expect(none.textsPerSentiment).toEqual({ negative: 10, neutral: 10, positive: 10 });
    expect(none.blankTexts).toBeGreaterThan(0);
    expect(none.distinctQueries).toBeGreaterThanOrEqual(25);
    expect(none.distinctQueries).toBeLessThanOrEqual(35);
    // Realistic text stays composed: far more distinct texts and queries.
    expect(realistic.distinctReviewTexts).toBeGreaterThan(300);
    expect(realistic.distinctQueries).toBeGreaterThan(100);
  });
});
