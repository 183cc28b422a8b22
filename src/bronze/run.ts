// The bronze layer's work behind its steps (index.ts): ingest every source file (all validated and
// staged before any is published) and run the bronze checks.
import type { CsvReader, Engine } from '../engine/engine.js';
import type { MarqueeConfig } from '../config.js';
import { CONTRACTS, type SourceTableName, type TableContract } from '../contracts/index.js';
import { ensureWarehouse } from '../warehouse/schema.js';
import { UserError } from '../errors.js';
import type { CheckResult } from '../quality/check.js';
import { runChecks } from '../quality/run-checks.js';
import { bronzeChecks, recordFileAge } from './checks.js';
import { discardStaged, planTable, publishTable, stageTable, type StagedTable, type TablePlan } from './ingest.js';
import { pauseIfRequested } from '../pipeline/test-hooks.js';

export interface BronzeOptions {
  /** Rebuild bronze from the files as they are now instead of appending new batches. */
  fullRefresh?: boolean;
  /** Source tables to ingest (default: all six). */
  tables?: readonly SourceTableName[];
  /** Clock for batch ids and _ingested_at (tests pin it). */
  now?: () => Date;
  log?: (message: string) => void;
  /** CSV reader to use instead of the engine's own (tests; a future engine). */
  reader?: CsvReader;
}

export interface IngestionSummary {
  table: SourceTableName;
  file: string;
  status: 'loaded' | 'skipped';
  batchId?: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  warnings: string[];
  /** The file's modification time (for the file-age check). */
  fileModifiedAt: Date;
}

function contractsFor(tables?: readonly SourceTableName[]): TableContract[] {
  return tables ? CONTRACTS.filter((c) => tables.includes(c.name)) : [...CONTRACTS];
}

/** Plan every table; throw one UserError listing every fatal problem of every file. */
export async function planAll(engine: Engine, config: MarqueeConfig, contracts: readonly TableContract[], fullRefresh: boolean): Promise<TablePlan[]> {
  const plans: TablePlan[] = [];
  const errors: string[] = [];
  for (const contract of contracts) {
    const { plan, errors: found } = await planTable(engine, config.input, contract, fullRefresh);
    errors.push(...found);
    if (plan) plans.push(plan);
  }
  if (errors.length > 0) {
    throw new UserError(`bronze: ${errors.length} problem(s) in the input files; nothing was loaded:\n  - ${errors.join('\n  - ')}`);
  }
  return plans;
}

/** Ingest: plan all, stage all, then publish all. A failure before publishing changes nothing. */
export async function ingestAll(engine: Engine, config: MarqueeConfig, runId: string, options: BronzeOptions = {}): Promise<IngestionSummary[]> {
  await ensureWarehouse(engine);
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const plans = await planAll(engine, config, contractsFor(options.tables), options.fullRefresh ?? false);
  const staged: StagedTable[] = [];
  try {
    for (const [i, plan] of plans.entries()) staged.push(await stageTable(engine, plan, runId, i + 1, now(), options.reader));
  } catch (error) {
    for (const s of staged) await discardStaged(engine, s);
    throw error;
  }
  for (const s of staged) {
    await pauseIfRequested(`before-swap:bronze.${s.plan.contract.name}`);
    await publishTable(engine, s, runId);
    for (const w of s.plan.warnings) log(`warning: ${w}`);
    log(s.plan.action === 'skip'
      ? `${s.plan.contract.name}: ${s.plan.path} already loaded (same sha256); skipped`
      : `${s.plan.contract.name}: read ${s.rowsRead}, loaded ${s.rowsLoaded}, quarantined ${s.rowsQuarantined} (batch ${s.batchId})`);
  }
  const summaries: IngestionSummary[] = staged.map((s) => ({
    table: s.plan.contract.name,
    file: s.plan.path,
    status: s.plan.action === 'skip' ? 'skipped' : 'loaded',
    batchId: s.plan.action === 'skip' ? undefined : s.batchId,
    rowsRead: s.plan.action === 'skip' ? 0 : s.rowsRead,
    rowsLoaded: s.rowsLoaded,
    rowsQuarantined: s.rowsQuarantined,
    warnings: s.plan.warnings,
    fileModifiedAt: s.plan.scan.modifiedAt,
  }));
  for (const summary of summaries) await recordFileAge(engine, runId, summary, now());
  return summaries;
}

/** Run the bronze checks (optionally only some actions) for the given contracts and record them in meta.check_results. */
export async function checkBronze(
  engine: Engine, config: MarqueeConfig, runId: string, contracts: readonly TableContract[] = CONTRACTS,
  actions: ReadonlyArray<CheckResult['action']> = ['warn', 'drop', 'fail'],
): Promise<CheckResult[]> {
  return runChecks(engine, bronzeChecks(config, contracts).filter((c) => actions.includes(c.action)), { runId, layer: 'bronze' });
}

/** Failed `fail` checks as one UserError (stops everything downstream). */
export function assertNoFailingChecks(results: readonly CheckResult[]): void {
  const failing = results.filter((r) => r.action === 'fail' && !r.passed);
  if (failing.length > 0) {
    throw new UserError(`bronze: ${failing.length} blocking check(s) failed: ${failing.map((r) => `${r.dataset} ${r.check} (${r.failedRecords} failed)`).join('; ')}`);
  }
}
