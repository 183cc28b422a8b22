// Thresholds of the bronze checks, in one typed place (like SILVER_SETTINGS): every number a bronze
// check compares against comes from here or from a contract, so a threshold is one edit.

export interface BronzeSettings {
  /** Observed blank rate may exceed the contract's by this much before completeness warns. */
  blankRateTolerance: number;
  /** Freshness: the newest event must lie within this many days before the as-of date. */
  freshnessMaxAgeDays: number;
  /** A source file last modified longer ago than this (at ingestion) is reported as stale. */
  fileMaxAgeDays: number;
  /** The row-count check warns outside [expected x min, expected x max] rows for the run's scale. */
  rowCountMinFactor: number;
  rowCountMaxFactor: number;
}

export const BRONZE_SETTINGS: BronzeSettings = {
  blankRateTolerance: 0.05,
  freshnessMaxAgeDays: 31,
  fileMaxAgeDays: 7,
  rowCountMinFactor: 0.5,
  rowCountMaxFactor: 2,
};
