// The quarantine-share check, per table and batch: the share of a batch's lines that bronze set aside.
// A few bad lines are normal; a batch that quarantines a large part of itself (a column that turned
// from numbers into text halfway down the file) is a broken delivery and must not end a run "ok".
// Two results per table and run: `quarantine_share_high` warns above `warnAbove`, `quarantine_share`
// fails above `failAbove` (blocking: it stops the table's downstream steps). Thresholds come from the
// config (`bronzeQuarantineShare`). Computed from this run's meta.ingestions rows, so it is a fact
// about batches, not about the table as a whole: one bad file among good ones is still caught.
import type { MarqueeConfig } from '../config.js';
import type { Engine } from '../engine/engine.js';
import { sql } from '../engine/sql.js';
import type { TableContract } from '../contracts/index.js';
import type { CheckAction, CheckResult } from '../quality/check.js';

export interface QuarantineShareLimits {
  /** Warn when a batch quarantines more than this share of its lines (0..1). */
  warnAbove: number;
  /** Fail when a batch quarantines more than this share of its lines (0..1). */
  failAbove: number;
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;

export async function checkQuarantineShare(
  engine: Engine,
  config: Pick<MarqueeConfig, 'bronzeQuarantineShare'>,
  runId: string,
  contracts: readonly TableContract[],
  actions: ReadonlyArray<CheckAction>,
): Promise<CheckResult[]> {
  const limits = config.bronzeQuarantineShare;
  const levels = [
    { check: 'quarantine_share_high', action: 'warn' as const, above: limits.warnAbove },
    { check: 'quarantine_share', action: 'fail' as const, above: limits.failAbove },
  ].filter((l) => actions.includes(l.action));
  const results: CheckResult[] = [];
  for (const contract of contracts) {
    const dataset = `bronze.${contract.name}`;
    const batches = await engine.query<{ batch_id: string; source_file: string; rows_read: number; rows_quarantined: number }>(
      sql`SELECT batch_id, source_file, rows_read, rows_quarantined FROM meta.ingestions
        WHERE run_id = ${runId} AND dataset = ${dataset} AND status = 'loaded' AND rows_read > 0 ORDER BY batch_id`,
    );
    if (batches.length === 0) continue;
    for (const level of levels) {
      const over = batches.filter((b) => Number(b.rows_quarantined) / Number(b.rows_read) > level.above);
      const sample = over
        .slice(0, 5)
        .map(
          (b) =>
            `batch ${b.batch_id} (${b.source_file}): ${b.rows_quarantined} of ${b.rows_read} lines quarantined ` +
            `(${pct(Number(b.rows_quarantined) / Number(b.rows_read))}), above the ${pct(level.above)} limit`,
        );
      const result: CheckResult = {
        runId,
        layer: 'bronze',
        dataset,
        check: level.check,
        kind: 'quarantine_share',
        action: level.action,
        passedRecords: batches.length - over.length,
        failedRecords: over.length,
        sample,
        passed: over.length === 0,
      };
      await engine.exec(sql`INSERT INTO meta.check_results
        (run_id, layer, dataset, check_name, kind, column_name, action, reason_code, passed_records, failed_records, passed, sample, checked_at)
        VALUES (${runId}, 'bronze', ${dataset}, ${level.check}, 'quarantine_share', NULL, ${level.action}, 'QUARANTINE_SHARE_HIGH',
          ${result.passedRecords}, ${result.failedRecords}, ${result.passed}, ${JSON.stringify(sample)}, current_timestamp)`);
      results.push(result);
    }
  }
  return results;
}
