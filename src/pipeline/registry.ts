// Everything the runner gathers from the layers: their TypeScript steps, the project macros and the
// vars the SQL models may use. One import per layer; a layer with nothing to register yet is simply
// not imported here.
//
// bronzeSteps must produce bronze.<source table> for each contract: the silver models'
// source('users') resolves to the step producing bronze.users.
import type { MarqueeConfig } from '../config.js';
import { bronzeSteps } from '../bronze/index.js';
import { pseudonymKeyHook, silverMacros, silverSteps, silverVars } from '../silver/index.js';
import { goldSteps } from '../gold/index.js';
import { mlSteps } from '../ml/index.js';
import type { ExtraMacros, ModelVars } from './compile.js';
import type { RunHook } from './run-hooks.js';
import type { TsStep } from './step.js';

export function registeredSteps(): TsStep[] {
  return [...bronzeSteps, ...silverSteps, ...goldSteps, ...mlSteps];
}

/** Hooks around every run: the silver pseudonym key's change detection. */
export function runHooks(): RunHook[] {
  return [pseudonymKeyHook];
}

// kpi('name') is built into compile.ts (formulas from src/gold/kpis.ts), so it is not listed here.
export const MODEL_MACROS: ExtraMacros = { ...silverMacros };

/** Run settings every model may read with {{ var('name') }}. */
export function modelVars(config: MarqueeConfig): ModelVars {
  return {
    as_of_date: config.asOfDate,
    label_window_days: config.labelWindowDays,
    seed: config.seed,
    ...silverVars(config),
  };
}
