// The composition root of the pipeline: everything the runner gathers from the layers (their
// TypeScript steps, the project macros and the vars the SQL models may use). It lives in the CLI so
// that src/pipeline knows steps only through the TsStep interface and never imports a layer.
//
// bronzeSteps must produce bronze.<source table> for each contract: the silver models'
// source('users') resolves to the step producing bronze.users.
import type { MarqueeConfig } from '../config.js';
import { bronzeReportFallbackHook, bronzeSteps } from '../bronze/index.js';
import { pseudonymKeyHook, silverMacros, silverSteps, silverVars } from '../silver/index.js';
import { goldSteps } from '../gold/index.js';
import { kpiMacros } from '../gold/kpis.js';
import { mlSteps } from '../ml/index.js';
import type { ExtraMacros, ModelVars } from '../pipeline/compile.js';
import type { RunHook } from '../pipeline/run-hooks.js';
import type { StepThreads } from '../pipeline/step-thread.js';
import type { TsStep } from '../pipeline/step.js';
import { DEFAULT_THREADS, stepThreads } from './threads.js';

export function registeredSteps(): TsStep[] {
  return [...bronzeSteps, ...silverSteps, ...goldSteps, ...mlSteps];
}

/** Hooks around every run: the silver pseudonym key's change detection (a changed key rebuilds silver), and the bronze quality report of a run whose whole-run report did not get written. */
export function runHooks(): RunHook[] {
  return [pseudonymKeyHook, bronzeReportFallbackHook];
}

/** Macros beyond the dialect's: silver's, and {{ kpi('name') }} (formulas from src/gold/kpis.ts). */
export const MODEL_MACROS: ExtraMacros = { ...silverMacros, ...kpiMacros };

/** Run settings every model may read with {{ var('name') }}. */
export function modelVars(config: MarqueeConfig): ModelVars {
  return {
    as_of_date: config.asOfDate,
    label_window_days: config.labelWindowDays,
    seed: config.seed,
    ...silverVars(config),
  };
}

/** The project's steps, macros, vars and run hooks for one config: what runPipeline / planPipeline need besides the engine. */
export function pipelineParts(
  config: MarqueeConfig,
  threads: number = DEFAULT_THREADS,
): { tsSteps: TsStep[]; macros: ExtraMacros; vars: ModelVars; hooks: RunHook[]; threads?: StepThreads } {
  return { tsSteps: registeredSteps(), macros: MODEL_MACROS, vars: modelVars(config), hooks: runHooks(), threads: stepThreads(threads) };
}

/**
 * The same parts for planning only: the graph is built (and a bad selection refused) before the
 * warehouse may be created, so the pseudonym key is neither read nor created; a placeholder key
 * stands in for it in the compiled SQL, which a plan never runs.
 */
export function planningParts(config: MarqueeConfig): ReturnType<typeof pipelineParts> {
  const parts = pipelineParts(config);
  const placeholder = silverVars({ pseudonymKey: 'plan-only-placeholder-key', warehouse: config.warehouse });
  return { ...parts, vars: { ...parts.vars, ...placeholder } };
}
