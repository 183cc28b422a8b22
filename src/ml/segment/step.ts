// The ml.segment step as the pipeline plans it: its name, the tables it reads and writes. Its work
// (run.ts, and the models behind it) is imported only when the step runs, so a process that plans
// or runs other steps (`marquee run --through gold`, the main thread beside the ML worker threads)
// never loads the ML code.
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { SHARED_ML_TABLES } from '../publish/tables.js';
import { SEGMENT_SOURCES } from './data.js';
import { SEGMENT_PROFILES, SELECTION_CURVES, USER_SEGMENTS } from './tables.js';

export const segmentStep: TsStep = {
  kind: 'ts',
  name: 'ml.segment',
  layer: 'ml',
  description:
    'User segmentation: RFM, k-means (k by silhouette), Gaussian mixture (k by BIC) and DBSCAN, with profiles, stability and ARI against planted segments.',
  deps: [...SEGMENT_SOURCES],
  produces: [USER_SEGMENTS.name, SEGMENT_PROFILES.name, SELECTION_CURVES.name],
  // Model runs, metrics and two cards: k-means (the claim, against its null reference) and RFM (a rule).
  writesShared: SHARED_ML_TABLES,
  threaded: true,
  module: import.meta.url,
  async run(ctx: StepContext): Promise<StepResult> {
    const { runSegments } = await import('./run.js');
    return (await runSegments(ctx)).result;
  },
};
