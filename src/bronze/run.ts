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
import { discardStaged, planTable, publishTable, stageTable, type StagedTableBatches, type TablePlan } from './ingest.js';
import { checkQuarantineShare } from './quarantine-share.js';
import { listLanding } from './landing.js';
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
  /** New file, new version of a known file (loaded whole), only the appended lines, or identical (skipped). */
  kind: TablePlan['kind'];
  batchId?: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  warnings: string[];
  /** Why a file was appended, reloaded whole or skipped (also in meta.ingestions.message). */
  note?: string;
  /** The file's modification time (for the file-age check). */
  fileModifiedAt: Date;
}

function contractsFor(tables?: readonly SourceTableName[]): TableContract[] {
  return tables ? CONTRACTS.filter((c) => tables.includes(c.name)) : [...CONTRACTS];
}

/** Plan every table; throw one UserError listing every fatal problem of every file. */
export async function planAll(
  engine: Engine,
  config: MarqueeConfig,
  contracts: readonly TableContract[],
  fullRefresh: boolean,
): Promise<TablePlan[]> {
  const plans: TablePlan[] = [];
  const errors: string[] = [];
  const landing = listLanding(config.input, { allowMissing: true });
  for (const contract of contracts) {
    const { plans: found, errors: problems } = await planTable(engine, config.input, contract, fullRefresh, landing);
    errors.push(...problems);
    plans.push(...found);
  }
  if (errors.length > 0) {
    throw new UserError(`bronze: ${errors.length} problem(s) in the input files; nothing was loaded:\n  - ${errors.join('\n  - ')}`);
  }
  return plans;
}

/** Ingest: plan all, stage all, then publish all. A failure before publishing changes nothing. */
export async function ingestAll(
  engine: Engine,
  config: MarqueeConfig,
  runId: string,
  options: BronzeOptions = {},
): Promise<IngestionSummary[]> {
  await ensureWarehouse(engine);
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const contracts = contractsFor(options.tables);
  const plans = await planAll(engine, config, contracts, options.fullRefresh ?? false);
  const staged: StagedTableBatches[] = [];
  let sequence = 1;
  try {
    for (const contract of contracts) {
      const own = plans.filter((p) => p.contract.name === contract.name);
      staged.push(
        await stageTable(engine, contract, own, runId, now(), {
          reader: options.reader,
          fullRefresh: options.fullRefresh,
          firstSequence: sequence,
        }),
      );
      sequence += Math.max(1, own.length);
    }
  } catch (error) {
    for (const s of staged) await discardStaged(engine, s);
    throw error;
  }
  for (const s of staged) {
    await pauseIfRequested(`before-swap:bronze.${s.contract.name}`);
    await publishTable(engine, s, runId);
    if (s.batches.length === 0)
      log(`${s.contract.name}: no file in the landing folder; bronze.${s.contract.name} keeps its earlier batches`);
    for (const b of s.batches) {
      for (const w of b.plan.warnings) log(`warning: ${w}`);
      log(
        b.plan.action === 'skip'
          ? `${s.contract.name}: ${b.plan.path}: ${b.plan.note ?? 'already loaded'}; skipped`
          : `${s.contract.name}: ${b.plan.path}: read ${b.rowsRead}, loaded ${b.rowsLoaded}, quarantined ${b.rowsQuarantined} (batch ${b.batchId})${b.plan.note ? `; ${b.plan.note}` : ''}`,
      );
    }
  }
  const summaries: IngestionSummary[] = staged.flatMap((s) =>
    s.batches.map((b) => ({
      table: s.contract.name,
      file: b.plan.path,
      status: b.plan.action === 'skip' ? ('skipped' as const) : ('loaded' as const),
      kind: b.plan.kind,
      batchId: b.plan.action === 'skip' ? undefined : b.batchId,
      rowsRead: b.rowsRead,
      rowsLoaded: b.rowsLoaded,
      rowsQuarantined: b.rowsQuarantined,
      warnings: b.plan.warnings,
      note: b.plan.note,
      fileModifiedAt: b.plan.scan.modifiedAt,
    })),
  );
  for (const summary of summaries) await recordFileAge(engine, runId, summary, now());
  return summaries;
}

/** Run the bronze checks (optionally only some actions) for the given contracts and record them in meta.check_results. */
export async function checkBronze(
  engine: Engine,
  config: MarqueeConfig,
  runId: string,
  contracts: readonly TableContract[] = CONTRACTS,
  actions: ReadonlyArray<CheckResult['action']> = ['warn', 'drop', 'fail'],
): Promise<CheckResult[]> {
  const results = await runChecks(
    engine,
    bronzeChecks(config, contracts).filter((c) => actions.includes(c.action)),
    { runId, layer: 'bronze' },
  );
  return [...results, ...(await checkQuarantineShare(engine, config, runId, contracts, actions))];
}

/** Failed `fail` checks as one UserError (stops everything downstream). */
export function assertNoFailingChecks(results: readonly CheckResult[]): void {
  const failing = results.filter((r) => r.action === 'fail' && !r.passed);
  if (failing.length > 0) {
    throw new UserError(
      `bronze: ${failing.length} blocking check(s) failed: ${failing.map((r) => `${r.dataset} ${r.check} (${r.failedRecords} failed)`).join('; ')}`,
    );
  }
}
