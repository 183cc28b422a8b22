// The ML layer's pipeline steps (registered in src/pipeline/registry.ts).
import type { TsStep } from '../pipeline/step.js';
import { churnStep } from './churn/step.js';
import { segmentStep } from './segment/step.js';

export const mlSteps: TsStep[] = [churnStep, segmentStep];
