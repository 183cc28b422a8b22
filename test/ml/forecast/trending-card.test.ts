// Trending always writes a card, so the false-claim audit counts it: `not_evaluated` (with the reason
// from the run) when there are too few titles to test, never silently absent.
import { describe, expect, it } from 'vitest';
import { buildModelCards } from '../../../src/ml/forecast/report.js';
import type { ForecastRun } from '../../../src/ml/forecast/train.js';
import { RunProfile } from '../../../src/ml/forecast/profile.js';

const info = { runId: 'r1', trainedAt: '2025-10-02T00:00:00Z', asOfDate: '2025-10-01', seed: 1, firstDay: 19723, nDays: 730 };

describe('trending card', () => {
  it('is written as not_evaluated, with the run note, when the test is too small', () => {
    const note =
      'not evaluated: 12 titles added inside the data leave 2 trending and 3 other test titles; the test needs at least 15 of each';
    const run: ForecastRun = { groups: [], tests: [], forecasts: [], trending: null, trendingNote: note, profile: new RunProfile() };
    const cards = buildModelCards(run, info);
    expect(cards.map((c) => c.model)).toEqual(['trending:logistic']);
    const card = cards[0].card as { verdict: { level: string; text: string }; caveats: string[] };
    expect(card.verdict.level).toBe('not_evaluated');
    expect(card.verdict.text).toContain('2 trending and 3 other test titles');
    expect(card.caveats).toEqual([note]);
  });
});
