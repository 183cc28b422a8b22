// The ml.recommend step as the pipeline plans it: its name, the tables it reads and writes. Its work
// (run.ts, and the models behind it) is imported only when the step runs, so a process that plans
// or runs other steps (`marquee run --through gold`, the main thread beside the ML worker threads)
// never loads the ML code.
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { SHARED_ML_TABLES } from '../publish/tables.js';
import { CTR_TABLE, INTERACTIONS_TABLE, MOVIES_TABLE } from './data.js';
import { USER_RECOMMENDATIONS } from './tables.js';

export const recommendStep: TsStep = {
  kind: 'ts',
  name: 'ml.recommend',
  layer: 'ml',
  description:
    'Recommendations: popularity, item-kNN, ALS, BPR, content-based and NCF on a time holdout, with ranking metrics, CIs, a paired test against popularity, the ground-truth ceiling, logged CTR, and the top-10 per user.',
  deps: [INTERACTIONS_TABLE, MOVIES_TABLE, CTR_TABLE],
  produces: [USER_RECOMMENDATIONS.name],
  writesShared: SHARED_ML_TABLES,
  threaded: true,
  module: import.meta.url,
  async run(ctx: StepContext): Promise<StepResult> {
    const { runRecommend } = await import('./run.js');
    return (await runRecommend(ctx)).result;
  },
};
