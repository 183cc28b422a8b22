// The ML layer's tuning knobs in one place: resampling sizes, split fractions, thresholds and the
// use cases' horizons and list lengths. Changing one changes what every step reports, so each is
// named for what it controls. Math constants (epsilons, the 0.5 of chance AUC) stay where they are
// used; the as-of date, label window and seed are run settings in src/config.ts.
export const ML_SETTINGS = {
  /** Bootstrap replicates for every confidence interval (test rows resampled, model fixed). */
  bootstrapResamples: 300,
  /** Label shuffles in the permutation test on AUC. */
  permutations: 500,
  /** Held-out share in the seeded random splits (churn, sentiment, search intent). */
  testFraction: 0.3,
  /** Significance level of the verdicts. */
  alpha: 0.05,
  /** A feature whose AUC alone exceeds this is flagged as possible label leakage and dropped. */
  leakageThreshold: 0.95,
  churn: {
    /** Churn probability at or above which a user is high / medium risk. */
    highRisk: 0.3,
    mediumRisk: 0.15,
    /**
     * Training users the three learned models fit on at most (a seeded sample above it; the imputer,
     * leakage guard, baselines and recency reference keep every training user). The forest's cost grows
     * faster than its rows. Above scale 1's 7,000; the cards' params state it.
     */
    maxTrainingUsers: 10_000,
    /**
     * Test users the models are scored on at most (a seeded sample of the test split above it): the
     * bootstrap and permutation tests cost test rows x resamples per model. Above scale 1's 3,000.
     */
    maxEvaluatedUsers: 10_000,
    /** The learned models' hyper-parameters (the seeds come from the run's seed); bench/ml-peers.ts times the same. */
    forest: { nTrees: 100, maxDepth: 14, minSamplesLeaf: 3 },
    gbt: { nTrees: 300, learningRate: 0.05, maxLeaves: 15, maxDepth: 4, minSamplesLeaf: 40, earlyStoppingRounds: 30 },
  },
  recommend: {
    /** Length of each user's list, and the cut-off of the ranking metrics (NDCG@K ...). */
    listLength: 10,
    /** Days of demand behind "recent popularity" (the baseline, and the cold-start list). */
    recentDays: 28,
    /**
     * Test (and validation) users a run evaluates at most: a seeded sample above it. Evaluation scores
     * every title for every evaluated user (users x titles), the part that grew faster than the data.
     * Above the scale-1 count (5,729 test users, seed 42), so scale-1 runs evaluate every user.
     */
    maxEvaluatedUsers: 7_500,
    /**
     * SGD samples per epoch at most for BPR and NCF (by default one per training entry): the epochs
     * keep their count but not their length past this. Above scale 1's 83,401 training entries.
     */
    maxSgdSamplesPerEpoch: 100_000,
  },
  forecast: {
    /** Days ahead. */
    horizon: 28,
    /** Nominal coverage of the prediction intervals. */
    intervalLevel: 0.9,
    /** Test coverage a 90% interval should reach: below it the intervals are too narrow, above it too wide (the card says so). */
    coverageTarget: [0.85, 0.95],
    /** Titles forecast one by one (the most viewed); the rest only in the catalogue total. */
    topTitles: 50,
    /** Days in the first rolling-origin training window. */
    firstWindowDays: 365,
    /** Days between rolling origins: the catalogue series, and each title's. */
    catalogueOriginStep: 14,
    titleOriginStep: 56,
    /** Titles (the most viewed in the first training window) on which the models are evaluated and judged. */
    evaluatedTitles: 10,
    /** Epoch budget of one LSTM's training (one network per group); early stopping on the validation origins usually ends it sooner. */
    lstmMaxEpochs: 40,
    /** Prophet's uncertainty simulations per forecast (its intervals). */
    prophetUncertaintySamples: 200,
  },
  sentiment: {
    /**
     * Held-out reviews scored at most (a seeded sample of the test split above it): the bootstrap and
     * permutation tests cost test rows x resamples per model and subset. Above scale 1's 4,283.
     */
    maxEvaluatedReviews: 6_000,
    /**
     * Train-split reviews the models learn from at most (VADER's thresholds, the SVM), a seeded sample
     * above it: VADER on every training text was most of the step at scale 10. Above scale 1's 9,967.
     */
    maxTrainingReviews: 15_000,
  },
  searchIntent: {
    /** Weakly labelled train queries the TF-IDF SVM and the embedding SVM learn from at most (scale 1: 13,335). */
    maxTrainingQueries: 20_000,
    /** Train-split queries the subword embeddings are trained on at most (scale 1: 17,500). */
    maxEmbeddingQueries: 25_000,
    /** Held-out searches scored against the true intents at most (scale 1: 7,500). */
    maxEvaluatedSearches: 10_000,
    /** Misspelt held-out queries in the suggestion typo test at most (scale 1: 893). */
    maxTypoQueries: 1_500,
  },
  segment: {
    /** Points in the silhouette / DBSCAN samples. */
    sampleSize: 3000,
    /** Null-reference replicates (components permuted): 19 puts the bar at the null's 95th percentile. */
    nullReplicates: 19,
    /** Points in the sample the real and null silhouettes are computed on. */
    nullSampleSize: 1000,
    /**
     * Users the Gaussian mixture is fitted on at most (a seeded sample above it); every user then gets
     * the component it most probably belongs to under that fit. EM on every user was most of the step
     * at scale 10. Above scale 1's 10,000 users, so scale-1 runs fit on every user.
     */
    maxGmmFitPoints: 20_000,
    /**
     * Users k-means is fitted on at most (every k of the silhouette search, its restarts and the
     * stability runs), a seeded sample above it; every user then gets the nearest centroid of the
     * chosen fit. Lloyd on a million users was most of the step at scale 100. Above scale 1's 10,000.
     */
    maxKmeansFitPoints: 20_000,
  },
} as const;
