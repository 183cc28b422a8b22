// The row caps of ml.search_intent (ML_SETTINGS.searchIntent): under them a run uses every row (the
// card says "all N"), over them a seeded sample of exactly the cap, stated with the sample size.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/core/rng.js';
import { capNotes } from '../../../src/ml/intent/report.js';
import { evaluateTypos } from '../../../src/ml/intent/suggest.js';
import { ruleContext, trainIntent, type SearchRow } from '../../../src/ml/intent/train.js';
import type { Intent } from '../../../src/ml/text/intent-rules.js';

const BANK: [Intent, string[]][] = [
  ['genre_browse', ['comedy', 'horror movies', 'best thriller', 'drama series', 'documentary']],
  ['mood_occasion', ['funny movies', 'feel good', 'date night', 'relaxing shows', 'rainy day']],
  ['navigational', ['new releases', 'my list', 'trending', 'continue watching', 'coming soon']],
  ['title_lookup', ['the silent harbor', 'midnight garden', 'silent harbor', 'the last orbit', 'last orbit']],
];

function searches(n: number, seed: number): SearchRow[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const [intent, queries] = BANK[rng.int(BANK.length)];
    const clean = queries[rng.int(queries.length)];
    const typo = rng.next() < 0.2 && clean.length > 4;
    const query = typo ? clean.slice(0, 2) + clean.slice(3) : clean;
    return { searchId: `s${i}`, query, hadTypo: typo, trueIntent: intent, cleanQuery: clean };
  });
}

describe('search intent row caps', () => {
  const rows = searches(600, 3);
  const ctx = ruleContext(['The Silent Harbor', 'Midnight Garden', 'The Last Orbit']);

  it('uses every row under the caps, and says so', () => {
    const run = trainIntent(rows, ctx, { seed: 1, B: 20 });
    expect(run.caps.training.sampled).toBe(false);
    expect(run.caps.embedding.rows).toBe(run.train);
    expect(run.caps.evaluated!.sampled).toBe(false);
    expect(run.evaluation![0].overall.n).toBe(run.caps.evaluated!.available);
    const notes = capNotes(run, null);
    expect(notes[0]).toBe(
      `Weakly labelled train queries both SVMs learned from: all ${run.caps.training.available} (cap 20,000 not reached)`,
    );
    expect(notes[1]).toBe(`Train-split queries the subword embeddings were trained on: all ${run.train.length} (cap 25,000 not reached)`);
  });

  it('samples each part down to its cap above it, and the notes give the sample and the total', () => {
    const run = trainIntent(rows, ctx, {
      seed: 1,
      B: 20,
      caps: { maxTrainingQueries: 100, maxEmbeddingQueries: 150, maxEvaluatedSearches: 50 },
    });
    expect(run.caps.training.rows.length).toBe(100);
    expect(run.caps.embedding.rows.length).toBe(150);
    expect(run.caps.evaluated!.rows.length).toBe(50);
    for (const e of run.evaluation!) expect(e.overall.n).toBe(50);
    // Every search still gets an intent in gold.search_intent.
    expect(run.predictions.length).toBe(rows.length);
    const typos = evaluateTypos(rows, run.train, run.test, { seed: 1, B: 20, maxQueries: 10 })!;
    expect(typos.n).toBe(10);
    expect(typos.tested.available).toBeGreaterThan(10);
    expect(capNotes(run, typos)).toEqual([
      `Weakly labelled train queries both SVMs learned from: a seeded sample of 100 of ${run.caps.training.available} (cap 100)`,
      `Train-split queries the subword embeddings were trained on: a seeded sample of 150 of ${run.train.length} (cap 150)`,
      `Held-out searches scored against the true intents: a seeded sample of 50 of ${run.caps.evaluated!.available} (cap 50); the intervals are those of that many searches.`,
      `Misspelt held-out queries in the suggestion typo test: a seeded sample of 10 of ${typos.tested.available} (cap 10)`,
    ]);
  });
});
