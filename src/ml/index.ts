// The ML layer's pipeline steps (registered in src/pipeline/registry.ts).
import type { TsStep } from '../pipeline/step.js';
import { churnStep } from './churn/step.js';
import { forecastStep } from './forecast/step.js';
import { searchIntentStep } from './intent/step.js';
import { recommendStep } from './recommend/step.js';
import { segmentStep } from './segment/step.js';
import { sentimentStep } from './sentiment/step.js';

export const mlSteps: TsStep[] = [churnStep, recommendStep, segmentStep, sentimentStep, searchIntentStep, forecastStep];
