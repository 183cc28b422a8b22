// After gold QA, the quality report is written again as the report of the whole run: every layer's
// checks (with their expectation and threshold from the check catalog), profiles of every profiled
// table, and two more sections: the quality scorecard (per layer and table, five dimensions) and the
// gold-to-silver reconciliation. The bronze report step writes a bronze-only first version. Gold
// tables are profiled here too (rows, blanks, ranges).
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';
import type { Engine } from '../engine/engine.js';
import { writeQualityReport, type ReportSection } from '../quality/report/index.js';
import { escapeHtml } from '../quality/report/escape.js';
import { shareBarSvg } from '../quality/report/svg.js';
import { checkCatalog } from './check-catalog.js';
import { PROFILE_SILVER_STEP, profileSilver } from './profile-silver.js';
import { profileGold } from './profile-gold.js';
import { pseudonymOfColumn, resolvePseudonymKey } from '../silver/pseudonym-key.js';

const DIMENSIONS = ['completeness', 'validity', 'uniqueness', 'consistency', 'timeliness'] as const;

type ScoreRow = {
  layer: string;
  dataset: string;
  dimension: string;
  score: number;
  checks: number;
  checks_passed: number;
  check_names: string;
};
type ReconRow = {
  comparison: string;
  description: string;
  expected: number | null;
  actual: number | null;
  tolerance: number;
  passed: boolean;
};

export async function scorecardSection(engine: Engine): Promise<ReportSection> {
  const rows = await engine.query<ScoreRow>(
    'SELECT layer, dataset, dimension, score, checks, checks_passed, check_names FROM gold.quality_scorecard ORDER BY layer, dataset, dimension',
  );
  const tables = [...new Set(rows.map((r) => `${r.layer}|${r.dataset}`))];
  const cell = (r: ScoreRow | undefined) =>
    r
      ? `<td title="${escapeHtml(`${r.checks_passed}/${r.checks} checks: ${r.check_names}`)}">${shareBarSvg(r.score / 100)} ${escapeHtml(r.score.toFixed(1))}</td>`
      : '<td class="muted">no checks</td>';
  const body = tables
    .map((key) => {
      const [layer, dataset] = key.split('|');
      const mine = rows.filter((r) => r.layer === layer && r.dataset === dataset);
      return `<tr><td>${escapeHtml(layer)}</td><td>${escapeHtml(dataset)}</td>${DIMENSIONS.map((d) => cell(mine.find((r) => r.dimension === d))).join('')}</tr>`;
    })
    .join('\n');
  const html = `<p>Scores 0-100: the record-weighted pass rate of the latest result of each check, by kind (hover a score for its checks).</p>
<table><thead><tr><th>layer</th><th>table</th>${DIMENSIONS.map((d) => `<th>${d}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
  return { id: 'scorecard', title: 'Quality scorecard', data: rows, html };
}

export async function reconciliationSection(engine: Engine): Promise<ReportSection> {
  const rows = await engine.query<ReconRow>(
    'SELECT comparison, description, expected, actual, tolerance, passed FROM gold.reconciliation ORDER BY comparison',
  );
  const num = (v: number | null) => (v === null ? '-' : escapeHtml(Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(6)));
  const body = rows
    .map(
      (r) =>
        `<tr class="${r.passed ? '' : 'alert'}"><td>${escapeHtml(r.comparison)}</td><td>${escapeHtml(r.description)}</td><td>${num(r.expected)}</td><td>${num(r.actual)}</td><td>${r.passed ? 'ok' : 'MISMATCH'}</td></tr>`,
    )
    .join('\n');
  const html = `<table><thead><tr><th>comparison</th><th>what</th><th>silver / expected</th><th>gold</th><th>result</th></tr></thead><tbody>${body}</tbody></table>`;
  return { id: 'reconciliation', title: 'Gold reconciliation with silver', data: rows, html };
}

export const qualityReportStep: TsStep = {
  kind: 'ts',
  name: 'gold.quality_report',
  layer: 'gold',
  description:
    "Rewrites reports/quality.{html,json} as the report of the whole run: every layer's checks and profiles, the scorecard and the reconciliation.",
  deps: ['gold.quality_scorecard', 'gold.reconciliation', PROFILE_SILVER_STEP],
  produces: [],
  async run(ctx: StepContext): Promise<StepResult> {
    const sections = [await scorecardSection(ctx.engine), await reconciliationSection(ctx.engine)];
    // Every layer, each from the newest run that recorded it (a `--select gold+` run does not profile
    // bronze). Silver is profiled by its own step when the run holds it, here otherwise.
    if (!ctx.stepsInRun?.includes(PROFILE_SILVER_STEP)) await profileSilver(ctx.engine, ctx.runId);
    await profileGold(ctx.engine, ctx.runId);
    const catalog = await checkCatalog(ctx.config);
    // Failing rows show personal values as silver's keyed pseudonyms, never the values.
    const { key } = resolvePseudonymKey(ctx.config);
    const paths = await writeQualityReport(ctx.engine, ctx.config, ctx.runId, {
      sections,
      allLayers: true,
      catalog,
      layersInRun: ctx.layersInRun,
      pseudonymise: (column, value) => pseudonymOfColumn(key, column, value),
    });
    ctx.log(`quality report with scorecard: ${paths.html}`);
    return { metadata: { html: paths.html } };
  },
};
