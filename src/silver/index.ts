// The silver layer's TypeScript steps (the SQL models live in models/silver/). The runner also
// needs silverMacros and silverVars(config) when it compiles the silver models.
import type { TsStep } from '../pipeline/step.js';
import { changeLogStep } from './change-log.js';
import { dedupLogStep } from './dedup-log.js';
import { imputationQualityStep } from './imputation-quality.js';

export const silverSteps: TsStep[] = [dedupLogStep, changeLogStep, imputationQualityStep];

export { silverMacros, silverVars } from './macros.js';
export { pseudonymKeyHook } from './pseudonym-key-hook.js';
export { ruleChecks, ANOMALY_RULES } from './anomaly-rules.js';
export { IMPUTATIONS } from './imputation-strategies.js';
export { SILVER_SETTINGS } from './settings.js';
