// The bronze layer's DAG steps: validate every source file first (so a broken file stops the run
// before any table changes), one ingest step per source table (bronze.<table>), then checks, the
// profile and the quality report. (test/bronze/run-bronze.ts does the same in one call for the bronze tests.)
import { statSync } from 'node:fs';
import { CONTRACTS, type TableContract } from '../contracts/index.js';
import type { StepContext, TsStep } from '../pipeline/step.js';
import { ensureWarehouse } from '../warehouse/schema.js';
import { assertNoFailingChecks, checkBronze, ingestAll, planAll } from './run.js';
import { profileBronze } from './profile-bronze.js';
import { recordUnrecognised } from './ingest.js';
import { listLanding, unrecognisedMessage } from './landing.js';
import { bronzeReportStep } from './report-step.js';

export { ingestAll, type BronzeOptions, type IngestionSummary } from './run.js';
export { bronzeChecks } from './checks.js';
export { bronzeReportFallbackHook } from './report-step.js';

const VALIDATE = 'bronze.validate';
const tableStep = (c: TableContract) => `bronze.${c.name}`;

const validateStep: TsStep = {
  kind: 'ts',
  name: VALIDATE,
  layer: 'bronze',
  description: 'Check every source file against its contract (header, delimiter, encoding) before anything is loaded.',
  deps: [],
  produces: [],
  async run(ctx: StepContext) {
    await ensureWarehouse(ctx.engine);
    const plans = await planAll(ctx.engine, ctx.config, CONTRACTS, ctx.fullRefresh ?? false);
    for (const p of plans) for (const w of p.warnings) ctx.log(`warning: ${w}`);
    const { unrecognised } = listLanding(ctx.config.input, { allowMissing: true });
    if (unrecognised.length > 0) {
      ctx.log(`warning: ${unrecognisedMessage(ctx.config.input, unrecognised)}`);
      await recordUnrecognised(ctx.engine, ctx.runId, unrecognised, new Date());
    }
    return {
      metadata: {
        files: plans.map((p) => ({ table: p.contract.name, file: p.path, action: p.action, kind: p.kind, bytes: p.scan.bytes })),
        unrecognised,
      },
    };
  },
};

/** Bytes of the table's files in the landing folder (0 when there are none or they cannot be read). */
function landingBytes(input: string, contract: TableContract): number {
  const files = listLanding(input, { allowMissing: true }).files.get(contract.name) ?? [];
  return files.reduce((sum, path) => {
    try {
      return sum + statSync(path).size;
    } catch {
      return sum; // gone since the listing: bronze's own planner reports it
    }
  }, 0);
}

function ingestStep(contract: TableContract): TsStep {
  return {
    kind: 'ts',
    name: tableStep(contract),
    layer: 'bronze',
    description: `Ingest the new ${contract.name} files (${contract.name}.csv, ${contract.name}_*.csv, ${contract.name}/*.csv) into bronze.${contract.name} (typed, with lineage columns); untypable lines go to quarantine.${contract.name}.`,
    deps: [VALIDATE],
    produces: [`bronze.${contract.name}`],
    inputBytes: (config) => landingBytes(config.input, contract),
    async run(ctx: StepContext) {
      const files = await ingestAll(ctx.engine, ctx.config, ctx.runId, {
        tables: [contract.name],
        fullRefresh: ctx.fullRefresh,
        log: ctx.log,
      });
      // Blocking checks (e.g. not empty, the quarantine share) run here, so a failure stops this table's downstream steps.
      assertNoFailingChecks(await checkBronze(ctx.engine, ctx.config, ctx.runId, [contract], ['fail']));
      const sum = (pick: (f: (typeof files)[number]) => number) => files.reduce((s, f) => s + pick(f), 0);
      return {
        rowsIn: sum((f) => f.rowsRead),
        rowsOut: sum((f) => f.rowsLoaded),
        metadata: {
          status: files.some((f) => f.status === 'loaded') ? 'loaded' : 'skipped',
          batches: files.map((f) => ({
            file: f.file,
            status: f.status,
            kind: f.kind,
            batchId: f.batchId,
            rowsRead: f.rowsRead,
            rowsQuarantined: f.rowsQuarantined,
          })),
          rowsQuarantined: sum((f) => f.rowsQuarantined),
          warnings: files.flatMap((f) => f.warnings),
        },
      };
    },
  };
}

const ingestSteps = CONTRACTS.map(ingestStep);
const allTables = CONTRACTS.map(tableStep);

const checksStep: TsStep = {
  kind: 'ts',
  name: 'bronze.checks',
  layer: 'bronze',
  description:
    'Non-blocking bronze checks derived from the contracts (completeness, duplicates, domains, ranges, keys, freshness, row counts) into meta.check_results.',
  deps: allTables,
  produces: [],
  async run(ctx: StepContext) {
    // The blocking (`fail`) checks already ran in each table's step; these warn.
    const results = await checkBronze(ctx.engine, ctx.config, ctx.runId, CONTRACTS, ['warn', 'drop']);
    const failed = results.filter((r) => !r.passed);
    for (const r of failed) ctx.log(`warning: ${r.dataset} ${r.check}: ${r.failedRecords} record(s)`);
    return { metadata: { checks: results.length, failed: failed.length } };
  },
};

const profileStep: TsStep = {
  kind: 'ts',
  name: 'bronze.profile',
  layer: 'bronze',
  description: 'Profile every bronze column (blanks vs contract, distinct, quantiles, top values, histogram) into meta.column_profiles.',
  deps: allTables,
  produces: [],
  async run(ctx: StepContext) {
    const profiles = await profileBronze(ctx.engine, ctx.runId, CONTRACTS);
    return { metadata: { columns: profiles.length } };
  },
};

export const bronzeSteps: TsStep[] = [validateStep, ...ingestSteps, checksStep, profileStep, bronzeReportStep];
