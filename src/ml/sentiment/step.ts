// The ml.sentiment step as the pipeline plans it: its name, the tables it reads and writes. Its work
// (run.ts, and the models behind it) is imported only when the step runs, so a process that plans
// or runs other steps (`marquee run --through gold`, the main thread beside the ML worker threads)
// never loads the ML code.
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { SHARED_ML_TABLES } from '../publish/tables.js';
import { REVIEW_SENTIMENT, REVIEW_TABLE } from './tables.js';

export const sentimentStep: TsStep = {
  kind: 'ts',
  name: 'ml.sentiment',
  layer: 'ml',
  description:
    'Review sentiment from text: VADER lexicon (tuned thresholds) and TF-IDF + linear SVM against majority-class and star-rating baselines, macro-F1 with CIs, negation and mixed-opinion subsets.',
  deps: [REVIEW_TABLE],
  produces: [REVIEW_SENTIMENT.name],
  writesShared: SHARED_ML_TABLES,
  threaded: true,
  module: import.meta.url,
  async run(ctx: StepContext): Promise<StepResult> {
    const { runSentiment } = await import('./run.js');
    return (await runSentiment(ctx)).result;
  },
};
