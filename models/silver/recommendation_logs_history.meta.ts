import type { ModelMeta } from '../../src/pipeline/step.js';
import { historyMeta } from '../../src/silver/describe.js';

export default historyMeta('recommendation_logs') satisfies ModelMeta;
