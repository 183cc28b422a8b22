// The one vocabulary of ML claims (ml.model_cards.verdict_level) and the multiple-testing
// correction every use case applies before it may say `signal`.
//
//   signal         a learned model beat the strongest baseline of its use case in a one-sided test
//                  at alpha after a Holm correction over the models compared in that use case,
//                  on data it was not chosen on
//   no_signal      a learned model that did not
//   baseline       a reference (popularity, seasonal naive, prior ...): never a claim of signal
//   ceiling        the best achievable score from the generator's ground truth
//   not_evaluated  too little data to test (the card says how little)

export const CLAIM_LEVELS = ['signal', 'no_signal', 'baseline', 'ceiling', 'not_evaluated'] as const;
export type ClaimLevel = (typeof CLAIM_LEVELS)[number];

/**
 * Holm's step-down adjustment: adjusted p-values in the input order. Controls the family-wise
 * error rate at alpha when each adjusted p is compared with alpha. NaN p-values (tests not run)
 * stay NaN and do not count toward the family size.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, i) => ({ p, i })).filter((t) => Number.isFinite(t.p));
  tested.sort((a, b) => a.p - b.p || a.i - b.i);
  const m = tested.length;
  const out = pValues.map(() => Number.NaN);
  let running = 0;
  tested.forEach((t, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * t.p));
    out[t.i] = running;
  });
  return out;
}

/** `signal` when the Holm-adjusted one-sided p is at most alpha, else `no_signal`. */
export function claimFromAdjustedP(adjustedP: number, alpha = 0.05): ClaimLevel {
  if (!Number.isFinite(adjustedP)) return 'not_evaluated';
  return adjustedP <= alpha ? 'signal' : 'no_signal';
}
