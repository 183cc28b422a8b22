/**
 * An LSTM forecaster (the network's arithmetic is in lstm-net.ts, on typed arrays). One
 * network per group of series, trained on windows of the daily series: the last `inputDays`
 * values (log1p, centred on the window mean) in, the next `horizon` values out (direct multi-step).
 * Training windows end before the first validation origin; the validation origins' windows drive
 * early stopping and give the interval (split-conformal: per-step quantiles of the validation
 * residuals in log space). Seeded initial weights and a seeded batch order make a run
 * repeatable. Training is budgeted in epochs (early stopping on the validation loss, at most
 * `maxEpochs`), not wall-clock seconds, so a loaded machine gets the same network, only later;
 * a CPU-seconds cap is a safety net whose use the model card reports. Each LSTM time step reads
 * one week of the input window (7 values): 4 steps of 7 values rather than 28 of one. */
import { threadCpuSeconds } from '../core/cpu-clock.js';
import { childSeed, createRng } from '../core/rng.js';
import { AdamOptimizer, forward, gradient, initLstm, meanSquaredError } from './lstm-net.js';
import type { Forecast, Forecaster } from './types.js';

const LEARNING_RATE = 0.01;

export interface LstmOptions {
  inputDays?: number;
  /** Days per LSTM time step: the input window is read as inputDays / stepDays steps of stepDays values. */
  stepDays?: number;
  horizon: number;
  /** Training targets must end at or before this day index (the first validation origin). */
  trainEnd: number;
  /** Origins whose windows are the early-stopping (and interval) set. */
  validationOrigins: readonly number[];
  level: number;
  seed: number;
  /** Epoch budget: training stops after this many epochs at the latest. */
  maxEpochs: number;
  /** Early stopping: stop after this many epochs without a better validation loss. */
  patience?: number;
  /** Safety cap on training CPU seconds (process CPU time, so a loaded machine does not shorten training). */
  maxCpuSeconds?: number;
  units?: number;
  batchSize?: number;
}

/** Why training ended: early stopping, the epoch budget, or the CPU safety cap. */
export type LstmStopReason = 'early_stopping' | 'max_epochs' | 'cpu_cap';

export interface TrainedLstm extends Forecaster {
  readonly epochs: number;
  /** The epoch whose weights are kept (lowest validation loss). */
  readonly bestEpoch: number;
  readonly stopReason: LstmStopReason;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly trainWindows: number;
  readonly validationLoss: number;
}

/** One sentence on how training ended, from the figures (the model card carries it). */
export function describeLstmStop(
  l: Pick<TrainedLstm, 'epochs' | 'bestEpoch' | 'stopReason' | 'cpuSeconds'>,
  o: { maxEpochs: number; patience: number; maxCpuSeconds: number },
): string {
  const best =
    l.bestEpoch === 0
      ? 'no epoch completed: the initial (seeded, untrained) weights are used'
      : l.bestEpoch === l.epochs
        ? `validation loss still improving at the last epoch; weights of epoch ${l.bestEpoch} kept`
        : `weights of epoch ${l.bestEpoch} (lowest validation loss) kept`;
  const why =
    l.stopReason === 'early_stopping'
      ? `early stopping (no better validation loss in the ${o.patience} epoch${o.patience === 1 ? '' : 's'} after epoch ${l.bestEpoch})`
      : l.stopReason === 'max_epochs'
        ? `the epoch budget (${o.maxEpochs}) ran out`
        : `the CPU safety cap (${o.maxCpuSeconds} s) was reached`;
  return `${l.epochs} epoch${l.epochs === 1 ? '' : 's'} (${l.cpuSeconds.toFixed(1)} s CPU); stopped because ${why}; ${best}`;
}

export const LSTM_DEFAULTS = { inputDays: 28, stepDays: 7, patience: 5, maxCpuSeconds: 60, units: 12, batchSize: 64 } as const;

interface Windows {
  x: number[][];
  y: number[][];
}

function windowAt(
  series: Float64Array,
  origin: number,
  inputDays: number,
  horizon: number,
  withTarget: boolean,
): { x: number[]; y: number[]; centre: number } | null {
  if (origin < inputDays || (withTarget && origin + horizon > series.length)) return null;
  const x = Array.from(series.subarray(origin - inputDays, origin), Math.log1p);
  const centre = x.reduce((a, b) => a + b, 0) / inputDays;
  const y = withTarget ? Array.from(series.subarray(origin, origin + horizon), (v) => Math.log1p(v) - centre) : [];
  return { x: x.map((v) => v - centre), y, centre };
}

// This thread's CPU only: the budget must not shrink because another step runs beside this one.
const cpuNow = threadCpuSeconds;

export async function trainLstm(series: readonly Float64Array[], options: LstmOptions): Promise<TrainedLstm> {
  const started = performance.now();
  const cpuStart = cpuNow();
  const inputDays = options.inputDays ?? LSTM_DEFAULTS.inputDays;
  const stepDays = options.stepDays ?? LSTM_DEFAULTS.stepDays;
  if (inputDays % stepDays !== 0) throw new Error(`trainLstm: inputDays ${inputDays} is not a multiple of stepDays ${stepDays}`);
  const steps = inputDays / stepDays;
  const { horizon, trainEnd, level } = options;
  const rng = createRng(options.seed);
  const train: Windows = { x: [], y: [] };
  // A stride that keeps about 300 training windows whatever the number of series: epoch cost
  // grows with windows, and more windows of the same few series add little.
  const perSeries = Math.max(1, Math.floor((trainEnd - horizon - inputDays) / Math.max(1, Math.ceil(300 / series.length))));
  const stride = Math.max(1, perSeries);
  for (const s of series)
    for (let o = inputDays; o + horizon <= trainEnd; o += stride) {
      const w = windowAt(s, o, inputDays, horizon, true)!;
      train.x.push(w.x);
      train.y.push(w.y);
    }
  const val: Windows = { x: [], y: [] };
  for (const s of series)
    for (const o of options.validationOrigins) {
      const w = windowAt(s, o, inputDays, horizon, true);
      if (w) {
        val.x.push(w.x);
        val.y.push(w.y);
      }
    }
  if (train.x.length < 10 || val.x.length < 1)
    throw new Error(`trainLstm: ${train.x.length} training and ${val.x.length} validation windows; need at least 10 and 1`);

  const shape = { inputs: stepDays, steps, units: options.units ?? LSTM_DEFAULTS.units, outputs: horizon };
  const net = initLstm(shape, createRng(childSeed(options.seed, 1)));
  const optimizer = new AdamOptimizer(net.values.length, LEARNING_RATE);
  // A window's inputDays values in order are its steps x stepDays block (one week per step by default).
  const flat = (rows: number[][], width: number) => {
    const out = new Float64Array(rows.length * width);
    rows.forEach((r, i) => out.set(r, i * width));
    return out;
  };
  const xVal = flat(val.x, inputDays);
  const yVal = flat(val.y, horizon);
  const batchSize = options.batchSize ?? LSTM_DEFAULTS.batchSize;
  const xBatch = new Float64Array(batchSize * inputDays);
  const yBatch = new Float64Array(batchSize * horizon);
  const grad = new Float64Array(net.values.length);
  const patience = options.patience ?? LSTM_DEFAULTS.patience;
  const maxCpu = options.maxCpuSeconds ?? LSTM_DEFAULTS.maxCpuSeconds;
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: Float64Array | null = null;
  let sinceBest = 0;
  let epochs = 0;
  let stopReason: LstmStopReason = 'max_epochs';
  while (epochs < options.maxEpochs) {
    if (cpuNow() - cpuStart >= maxCpu) {
      stopReason = 'cpu_cap';
      break;
    }
    const order = Array.from(train.x.keys());
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    // Mini-batches in the shuffled order, the last one possibly short; one Adam step each.
    for (let from = 0; from < order.length; from += batchSize) {
      const size = Math.min(batchSize, order.length - from);
      for (let b = 0; b < size; b++) {
        xBatch.set(train.x[order[from + b]], b * inputDays);
        yBatch.set(train.y[order[from + b]], b * horizon);
      }
      const x = xBatch.subarray(0, size * inputDays);
      const y = yBatch.subarray(0, size * horizon);
      gradient(net, x, y, forward(net, x, size), grad);
      optimizer.step(net.values, grad);
    }
    epochs++;
    const loss = meanSquaredError(forward(net, xVal, val.x.length).out, yVal);
    if (loss < best - 1e-6) {
      best = loss;
      bestEpoch = epochs;
      sinceBest = 0;
      bestWeights = net.values.slice();
    } else if (++sinceBest >= patience) {
      stopReason = 'early_stopping';
      break;
    }
    // Let the event loop run between epochs (progress, a test runner's RPC).
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (bestWeights) net.values.set(bestWeights);

  // Split-conformal bounds from the validation residuals (log1p scale). A few validation windows
  // per step (12 for the catalogue) cannot give a 5% tail each, so residuals are scaled by their
  // step's RMS and pooled over the steps: one pair of quantiles of the scaled residuals (with the
  // (n + 1) finite-sample correction), times each step's scale.
  const predictedVal = forward(net, xVal, val.x.length).out;
  const predVal = val.x.map((_, i) => predictedVal.subarray(i * horizon, (i + 1) * horizon));
  const scale = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    let ss = 0;
    for (let i = 0; i < val.y.length; i++) ss += (val.y[i][h] - predVal[i][h]) ** 2;
    scale[h] = Math.sqrt(ss / val.y.length) || 1e-9;
  }
  const scores: number[] = [];
  for (let i = 0; i < val.y.length; i++) for (let h = 0; h < horizon; h++) scores.push((val.y[i][h] - predVal[i][h]) / scale[h]);
  scores.sort((a, b) => a - b);
  const n = scores.length;
  const alpha = (1 - level) / 2;
  const lowScore = scores[Math.max(0, Math.floor(alpha * (n + 1)) - 1)];
  const highScore = scores[Math.min(n - 1, Math.ceil((1 - alpha) * (n + 1)) - 1)];
  const lowerQ = scale.map((s) => lowScore * s);
  const upperQ = scale.map((s) => highScore * s);
  const seconds = (performance.now() - started) / 1000;
  return {
    name: 'lstm',
    epochs,
    bestEpoch,
    stopReason,
    seconds,
    cpuSeconds: cpuNow() - cpuStart,
    trainWindows: train.x.length,
    validationLoss: best,
    forecast(history, h, lvl): Forecast {
      if (h > horizon) throw new Error(`lstm: trained for ${horizon} steps, asked for ${h}`);
      const w = windowAt(history, history.length, inputDays, horizon, false);
      if (!w) throw new Error(`lstm: need at least ${inputDays} observations, got ${history.length}`);
      const out = forward(net, Float64Array.from(w.x), 1).out;
      const back = (v: number) => Math.max(0, Math.expm1(v + w.centre));
      const mean = new Float64Array(h);
      const lower = new Float64Array(h);
      const upper = new Float64Array(h);
      for (let k = 0; k < h; k++) {
        mean[k] = back(out[k]);
        lower[k] = back(out[k] + lowerQ[k]);
        upper[k] = back(out[k] + upperQ[k]);
      }
      return { mean, lower, upper, level: lvl };
    },
  };
}
