// The ml.churn step as the pipeline plans it: its name, the tables it reads and writes. Its work
// (run.ts, and the models behind it) is imported only when the step runs, so a process that plans
// or runs other steps (`marquee run --through gold`, the main thread beside the ML worker threads)
// never loads the ML code.
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { SHARED_ML_TABLES } from '../publish/tables.js';
import { FEATURE_TABLE } from './data.js';
import { CALIBRATION, CHURN_RISK, FEATURE_IMPORTANCE, ROC_CURVE } from './tables.js';

export const churnStep: TsStep = {
  kind: 'ts',
  name: 'ml.churn',
  layer: 'ml',
  description:
    'Churn prediction: logistic regression, random forest and gradient boosting against baselines, with CIs, permutation test, model cards and per-user risk.',
  deps: [FEATURE_TABLE],
  produces: [CALIBRATION.name, ROC_CURVE.name, FEATURE_IMPORTANCE.name, CHURN_RISK.name],
  // Shared with the other ML steps; each writes only its own use_case's rows.
  writesShared: SHARED_ML_TABLES,
  threaded: true,
  module: import.meta.url,
  async run(ctx: StepContext): Promise<StepResult> {
    const { runChurn } = await import('./run.js');
    return (await runChurn(ctx)).result;
  },
};
