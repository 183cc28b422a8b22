// Gold's TypeScript steps (its SQL models live in models/gold/): QA that SQL models cannot express.
import type { TsStep } from '../pipeline/step.js';
import { reconciliationStep } from './reconciliation.js';
import { scorecardStep } from './scorecard.js';
import { qualityReportStep } from './quality-report.js';
import { profileSilverStep } from './profile-silver.js';

export const goldSteps: TsStep[] = [reconciliationStep, scorecardStep, profileSilverStep, qualityReportStep];
