// Lexicon baseline for review sentiment: VADER (the `vader-sentiment` package), which handles
// negation, intensifiers and "but" clauses with a hand-built lexicon: no training, so it shows what
// a model must beat. Its compound score in [-1, 1] maps to the three source labels by thresholds.
import vader from 'vader-sentiment';
import { macroF1FromConfusion } from '../core/metrics.js';

export type Sentiment = 'positive' | 'neutral' | 'negative';
export const SENTIMENT_LABELS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];

export interface LexiconThresholds {
  /** compound >= positive -> positive; <= negative -> negative; otherwise neutral. */
  positive: number;
  negative: number;
}

/** VADER's own recommended cut-offs. */
export const DEFAULT_THRESHOLDS: LexiconThresholds = { positive: 0.05, negative: -0.05 };

export function lexiconScore(text: string): number {
  return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

export function lexiconLabel(text: string, thresholds: LexiconThresholds = DEFAULT_THRESHOLDS): Sentiment {
  const score = lexiconScore(text);
  if (score >= thresholds.positive) return 'positive';
  if (score <= thresholds.negative) return 'negative';
  return 'neutral';
}

/**
 * Thresholds tuned on training texts: a grid over cut-off pairs maximising macro-F1, so the
 * baseline is not handicapped by VADER's default neutral band (reviews are rarely neutral in words).
 * Each pair's macro-F1 comes from a confusion matrix counted in one pass over the scores (whole
 * numbers, so the same F1 as on label arrays), without building a prediction array per pair.
 */
export function tuneThresholds(scores: readonly number[], labels: readonly Sentiment[]): LexiconThresholds {
  const truth = Int8Array.from(labels, (l) => SENTIMENT_LABELS.indexOf(l));
  const NEGATIVE = SENTIMENT_LABELS.indexOf('negative');
  const NEUTRAL = SENTIMENT_LABELS.indexOf('neutral');
  const POSITIVE = SENTIMENT_LABELS.indexOf('positive');
  const m = SENTIMENT_LABELS.map(() => new Float64Array(SENTIMENT_LABELS.length));
  let best = { ...DEFAULT_THRESHOLDS };
  let bestF1 = -1;
  for (let neg = -0.8; neg <= 0.2; neg += 0.05) {
    for (let pos = neg + 0.05; pos <= 0.9; pos += 0.05) {
      for (const row of m) row.fill(0);
      for (let i = 0; i < scores.length; i++) {
        const s = scores[i];
        m[truth[i]][s >= pos ? POSITIVE : s <= neg ? NEGATIVE : NEUTRAL]++;
      }
      const f1 = macroF1FromConfusion(m);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = { positive: pos, negative: neg };
      }
    }
  }
  return best;
}

/** The star-rating baseline: the source's own rule (1-2 negative, 3 neutral, 4-5 positive). */
export function labelFromRating(rating: number): Sentiment {
  return rating <= 2 ? 'negative' : rating === 3 ? 'neutral' : 'positive';
}
