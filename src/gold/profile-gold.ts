// Column profiles of every gold table (row count, blanks, ranges, mean, quantiles), so the
// quality report covers gold beside bronze and silver. Run by gold.quality_report once gold is
// published; temporary tables of a build in progress are left out.
import type { Engine } from '../engine/engine.js';
import { TEMP_TABLE_PATTERN } from '../pipeline/leftovers.js';
import { profileAndRecord, type ColumnProfile, type ProfileColumn, type TableToProfile } from '../quality/profile.js';
import { profileKindOf } from './profile-silver.js';

export async function profileGold(engine: Engine, runId: string): Promise<ColumnProfile[]> {
  const tables = (await engine.listTables('gold'))
    .map((t) => t.table_name.toLowerCase())
    .filter((name) => /^[a-z0-9_]+$/.test(name) && !TEMP_TABLE_PATTERN.test(name))
    .sort();
  const toProfile: TableToProfile[] = [];
  for (const table of tables) {
    const dataset = `gold.${table}`;
    const columns: ProfileColumn[] = [];
    for (const c of await engine.listColumns(dataset)) {
      const portable = engine.portableType(c.data_type);
      if (!portable || c.column_name.startsWith('_') || !/^[a-z0-9_]+$/.test(c.column_name)) continue;
      columns.push({ name: c.column_name, kind: profileKindOf(portable.ddl), typeName: portable.ddl });
    }
    // Statistics only (one query a table): gold has dozens of tables, and the report asks of them rows,
    // blanks and ranges; distinct values and histograms are bronze's and silver's.
    toProfile.push({ dataset, columns, statisticsOnly: true });
  }
  return profileAndRecord(engine, runId, 'gold', toProfile);
}
