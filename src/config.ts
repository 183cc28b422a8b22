// Typed configuration with defaults. Every path, seed and threshold the pipeline uses lives here,
// so a run is fully described by its config (printed into meta.runs).
import { resolve } from 'node:path';

/** Every engine Marquee runs on; `--engine` accepts exactly these (src/engine/ has one folder each). */
export const ENGINE_NAMES = ['duckdb', 'spark'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

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
  /**
   * Bronze's quarantine-share check per table and batch: warn when a batch quarantines more than
   * `warnAbove` of its lines, fail (blocking) above `failAbove`.
   */
  bronzeQuarantineShare: { warnAbove: number; failAbove: number };
}

export const DEFAULT_DATA_DIR = 'data/generated';
/** A Spark Connect server on this machine (scripts/spark/start.sh starts one there). */
export const DEFAULT_SPARK_URL = 'sc://127.0.0.1:15002';

/** The default seed of the generator, the ML splits and silver's imputation holdout. */
export const DEFAULT_SEED = 42;

/**
 * Every environment variable Marquee reads, read here and nowhere else. A function rather than
 * constants: it is called when a run needs the value, never at import time, so a test (or a child
 * process) that sets a variable before the run sees it.
 */
export interface MarqueeEnvironment {
  /** MARQUEE_PSEUDONYM_KEY: the key pseudonymising personal data in silver. */
  pseudonymKey: string | undefined;
  /** MARQUEE_SILVER_ACTIONS: `CODE=action,...` overriding the actions of silver's anomaly rules. */
  silverActions: string | undefined;
  /** MARQUEE_TRACE_SQL=1: every DuckDB statement with its duration to stderr. */
  traceSql: boolean;
  /** MARQUEE_SPARK_PROTO: the Spark Connect descriptor set (default <repo>/.spark/proto/). */
  sparkProto: string | undefined;
  /** MARQUEE_TEST_PAUSE_AT: a test-only pause point (src/pipeline/test-hooks.ts). */
  testPauseAt: string | undefined;
  /** MARQUEE_READER_WAIT_MS: how long a writer waits for readers of the DuckDB file to let go (default 30 s). */
  readerWaitMs: number | undefined;
  /** USER: the Spark Connect user id when the URL names none. */
  user: string | undefined;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): MarqueeEnvironment {
  return {
    pseudonymKey: env.MARQUEE_PSEUDONYM_KEY,
    silverActions: env.MARQUEE_SILVER_ACTIONS,
    traceSql: env.MARQUEE_TRACE_SQL === '1',
    sparkProto: env.MARQUEE_SPARK_PROTO,
    testPauseAt: env.MARQUEE_TEST_PAUSE_AT,
    readerWaitMs: env.MARQUEE_READER_WAIT_MS === undefined ? undefined : Number(env.MARQUEE_READER_WAIT_MS),
    user: env.USER,
  };
}

export function defaultConfig(): MarqueeConfig {
  return {
    input: DEFAULT_DATA_DIR,
    warehouse: 'warehouse',
    engine: 'duckdb',
    sparkUrl: DEFAULT_SPARK_URL,
    asOfDate: '2025-10-01',
    labelWindowDays: 90,
    seed: DEFAULT_SEED,
    scale: 1,
    signal: 'realistic',
    memoryLimit: '4GB',
    threads: 2,
    pseudonymKey: readEnvironment().pseudonymKey || undefined,
    bronzeQuarantineShare: { warnAbove: 0.01, failAbove: 0.1 },
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
