/**
 * Plain-words verdicts and "fraction of ceiling".
 *
 * Verdict rule (documented, deterministic), in the one claim vocabulary of core/claims.ts:
 *  - permutation p > alpha (default 0.05)            -> no_signal ("no evidence of signal")
 *  - p <= alpha but the CI still reaches chance       -> no_signal ("the interval still reaches chance")
 *  - p <= alpha and CI clear of chance                -> signal
 * For AUC, chance is 0.5. When a baseline CI is given and the model's CI lower bound does not
 * exceed the baseline estimate, the verdict adds "not clearly better than <baseline>".
 */
import type { ConfidenceInterval } from './bootstrap.js';
import type { PermutationResult } from './permutation.js';
import { ML_SETTINGS } from '../settings.js';
import type { ClaimLevel } from './claims.js';

export interface VerdictInput {
  metricLabel: string;
  ci: ConfidenceInterval;
  permutation?: PermutationResult;
  /** Value of the metric under no signal (0.5 for AUC). */
  chance?: number;
  greaterIsBetter?: boolean;
  alpha?: number;
  baseline?: { name: string; estimate: number };
  digits?: number;
}

/** A verdict's level is a claim level (core/claims.ts); 'weak_signal' is retired: it reads as a claim. */
export type VerdictLevel = ClaimLevel;

export interface Verdict {
  level: VerdictLevel;
  text: string;
}

export function formatMetric(label: string, ci: ConfidenceInterval, digits = 2): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
  return `${label} ${f(ci.estimate)} [${f(ci.lower)}, ${f(ci.upper)}]`;
}

function formatP(p: number): string {
  if (p < 0.001) return p.toExponential(1);
  return p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}

export function verdict(input: VerdictInput): Verdict {
  const alpha = input.alpha ?? ML_SETTINGS.alpha;
  const greater = input.greaterIsBetter ?? true;
  const chance = input.chance ?? (input.metricLabel === 'AUC' ? 0.5 : undefined);
  const metricText = formatMetric(input.metricLabel, input.ci, input.digits ?? 2);
  const pText = input.permutation ? `, permutation p = ${formatP(input.permutation.pValue)}` : '';
  const p = input.permutation?.pValue;
  const ciClearOfChance = chance === undefined ? true : greater ? input.ci.lower > chance : input.ci.upper < chance;
  const pPasses = p === undefined || p <= alpha;
  const level: VerdictLevel = pPasses && ciClearOfChance ? 'signal' : 'no_signal';
  const head = level === 'signal' ? 'signal' : pPasses ? 'no signal (the interval still reaches chance)' : 'no evidence of signal';
  let text = `${head}: ${metricText}${pText}`;
  if (input.baseline && level !== 'no_signal') {
    const beats = greater ? input.ci.lower > input.baseline.estimate : input.ci.upper < input.baseline.estimate;
    text += beats
      ? `; better than ${input.baseline.name} (${input.baseline.estimate.toFixed(input.digits ?? 2)})`
      : `; not clearly better than ${input.baseline.name} (${input.baseline.estimate.toFixed(input.digits ?? 2)})`;
  }
  return { level, text };
}

export interface FractionOfCeiling {
  score: number;
  ceiling: number;
  chance: number;
  /** score / ceiling. */
  ratio: number;
  /** (score - chance) / (ceiling - chance): share of the achievable lift over chance realised. */
  aboveChance: number;
}

/**
 * How close a model gets to the best achievable score, e.g. the AUC of the true probabilities
 * from the generator's ground truth. For AUC use chance = 0.5 (the default).
 */
export function fractionOfCeiling(score: number, ceiling: number, chance = 0.5): FractionOfCeiling {
  const lift = ceiling - chance;
  return {
    score,
    ceiling,
    chance,
    ratio: ceiling !== 0 ? score / ceiling : NaN,
    aboveChance: Math.abs(lift) > 1e-12 ? (score - chance) / lift : NaN,
  };
}
