// bronze.report: the quality report of a run as far as bronze. When the run also holds
// gold.quality_report, which rewrites the same files as the report of the whole run, writing it here
// would be overwritten unread (0.7 s at scale 1, 1.2 s at scale 10): the step then leaves it to that
// step, and bronzeReportFallbackHook writes it at the end of the run only if that step did not
// succeed (a failed or cancelled run still leaves the report of what it did).
import type { Engine } from '../engine/engine.js';
import type { MarqueeConfig } from '../config.js';
import { LAYER_ORDER } from '../pipeline/layers.js';
import type { RunHook } from '../pipeline/run-hooks.js';
import type { Layer, StepContext, TsStep } from '../pipeline/step.js';
import { catalogKey } from '../quality/report/expectation.js';
import { writeQualityReport } from '../quality/report/index.js';
import { bronzeChecks } from './checks.js';

export const BRONZE_REPORT = 'bronze.report';
/** The step that rewrites the report as the report of the whole run. */
export const WHOLE_RUN_REPORT = 'gold.quality_report';

/** Whether bronze.report leaves the report to the whole-run step: the run holds that step. */
function leftToWholeRunReport(stepsInRun: readonly string[] | undefined): boolean {
  return stepsInRun?.includes(WHOLE_RUN_REPORT) ?? false;
}

async function writeBronzeReport(engine: Engine, config: MarqueeConfig, runId: string, layersInRun?: readonly Layer[]) {
  const catalog = new Map(bronzeChecks(config).map((c) => [catalogKey(c.dataset, c.name), c]));
  return writeQualityReport(engine, config, runId, { catalog, layersInRun });
}

export const bronzeReportStep: TsStep = {
  kind: 'ts',
  name: BRONZE_REPORT,
  layer: 'bronze',
  description: `Write reports/quality.json and reports/quality.html for this run (left to ${WHOLE_RUN_REPORT} when the run holds it).`,
  deps: ['bronze.profile', 'bronze.checks'],
  produces: [],
  async run(ctx: StepContext) {
    if (leftToWholeRunReport(ctx.stepsInRun)) {
      ctx.log(
        `quality report: written by ${WHOLE_RUN_REPORT} later in this run (from bronze at the end of the run if that step does not succeed)`,
      );
      return { metadata: { leftTo: WHOLE_RUN_REPORT } };
    }
    // The report of this run as far as it went: bronze, and which later layers did not run.
    const written = await writeBronzeReport(ctx.engine, ctx.config, ctx.runId, ctx.layersInRun);
    ctx.log(`quality report: ${written.html}`);
    return { metadata: { json: written.json, html: written.html } };
  },
};

/**
 * After a run in which bronze.report left the report to gold.quality_report and that step did not
 * succeed (failed, skipped because something upstream failed, or cancelled before it): the bronze
 * report, written now, with every layer's steps as they ended.
 */
export const bronzeReportFallbackHook: RunHook = {
  name: 'bronze quality report fallback',
  async beforeRun() {
    return {};
  },
  async afterRun({ engine, config, dag, runId, records, stepsInRun }) {
    const status = (name: string) => records.find((r) => r.name === name)?.status;
    // The step left the report to the whole-run step, which then did not succeed.
    if (!leftToWholeRunReport(stepsInRun) || status(BRONZE_REPORT) !== 'ok' || status(WHOLE_RUN_REPORT) === 'ok') return;
    const layersInRun = LAYER_ORDER.filter((layer) => stepsInRun.some((name) => dag.nodes.get(name)?.layer === layer));
    await writeBronzeReport(engine, config, runId, layersInRun);
  },
};
