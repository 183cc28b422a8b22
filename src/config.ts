// Typed configuration with defaults. Every path, seed and threshold the pipeline uses lives here,
// so a run is fully described by its config (printed into meta.runs).
import { resolve } from 'node:path';

export type EngineName = 'duckdb' | 'spark';
export type SignalMode = 'realistic' | 'none';

export interface MarqueeConfig {
  /** Folder holding the six source CSVs. */
  input: string;
  /** Warehouse folder: marquee.duckdb plus reports/. */
  warehouse: string;
  engine: EngineName;
  /** Spark Connect URL, e.g. sc://127.0.0.1:15002 (engine spark only). */
  sparkUrl: string;
  /** Fixed "today" for tenure, recency, freshness and ML splits: never the wall clock. */
  asOfDate: string;
  /** Length of the churn label window after the as-of date, in days. */
  labelWindowDays: number;
  seed: number;
  scale: number;
  signal: SignalMode;
  /**
   * DuckDB memory limit, e.g. '4GB'. The process's peak RSS runs above it (allocations outside
   * DuckDB's buffer manager, Node itself): at scale 100 a 6GB limit peaked at 6.5 GB RSS, so the
   * default leaves room under a 6 GB budget.
   */
  memoryLimit: string;
  threads: number;
  /**
   * Secret key of the silver pseudonyms, from MARQUEE_PSEUDONYM_KEY. Unset: the warehouse's own
   * random key in <warehouse>/secrets/pseudonym.key, created on its first run (src/silver/pseudonym-key.ts).
   * There is no default: a key written in the code would let anyone reverse the pseudonyms.
   */
  pseudonymKey?: string;
}

export const DEFAULT_DATA_DIR = 'data/generated';

export function defaultConfig(): MarqueeConfig {
  return {
    input: DEFAULT_DATA_DIR,
    warehouse: 'warehouse',
    engine: 'duckdb',
    sparkUrl: 'sc://127.0.0.1:15002',
    asOfDate: '2025-10-01',
    labelWindowDays: 90,
    seed: 42,
    scale: 1,
    signal: 'realistic',
    memoryLimit: '4GB',
    threads: 2,
    pseudonymKey: process.env.MARQUEE_PSEUDONYM_KEY || undefined,
  };
}

/** Defaults overlaid with the given values; paths resolved against the working directory. */
export function loadConfig(overrides: Partial<MarqueeConfig> = {}): MarqueeConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const config = { ...defaultConfig(), ...defined } as MarqueeConfig;
  config.input = resolve(config.input);
  config.warehouse = resolve(config.warehouse);
  return config;
}
