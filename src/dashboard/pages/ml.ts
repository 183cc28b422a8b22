// ML: how each model did against its baselines. Planned over ml.metrics and ml.model_runs.
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

export const mlPage: PageSpec = {
  name: 'ml',
  title: 'ML',
  description: 'Model metrics with confidence intervals, against baselines, for each use case.',
  views: [
    plannedView('model-vs-baseline', 'Model against baselines', 'Main metric of each use case for the model and its baselines, with 95 % confidence intervals.', ['ml.metrics']),
    plannedView('model-runs', 'Model runs', 'Each training run: use case, model, data window and when it ran.', ['ml.model_runs']),
  ],
};
