// What the report computes from the tables themselves rather than the meta tables: per profiled
// table its missing-value matrix and numeric correlations, and per check that did not pass a few
// whole failing rows. Structural types, so the report model can hand its records in as they are.
import type { Engine } from '../../engine/engine.js';
import type { CheckDefinition } from '../check.js';
import type { ColumnProfile } from '../profile.js';
import { correlationMatrix, type CorrelationMatrix } from './correlations.js';
import { catalogKey } from './expectation.js';
import { failingRows, type FailingRows, type Pseudonymiser } from './failing-rows.js';
import { missingMatrix, type MissingMatrix } from './missing-matrix.js';

interface ProfiledTable {
  dataset: string;
  layer: string;
  columns: ColumnProfile[];
  missing?: MissingMatrix | null;
  correlations?: CorrelationMatrix | null;
}

interface FailedCheck {
  dataset?: string;
  check: string;
  passed: boolean;
  failingRows?: FailingRows;
}

/** Layers whose tables get a missing-value matrix and correlations (gold keeps its profile statistics). */
export const MATRIX_LAYERS: ReadonlySet<string> = new Set(['bronze', 'silver']);

export async function addTableExtras(engine: Engine, tables: ProfiledTable[]): Promise<void> {
  for (const t of tables) {
    if (t.columns.length === 0 || !MATRIX_LAYERS.has(t.layer)) continue;
    t.missing = await missingMatrix(engine, t.dataset, t.columns);
    t.correlations = await correlationMatrix(engine, t.dataset, t.columns);
  }
}

/** Whole failing rows for every check that did not pass and has a definition in the catalog. */
export async function addFailingRows(
  engine: Engine,
  checks: FailedCheck[],
  catalog: ReadonlyMap<string, CheckDefinition>,
  pseudonymise: Pseudonymiser | undefined,
): Promise<void> {
  for (const c of checks) {
    if (c.passed || !c.dataset) continue;
    const definition = catalog.get(catalogKey(c.dataset, c.check));
    if (!definition) continue;
    const rows = await failingRows(engine, definition, pseudonymise);
    if (rows) c.failingRows = rows;
  }
}
