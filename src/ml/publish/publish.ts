// Publishing a use case's results to the shared ml.* tables and the model-card files. Every ML step
// ends with this call; the rows are keyed by use_case so the steps never overwrite each other.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { literal } from '../../engine/sql.js';
import type { Engine } from '../../engine/engine.js';
import type { ModelCard } from '../core/model_card.js';
import { renderModelCardJson } from '../core/model_card.js';
import { writeTable, type CellValue } from './store.js';
import { METRICS, MODEL_CARDS, MODEL_RUNS } from './tables.js';

export type Row = Record<string, CellValue>;

export interface PublishedCard {
  model: string;
  card: ModelCard & { plainVerdict: string; suspicious?: boolean };
}

export interface UseCaseResults {
  /** ml.model_runs rows (run_id, use_case, model, trained_at, ...). */
  modelRuns: readonly Row[];
  /** ml.metrics rows. */
  metrics: readonly Row[];
  /** One card per model: a JSON file under <warehouse>/reports/model_cards and an ml.model_cards row. Absent: the use case has no cards. */
  cards?: readonly PublishedCard[];
}

/** Filter that keeps the other use cases' rows of a table that holds only each use case's latest run. */
export function otherUseCases(useCase: string): string {
  return `use_case <> ${literal(useCase)}`;
}

/** Filter that keeps history: every row except this use case's rows of this run (a re-run replaces them). */
function historyExcept(useCase: string, runId: string): string {
  return `NOT (use_case = ${literal(useCase)} AND run_id = ${literal(runId)})`;
}

export function modelCardDir(warehouse: string): string {
  return join(warehouse, 'reports', 'model_cards');
}

/** The card file's name: <use case>_<model>.json, with anything but letters, digits and _ in the model name made _. */
export function modelCardFile(useCase: string, model: string): string {
  return `${useCase}_${model.replace(/[^a-z0-9_]+/gi, '_')}.json`;
}

/**
 * Writes a use case's model runs and metrics (history: earlier runs kept) and its model cards
 * (latest run only; JSON files and ml.model_cards rows).
 */
export async function publishUseCase(
  ctx: { engine: Engine; runId: string; config: { warehouse: string } },
  useCase: string,
  results: UseCaseResults,
): Promise<void> {
  const { engine, runId } = ctx;
  if (results.cards) {
    const dir = modelCardDir(ctx.config.warehouse);
    mkdirSync(dir, { recursive: true });
    for (const c of results.cards) writeFileSync(join(dir, modelCardFile(useCase, c.model)), renderModelCardJson(c.card) + '\n');
  }
  const history = historyExcept(useCase, runId);
  await writeTable(engine, MODEL_RUNS, results.modelRuns, { runId, keepWhere: history });
  await writeTable(engine, METRICS, results.metrics, { runId, keepWhere: history });
  if (results.cards) {
    await writeTable(
      engine,
      MODEL_CARDS,
      results.cards.map((c) => ({
        run_id: runId,
        use_case: useCase,
        model: c.model,
        verdict_level: c.card.verdict.level,
        verdict: c.card.plainVerdict,
        suspicious: c.card.suspicious ?? false,
        card_json: renderModelCardJson(c.card, 0),
      })),
      { runId, keepWhere: otherUseCases(useCase) },
    );
  }
}
