// What the report computes from the tables themselves rather than the meta tables: per profiled
// table its missing-value matrix and numeric correlations, and per check that did not pass a few
// whole failing rows. Structural types, so the report model can hand its records in as they are.
import type { Engine } from '../../engine/engine.js';
import { mapOnTwoConnections } from '../../engine/two-connections.js';
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
  const matrixTables = tables.filter((t) => t.columns.length > 0 && MATRIX_LAYERS.has(t.layer));
  // Two tables at a time where the engine has a second connection (reads only; same matrices).
  const extras = await mapOnTwoConnections(engine, matrixTables, async (connection, t) => ({
    missing: await missingMatrix(connection, t.dataset, t.columns),
    correlations: await correlationMatrix(connection, t.dataset, t.columns),
  }));
  matrixTables.forEach((t, i) => Object.assign(t, extras[i]));
}

/** Whole failing rows for every check that did not pass and has a definition in the catalog. */
export async function addFailingRows(
  engine: Engine,
  checks: FailedCheck[],
  catalog: ReadonlyMap<string, CheckDefinition>,
  pseudonymise: Pseudonymiser | undefined,
): Promise<void> {
  const shown = checks.flatMap((c) => {
    const definition = c.passed || !c.dataset ? undefined : catalog.get(catalogKey(c.dataset, c.check));
    return definition ? [{ check: c, definition }] : [];
  });
  // Two checks at a time where the engine has a second connection (reads only; same rows).
  const found = await mapOnTwoConnections(engine, shown, (connection, s) => failingRows(connection, s.definition, pseudonymise));
  shown.forEach((s, i) => {
    const rows = found[i];
    if (rows) s.check.failingRows = rows;
  });
}
