// What the ml.churn step does when it runs (step.ts declares it): read gold.ml_user_features (data.ts), train and evaluate (train.ts),
// publish model runs, metrics and cards (report.ts, publishUseCase), write the curves and gold.churn_risk.
import type { StepContext, StepResult } from '../../pipeline/step.js';
import { ML_USER_FEATURE_COLUMNS } from '../../gold/ml-user-features.js';
import { readGroundTruth, truthFor } from '../ground_truth.js';
import { otherUseCases, publishUseCase } from '../publish/publish.js';
import { writeTable, writeTableBatches } from '../publish/store.js';
import { CALIBRATION, CHURN_RISK, FEATURE_IMPORTANCE, ROC_CURVE } from './tables.js';
import { topDrivers } from './drivers.js';
import { FEATURE_TABLE, loadChurnDataset } from './data.js';
import { buildModelCard, buildRecencyCard, curveRows, metricRows, modelRunRows, riskBand, USE_CASE, type ChurnRunInfo } from './report.js';
import { trainChurn, type ChurnOptions, type ChurnRun } from './train.js';
import { loadLogisticKernel } from '../classifiers/logistic-kernel.js';
import { loadHistKernel } from '../classifiers/hist-kernel.js';

const RISK_BATCH_USERS = 50_000;

export interface ChurnStepOptions {
  /** Feature table (tests use a fixture); default gold.ml_user_features. */
  table?: string;
  /** Overrides for bootstrap/permutation sizes (tests use smaller ones). */
  B?: number;
  permutations?: number;
}

export async function runChurn(ctx: StepContext, options: ChurnStepOptions = {}): Promise<{ run: ChurnRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 5, 'reading features');
  const data = await loadChurnDataset(engine, options.table ?? FEATURE_TABLE);
  // The logistic models' Hessians and the boosted trees' histograms in WebAssembly (the same sums as
  // the JavaScript, faster).
  await loadLogisticKernel();
  await loadHistKernel();
  const truth = readGroundTruth(config.input);
  // With signal 'none' every true probability is the same: the ceiling is chance and a fraction of it means nothing.
  const useCeiling = truth !== null && truth.signal === 'realistic';
  if (truth)
    ctx.log(
      useCeiling
        ? `ground truth found (${truth.file}): reporting each model as a fraction of the true probabilities' AUC`
        : `ground truth found (${truth.file}) with signal '${truth.signal}': no planted churn signal, so no ceiling is reported`,
    );
  const trainOptions: ChurnOptions = {
    seed: config.seed,
    B: options.B,
    permutations: options.permutations,
    trueProbability: useCeiling ? truthFor(data.userIds, truth.churnProbability) : undefined,
    onProgress: (done, total, note) => ctx.progress(1 + done, 5, note),
  };
  const run = trainChurn(data, trainOptions);
  if (run.leakage.flagged.length > 0) {
    ctx.log(
      `WARNING suspicious run: ${run.leakage.flagged.join(', ')} alone predict(s) churn with AUC > ${run.leakage.threshold} (possible label leakage); dropped from training and flagged in the model cards`,
    );
  }
  const info: ChurnRunInfo = {
    runId: ctx.runId,
    trainedAt: new Date().toISOString(),
    asOfDate: config.asOfDate,
    labelWindowDays: config.labelWindowDays,
    seed: config.seed,
    nUsers: data.userIds.length,
    groundTruthFile: truth?.file ?? null,
  };
  for (const m of run.models) {
    const auc = m.evaluation.metrics.roc_auc!;
    const ceiling = m.evaluation.ceiling
      ? `, ${(100 * m.evaluation.ceiling.ratio).toFixed(1)}% of ceiling ${m.evaluation.ceiling.ceiling.toFixed(3)}`
      : '';
    ctx.log(
      `${m.name}: AUC ${auc.estimate.toFixed(3)} [${auc.lower.toFixed(3)}, ${auc.upper.toFixed(3)}], p = ${m.evaluation.permutation.pValue.toFixed(3)}${ceiling} (${m.fitSeconds.toFixed(1)} s)`,
    );
  }
  if (run.recency) {
    const auc = run.recency.evaluation.metrics.roc_auc!;
    ctx.log(
      `recency reference (days since the last session): AUC ${auc.estimate.toFixed(3)} [${auc.lower.toFixed(3)}, ${auc.upper.toFixed(3)}]`,
    );
  }

  ctx.progress(4, 5, 'scoring users and writing tables');
  const prepared = run.prepare(data.x);
  const probs = run.best.predictPrepared(prepared);
  // Without signal the bands and drivers would describe noise: publish NULL with the verdict instead.
  const hasSignal = run.best.evaluation.verdict.level === 'signal';
  const drivers = hasSignal ? topDrivers((x) => run.best.predictPrepared(x), prepared, data.sourceColumn, 3) : null;
  const inTest = new Uint8Array(data.userIds.length);
  for (const i of run.split.test) inTest[i] = 1;
  const cards: { model: string; card: ReturnType<typeof buildRecencyCard> }[] = run.models.map((m) => ({
    model: m.name,
    card: buildModelCard(run, m, info, ML_USER_FEATURE_COLUMNS),
  }));
  if (run.recency) cards.push({ model: run.recency.name, card: buildRecencyCard(run, run.recency, info) });
  const bestVerdict = cards.find((c) => c.model === run.best.name)!.card.plainVerdict;
  // Users with no session in the 90 days before the as-of date had already stopped: they are not
  // scored as future churners (band 'already inactive'), when the table says who they are.
  const alreadyInactive = (i: number) => data.behaviouralLabels !== undefined && !Number.isFinite(data.behaviouralLabels[i]);
  const riskRow = (i: number) => {
    const scored = hasSignal && !alreadyInactive(i);
    return {
      user_id: data.userIds[i],
      as_of_date: config.asOfDate,
      churn_probability: scored ? probs[i] : null,
      risk_band: scored ? riskBand(probs[i]) : hasSignal ? 'already inactive' : null,
      top_drivers: scored && drivers ? drivers[i].map((d) => d.feature).join(', ') : null,
      model: run.best.name,
      in_test_set: inTest[i] === 1,
      verdict_level: run.best.evaluation.verdict.level,
      verdict: bestVerdict,
      run_id: ctx.runId,
    };
  };
  // A row per user, made and written RISK_BATCH_USERS at a time (a million at scale 100).
  function* riskBatches() {
    for (let start = 0; start < data.userIds.length; start += RISK_BATCH_USERS) {
      const end = Math.min(start + RISK_BATCH_USERS, data.userIds.length);
      yield Array.from({ length: end - start }, (_, k) => riskRow(start + k));
    }
  }

  await publishUseCase(ctx, USE_CASE, { modelRuns: modelRunRows(run, info), metrics: metricRows(run, info), cards });
  const sameUseCase = otherUseCases(USE_CASE);
  const curves = curveRows(run, info);
  const w = { runId: ctx.runId };
  await writeTable(engine, CALIBRATION, curves.calibration, { ...w, keepWhere: sameUseCase });
  await writeTable(engine, ROC_CURVE, curves.roc, { ...w, keepWhere: sameUseCase });
  await writeTable(engine, FEATURE_IMPORTANCE, curves.importance, { ...w, keepWhere: sameUseCase });
  const riskRowsWritten = await writeTableBatches(engine, CHURN_RISK, riskBatches(), w);
  ctx.progress(5, 5, 'done');
  const best = run.best.evaluation;
  return {
    run,
    result: {
      rowsIn: data.userIds.length,
      rowsOut: riskRowsWritten,
      metadata: {
        best_model: run.best.name,
        best_auc: best.metrics.roc_auc!.estimate,
        verdict: best.verdict.level,
        fraction_of_ceiling: best.ceiling?.ratio ?? null,
        suspicious: run.leakage.flagged.length > 0,
        leakage_flagged: run.leakage.flagged,
      },
    },
  };
}
