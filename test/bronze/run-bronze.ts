// Test helper: the bronze layer in one call, as its DAG steps (src/bronze/index.ts) do it in turn:
// ingest every source file, then check, profile and write the quality report.
import type { MarqueeConfig } from '../../src/config.js';
import { CONTRACTS } from '../../src/contracts/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { profileBronze } from '../../src/bronze/profile-bronze.js';
import { checkBronze, ingestAll, type BronzeOptions, type IngestionSummary } from '../../src/bronze/run.js';
import { recordUnrecognised } from '../../src/bronze/ingest.js';
import { listLanding, unrecognisedMessage } from '../../src/bronze/landing.js';
import type { CheckResult } from '../../src/quality/check.js';
import { writeQualityReport, type ReportPaths } from '../../src/quality/report/index.js';

export interface BronzeResult {
  ingestions: IngestionSummary[];
  checks: CheckResult[];
  report?: ReportPaths;
}

export async function runBronze(
  engine: Engine,
  config: MarqueeConfig,
  runId: string,
  options: BronzeOptions & { ingestOnly?: boolean } = {},
): Promise<BronzeResult> {
  const ingestions = await ingestAll(engine, config, runId, options);
  // As the bronze validate step does: CSVs that match no table are logged and recorded, not loaded.
  const { unrecognised } = listLanding(config.input, { allowMissing: true });
  if (unrecognised.length > 0) {
    options.log?.(`warning: ${unrecognisedMessage(config.input, unrecognised)}`);
    await recordUnrecognised(engine, runId, unrecognised, (options.now ?? (() => new Date()))());
  }
  if (options.ingestOnly) return { ingestions, checks: [] };
  const contracts = options.tables ? CONTRACTS.filter((c) => options.tables!.includes(c.name)) : [...CONTRACTS];
  const checks = await checkBronze(engine, config, runId, contracts);
  await profileBronze(engine, runId, contracts);
  const report = await writeQualityReport(engine, config, runId);
  return { ingestions, checks, report };
}
