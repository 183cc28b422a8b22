/**
 * An LSTM forecaster (@tensorflow/tfjs, pure-JavaScript CPU backend; nothing downloaded). One
 * network per group of series, trained on windows of the daily series: the last `inputDays`
 * values (log1p, centred on the window mean) in, the next `horizon` values out (direct multi-step).
 * Training windows end before the first validation origin; the validation origins' windows drive
 * early stopping and give the interval (split-conformal: per-step quantiles of the validation
 * residuals in log space). Seeded initialisers and our own seeded batch order make a run
 * repeatable. Training stops at `maxSeconds` whatever the epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../core/rng.js';
import type { Forecast, Forecaster } from './types.js';

// PROD mode: no "install the node backend" banner on stdout (that backend downloads binaries).
tf.enableProdMode();

export interface LstmOptions {
  inputDays?: number;
  horizon: number;
  /** Training targets must end at or before this day index (the first validation origin). */
  trainEnd: number;
  /** Origins whose windows are the early-stopping (and interval) set. */
  validationOrigins: readonly number[];
  level: number;
  seed: number;
  maxSeconds: number;
  maxEpochs?: number;
  patience?: number;
  units?: number;
}

export interface TrainedLstm extends Forecaster {
  readonly epochs: number;
  readonly seconds: number;
  readonly validationLoss: number;
  dispose(): void;
}

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

export async function trainLstm(series: readonly Float64Array[], options: LstmOptions): Promise<TrainedLstm> {
  const started = performance.now();
  await tf.setBackend('cpu');
  const inputDays = options.inputDays ?? 28;
  const { horizon, trainEnd, level } = options;
  const rng = createRng(options.seed);
  const train: Windows = { x: [], y: [] };
  // A stride that keeps about 300 training windows whatever the number of series: the pure-JS
  // backend's epoch time grows with windows x input days, and the step has a time budget.
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

  const model = tf.sequential();
  model.add(
    tf.layers.lstm({
      units: options.units ?? 12,
      inputShape: [inputDays, 1],
      kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: options.seed + 1 }),
    }),
  );
  model.add(tf.layers.dense({ units: horizon, kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed + 2 }) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });

  const toX = (rows: number[][]) => tf.tensor3d(rows.map((r) => r.map((v) => [v])));
  const xVal = toX(val.x);
  const yVal = tf.tensor2d(val.y);
  let best = Infinity;
  let bestWeights: tf.Tensor[] | null = null;
  let sinceBest = 0;
  let epochs = 0;
  const maxEpochs = options.maxEpochs ?? 60;
  const patience = options.patience ?? 4;
  let epochSeconds = 0;
  // Stop before an epoch that would end past the cap (epochs take about the same time).
  while (epochs < maxEpochs && (performance.now() - started) / 1000 + epochSeconds < options.maxSeconds) {
    const epochStart = performance.now();
    const order = Array.from(train.x.keys());
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const xTrain = toX(order.map((i) => train.x[i]));
    const yTrain = tf.tensor2d(order.map((i) => train.y[i]));
    await model.fit(xTrain, yTrain, { epochs: 1, batchSize: 64, shuffle: false, verbose: 0 });
    xTrain.dispose();
    yTrain.dispose();
    epochs++;
    epochSeconds = (performance.now() - epochStart) / 1000;
    const loss = tf.tidy(() => (model.evaluate(xVal, yVal) as tf.Scalar).dataSync()[0]);
    if (loss < best - 1e-6) {
      best = loss;
      sinceBest = 0;
      bestWeights?.forEach((w) => w.dispose());
      bestWeights = model.getWeights().map((w) => w.clone());
    } else if (++sinceBest >= patience) break;
  }
  if (bestWeights) {
    model.setWeights(bestWeights);
    bestWeights.forEach((w) => w.dispose());
  }

  // Split-conformal bounds per step from the validation residuals (log1p scale).
  const predVal = tf.tidy(() => (model.predict(xVal) as tf.Tensor).arraySync() as number[][]);
  xVal.dispose();
  yVal.dispose();
  const lowerQ = new Float64Array(horizon);
  const upperQ = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const r = val.y.map((row, i) => row[h] - predVal[i][h]).sort((a, b) => a - b);
    const q = (p: number) => r[Math.min(r.length - 1, Math.max(0, Math.round(p * (r.length - 1))))];
    lowerQ[h] = q((1 - level) / 2);
    upperQ[h] = q(1 - (1 - level) / 2);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    name: 'lstm',
    epochs,
    seconds,
    validationLoss: best,
    forecast(history, h, lvl): Forecast {
      if (h > horizon) throw new Error(`lstm: trained for ${horizon} steps, asked for ${h}`);
      const w = windowAt(history, history.length, inputDays, horizon, false);
      if (!w) throw new Error(`lstm: need at least ${inputDays} observations, got ${history.length}`);
      const out = tf.tidy(() => (model.predict(toX([w.x])) as tf.Tensor).dataSync());
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
    dispose: () => model.dispose(),
  };
}
