// Thresholds and windows of the silver layer, in one typed place. Every number a silver model uses
// comes from here (through {{ silver_setting('name') }}) or from a contract's plausibleRange, so a
// threshold is changed in one edit and the docs (models/silver/CONTEXT.md) name it.
import { DEFAULT_SEED } from '../config.js';

export interface SilverSettings {
  /** Sessions longer than this are flagged as binge (kept). */
  bingeMinutes: number;
  /** Sessions longer than this are flagged as an invalid duration (kept by default). */
  invalidDurationMinutes: number;
  /** Watch time beyond this multiple of the title's duration is flagged. */
  watchOverTitleMultiple: number;
  /** A 'completed' session below this progress percentage is inconsistent. */
  completedMinProgress: number;
  /** A Movie shorter than this many minutes is implausible (documentaries and stand-up may be short). */
  movieMinMinutes: number;
  /** Robust spend outlier rule: |x - median| > k * 1.4826 * MAD (1.4826 makes MAD a sigma estimate). */
  spendMadK: number;
  /** A watch of the recommended title within this many days after the impression counts as attributed. */
  recommendationAttributionDays: number;
  /** A watch within this many days after a search counts as search-to-watch. */
  searchAttributionDays: number;
  /** Imputation quality: share of known values hidden and re-imputed, capped at holdoutMax rows. */
  holdoutShare: number;
  holdoutMax: number;
  /** Seed of the holdout sample (mixed into a hash of the key, so the sample is engine-independent). */
  holdoutSeed: number;
}

export const SILVER_SETTINGS: SilverSettings = {
  bingeMinutes: 300,
  invalidDurationMinutes: 780,
  watchOverTitleMultiple: 3,
  completedMinProgress: 50,
  movieMinMinutes: 30,
  spendMadK: 5,
  recommendationAttributionDays: 7,
  searchAttributionDays: 1,
  holdoutShare: 0.1,
  holdoutMax: 5000,
  holdoutSeed: DEFAULT_SEED,
};

export type SilverSettingName = keyof SilverSettings;

export function silverSetting(name: string, settings: SilverSettings = SILVER_SETTINGS): number {
  if (!(name in settings)) throw new Error(`Unknown silver setting '${name}' (known: ${Object.keys(settings).join(', ')})`);
  return settings[name as SilverSettingName];
}
