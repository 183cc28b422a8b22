// Sentiment models behind one pluggable interface. A transformer model would be a third text
// implementation of SentimentModel, but none can run offline here: no npm package ships a
// sentiment model's weights, and downloading them is not allowed in this pipeline.
import {
  DEFAULT_THRESHOLDS,
  labelFromRating,
  lexiconScore,
  tuneThresholds,
  type LexiconThresholds,
  type Sentiment,
} from '../text/lexicon-sentiment.js';
import { LinearSvm } from '../text/linear-svm.js';
import { sentimentAnalyzer, TfidfVectorizer } from '../text/tfidf.js';

export interface ReviewInput {
  text: string;
  rating: number | null;
}

export interface SentimentPrediction {
  label: Sentiment;
  /** Higher = more positive (model-specific scale). */
  score: number;
}

export interface SentimentModel {
  readonly name: string;
  /** true: reads the review text only; false: reads other fields (the star rating). */
  readonly textOnly: boolean;
  fit(rows: readonly ReviewInput[], labels: readonly Sentiment[]): this;
  predict(rows: readonly ReviewInput[]): SentimentPrediction[];
  params(): Record<string, number | string | boolean>;
}

/** VADER compound score with the neutral band tuned on the training reviews for macro-F1. */
export class LexiconSentiment implements SentimentModel {
  readonly name = 'lexicon_vader';
  readonly textOnly = true;
  thresholds: LexiconThresholds = { ...DEFAULT_THRESHOLDS };
  // Review texts repeat (a scale-10 log has 1.6 reviews per distinct text) and VADER is the costly
  // part: each distinct text is scored once. The score is a pure function of the text.
  private readonly scoreCache = new Map<string, number>();
  private score(text: string): number {
    let s = this.scoreCache.get(text);
    if (s === undefined) {
      s = lexiconScore(text);
      this.scoreCache.set(text, s);
    }
    return s;
  }
  fit(rows: readonly ReviewInput[], labels: readonly Sentiment[]): this {
    const scores = rows.map((r) => this.score(r.text));
    this.thresholds = tuneThresholds(scores, labels);
    return this;
  }
  predict(rows: readonly ReviewInput[]): SentimentPrediction[] {
    return rows.map((r) => {
      const score = this.score(r.text);
      const label: Sentiment = score >= this.thresholds.positive ? 'positive' : score <= this.thresholds.negative ? 'negative' : 'neutral';
      return { label, score };
    });
  }
  params() {
    return { positive_threshold: this.thresholds.positive, negative_threshold: this.thresholds.negative };
  }
}

/** Word uni+bigrams with negation marking, TF-IDF, one-vs-rest linear SVM. */
export class TfidfSvmSentiment implements SentimentModel {
  readonly name = 'tfidf_svm';
  readonly textOnly = true;
  private readonly vectorizer: TfidfVectorizer;
  private readonly svm: LinearSvm;
  constructor(private readonly options: { c?: number; seed: number; minDf?: number }) {
    this.vectorizer = new TfidfVectorizer({ analyzer: sentimentAnalyzer, minDf: options.minDf ?? 2 });
    this.svm = new LinearSvm({ c: options.c ?? 0.5, seed: options.seed });
  }
  fit(rows: readonly ReviewInput[], labels: readonly Sentiment[]): this {
    const x = this.vectorizer.fit(rows.map((r) => r.text)).transform(rows.map((r) => r.text));
    this.svm.fit(x, labels, this.vectorizer.vocabulary.size);
    return this;
  }
  predict(rows: readonly ReviewInput[]): SentimentPrediction[] {
    const pos = this.svm.classes.indexOf('positive');
    const neg = this.svm.classes.indexOf('negative');
    // One prediction per distinct text (a pure function of it), shared by the rows that repeat it.
    const byText = new Map<string, SentimentPrediction>();
    return rows.map((r) => {
      const seen = byText.get(r.text);
      if (seen) return { ...seen };
      const x = this.vectorizer.transformOne(r.text);
      const d = this.svm.decision(x);
      let best = 0;
      for (let k = 1; k < d.length; k++) if (d[k] > d[best]) best = k;
      const p: SentimentPrediction = {
        label: this.svm.classes[best] as Sentiment,
        score: (pos >= 0 ? d[pos] : 0) - (neg >= 0 ? d[neg] : 0),
      };
      byText.set(r.text, p);
      return { ...p };
    });
  }
  params() {
    return {
      analyzer: 'word 1-2 grams with negation marking',
      min_df: this.options.minDf ?? 2,
      c: this.options.c ?? 0.5,
      vocabulary: this.vectorizer.vocabulary.size,
    };
  }
}

/** The source label is a function of the star rating, so this "model" is exact by construction. */
export class StarRatingSentiment implements SentimentModel {
  readonly name = 'star_rating';
  readonly textOnly = false;
  fit(): this {
    return this;
  }
  predict(rows: readonly ReviewInput[]): SentimentPrediction[] {
    return rows.map((r) =>
      r.rating === null ? { label: 'neutral', score: Number.NaN } : { label: labelFromRating(r.rating), score: r.rating },
    );
  }
  params() {
    return { rule: 'rating <= 2 negative, 3 neutral, >= 4 positive' };
  }
}

/** Everyone gets the most frequent training label: the floor a text model must clear. */
export class MajoritySentiment implements SentimentModel {
  readonly name = 'majority_class';
  readonly textOnly = true;
  private label: Sentiment = 'positive';
  fit(_rows: readonly ReviewInput[], labels: readonly Sentiment[]): this {
    const counts = new Map<Sentiment, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    this.label = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'positive';
    return this;
  }
  predict(rows: readonly ReviewInput[]): SentimentPrediction[] {
    return rows.map(() => ({ label: this.label, score: 0 }));
  }
  params() {
    return { label: this.label };
  }
}
