/**
 * Model card: what was trained on which window, how well it does with uncertainty, against
 * which baselines, and in plain words whether to trust it. Rendered to JSON with a stable key
 * order; non-finite numbers become null (JSON has no NaN).
 */
import type { ConfidenceInterval } from './bootstrap.js';
import type { PermutationResult } from './permutation.js';
import type { ClaimLevel } from './claims.js';
import type { VerdictLevel } from './verdict.js';

export interface ModelCardMetric {
  name: string;
  ci: ConfidenceInterval;
}

export interface ModelCard {
  useCase: string;
  model: { name: string; params: Record<string, number | string | boolean> };
  trainedAt: string;
  dataWindow: {
    asOfDate: string;
    labelWindowDays: number;
    featureStart?: string | null;
    trainRows: number;
    testRows: number;
    positiveRateTrain: number;
    positiveRateTest: number;
    split: string;
  };
  features: { name: string; description?: string; importance?: number }[];
  metrics: ModelCardMetric[];
  baselines: { name: string; metrics: ModelCardMetric[] }[];
  permutation?: PermutationResult & { metric: string };
  ceiling?: { metric: string; score: number; ceiling: number; ratio: number; aboveChance: number };
  leakage?: { flagged: string[]; threshold: number };
  caveats: string[];
  verdict: { level: VerdictLevel | ClaimLevel; text: string };
}

/** Turns the evaluation's metric record into the card's list, in a fixed order. */
export function cardMetrics(metrics: Partial<Record<string, ConfidenceInterval>>): ModelCardMetric[] {
  return Object.entries(metrics)
    .filter((e): e is [string, ConfidenceInterval] => e[1] !== undefined)
    .map(([name, ci]) => ({ name, ci }));
}

function clean(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(clean);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => clean(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = clean(v);
    return out;
  }
  return value;
}

export function renderModelCardJson(card: ModelCard, indent = 2): string {
  return JSON.stringify(clean(card), null, indent);
}
