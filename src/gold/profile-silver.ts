// Column profiles of the silver source tables (one per contract), so the quality report profiles
// bronze and silver alike. Step gold.profile_silver takes them once silver is published, beside the
// gold models when a run takes steps side by side; gold.quality_report takes them itself in a run
// without that step. Columns the contracts declare as personal data are not profiled: a profile keeps
// values (top values, min, max).
import { CONTRACTS } from '../contracts/index.js';
import type { Engine } from '../engine/engine.js';
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';
import { profileAndRecord, type ColumnProfile, type ProfileColumn, type ProfileKind, type TableToProfile } from '../quality/profile.js';

/** The profile kind of a portable column type (DDL spelling). */
export function profileKindOf(ddl: string): ProfileKind {
  if (['BIGINT', 'INTEGER', 'SMALLINT', 'DOUBLE', 'REAL'].includes(ddl)) return 'numeric';
  if (ddl === 'BOOLEAN') return 'boolean';
  if (ddl === 'DATE') return 'date';
  if (ddl === 'TIMESTAMP') return 'timestamp';
  return 'string';
}

export async function profileSilver(engine: Engine, runId: string): Promise<ColumnProfile[]> {
  const tables: TableToProfile[] = [];
  // One catalog question for the layer, not one per table (on Spark each is a job).
  const present = new Set((await engine.listTables('silver')).map((t) => t.table_name.toLowerCase()));
  for (const contract of CONTRACTS) {
    const dataset = `silver.${contract.name}`;
    if (!present.has(contract.name.toLowerCase())) continue;
    const pii = new Set(contract.columns.filter((c) => c.pii).map((c) => c.name));
    const columns: ProfileColumn[] = [];
    for (const c of await engine.listColumns(dataset)) {
      const portable = engine.portableType(c.data_type);
      if (!portable || pii.has(c.column_name) || c.column_name.startsWith('_')) continue;
      columns.push({ name: c.column_name, kind: profileKindOf(portable.ddl), typeName: portable.ddl });
    }
    tables.push({ dataset, columns });
  }
  return profileAndRecord(engine, runId, 'silver', tables);
}

export const PROFILE_SILVER_STEP = 'gold.profile_silver';

export const profileSilverStep: TsStep = {
  kind: 'ts',
  name: PROFILE_SILVER_STEP,
  layer: 'gold',
  description:
    "Column profiles of silver's source tables (rows, blanks, ranges, distinct and top values, quantiles) for the quality report.",
  // Silver as published: every source table's silver model.
  deps: CONTRACTS.map((c) => `silver.${c.name}`),
  produces: [],
  async run(ctx: StepContext): Promise<StepResult> {
    const profiles = await profileSilver(ctx.engine, ctx.runId);
    return { metadata: { columns: profiles.length, tables: new Set(profiles.map((p) => p.dataset)).size } };
  },
};
