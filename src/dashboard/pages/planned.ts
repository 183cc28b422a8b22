// A view whose gold/ml table is planned but whose columns are not designed yet. Until the table
// exists it renders "not available yet: run the pipeline through <layer>"; once the table exists and
// the view still has no query it says "planned" (never an error, never invented numbers). Filling a
// view in = adding `query` plus `chart` or `table` (see src/dashboard/CONTEXT.md).
import type { FilterColumns } from '../filters.js';
import type { ViewSpec } from '../views.js';

export function plannedView(id: string, title: string, caption: string, tables: readonly string[], filterColumns?: FilterColumns): ViewSpec {
  return { id, title, caption, tables, filterColumns };
}
