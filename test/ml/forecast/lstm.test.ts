import { describe, expect, it } from 'vitest';
import { describeLstmStop, trainLstm, type LstmOptions } from '../../../src/ml/forecast/lstm.js';
import { createRng } from '../../../src/ml/core/rng.js';

// Small series and a short horizon keep each training to a second or two on the CPU backend.
function weeklySeries(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, (_, t) => Math.max(0, 40 + 15 * Math.sin((2 * Math.PI * t) / 7) + 4 * rng.normal()));
}
const series = [weeklySeries(260, 1), weeklySeries(260, 2)];
const base: LstmOptions = { horizon: 7, trainEnd: 180, validationOrigins: [180, 194, 208, 222], level: 0.9, seed: 7, maxEpochs: 6 };
const budget = { maxEpochs: 6, patience: 5, maxCpuSeconds: 60 };

describe('LSTM forecaster', () => {
  it('is deterministic for a seed: same epochs, same forecast', async () => {
    const a = await trainLstm(series, base);
    const b = await trainLstm(series, base);
    expect(b.epochs).toBe(a.epochs);
    expect(b.bestEpoch).toBe(a.bestEpoch);
    expect(b.validationLoss).toBe(a.validationLoss);
    const fa = a.forecast(series[0], 7, 0.9);
    const fb = b.forecast(series[0], 7, 0.9);
    expect(Array.from(fb.mean)).toEqual(Array.from(fa.mean));
    expect(Array.from(fb.upper)).toEqual(Array.from(fa.upper));
    for (let h = 0; h < 7; h++) expect(fa.lower[h] <= fa.mean[h] && fa.mean[h] <= fa.upper[h]).toBe(true);
  }, 60_000);

  it('stops on the epoch budget, on early stopping, or on the CPU cap, and says which', async () => {
    const budgeted = await trainLstm(series, { ...base, maxEpochs: 2 });
    expect(budgeted.epochs).toBe(2);
    expect(budgeted.stopReason).toBe('max_epochs');
    expect(describeLstmStop(budgeted, { ...budget, maxEpochs: 2 })).toMatch(
      /^2 epochs \(.* s CPU\); stopped because the epoch budget \(2\) ran out; /,
    );

    // Patience 1 with a budget far beyond what the loss can keep improving for.
    const early = await trainLstm(series, { ...base, maxEpochs: 200, patience: 1 });
    expect(early.stopReason).toBe('early_stopping');
    expect(early.epochs).toBe(early.bestEpoch + 1);
    expect(describeLstmStop(early, { ...budget, patience: 1 })).toContain(
      `early stopping (no better validation loss in the 1 epoch after epoch ${early.bestEpoch}); weights of epoch ${early.bestEpoch} (lowest validation loss) kept`,
    );

    const capped = await trainLstm(series, { ...base, maxCpuSeconds: 0 });
    expect(capped.stopReason).toBe('cpu_cap');
    expect(capped.epochs).toBe(0);
    expect(describeLstmStop(capped, { ...budget, maxCpuSeconds: 0 })).toBe(
      `0 epochs (${capped.cpuSeconds.toFixed(1)} s CPU); stopped because the CPU safety cap (0 s) was reached; no epoch completed: the initial (seeded, untrained) weights are used`,
    );
  }, 120_000);
});
