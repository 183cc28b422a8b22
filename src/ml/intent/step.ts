// The ml.search_intent step as the pipeline plans it: its name, the tables it reads and writes. Its work
// (run.ts, and the models behind it) is imported only when the step runs, so a process that plans
// or runs other steps (`marquee run --through gold`, the main thread beside the ML worker threads)
// never loads the ML code.
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { SHARED_ML_TABLES } from '../publish/tables.js';
import { QUERY_SUGGESTIONS, SEARCH_INTENT, SEARCH_TABLE } from './tables.js';

export const searchIntentStep: TsStep = {
  kind: 'ts',
  name: 'ml.search_intent',
  layer: 'ml',
  description:
    'Search intent from weak rule labels (TF-IDF char n-grams + linear SVM; self-trained subword embeddings + SVM scored beside it), scored against the planted intents; query suggestions from the log with a typo evaluation.',
  deps: [SEARCH_TABLE, 'silver.movies'],
  produces: [SEARCH_INTENT.name, QUERY_SUGGESTIONS.name],
  writesShared: SHARED_ML_TABLES,
  threaded: true,
  module: import.meta.url,
  async run(ctx: StepContext): Promise<StepResult> {
    const { runSearchIntent } = await import('./run.js');
    return (await runSearchIntent(ctx)).result;
  },
};
