// Which layers the report's run ran, from meta.step_runs of that run and the layers its selection
// picked: a run `--through bronze` says that silver, gold and ml did not run instead of leaving them
// out without a word, and a layer shown from an earlier run says which run.
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql.js';

export type LayerRunStatus = 'ran' | 'still to run' | 'did not run';

export interface LayerRun {
  layer: string;
  status: LayerRunStatus;
  /** Steps of the layer this run recorded, by status (ok, failed, skipped ...). */
  steps: Record<string, number>;
  /** The run whose checks of this layer the report shows (this run or an earlier one), or null. */
  shownFromRun: string | null;
  /** One sentence for the reader. */
  note: string;
}

/**
 * The status of each of `layers` in run `runId`. `layersInRun`: the layers its selection picked (the
 * runner's plan); unknown (undefined) means "the layers that recorded steps".
 */
export async function layerRuns(
  engine: Engine,
  runId: string,
  layers: readonly string[],
  layersInRun: readonly string[] | undefined,
  shownFrom: Readonly<Record<string, string>>,
): Promise<LayerRun[]> {
  const rows = await engine.query(
    sql`SELECT layer, status, count(*) AS n FROM meta.step_runs WHERE run_id = ${runId} GROUP BY layer, status`,
  );
  return layers.map((layer) => {
    const steps: Record<string, number> = {};
    for (const r of rows.filter((r) => r.layer === layer)) steps[String(r.status)] = Number(r.n);
    const recorded = Object.keys(steps).length > 0;
    const selected = layersInRun ? layersInRun.includes(layer) : recorded;
    const status: LayerRunStatus = recorded ? 'ran' : selected ? 'still to run' : 'did not run';
    const shownFromRun = shownFrom[layer] ?? null;
    const counts = Object.entries(steps)
      .sort()
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    const shown =
      shownFromRun === null
        ? `no ${layer} checks in this report`
        : shownFromRun === runId
          ? `its checks are this run's`
          : `its checks shown here are from the earlier run ${shownFromRun}`;
    const note =
      status === 'ran'
        ? `ran in this run (steps: ${counts}); ${shown}`
        : status === 'still to run'
          ? `selected in this run but not run yet when this report was written; ${shown}`
          : `did not run in this run (not selected); ${shown}`;
    return { layer, status, steps, shownFromRun, note };
  });
}
