// The forecaster's LSTM arithmetic (src/ml/forecast/lstm-net.ts) against two references: finite
// differences of its own loss (the gradient), and @tensorflow/tfjs with the same weights (the
// forward pass, every gradient, and Adam's updates). tfjs computes in float32, hence the tolerances.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AdamOptimizer,
  forward,
  gradient,
  initLstm,
  layout,
  meanSquaredError,
  type LstmParams,
  type LstmShape,
} from '../../../src/ml/forecast/lstm-net.js';
import { createRng } from '../../../src/ml/core/rng.js';

const shape: LstmShape = { inputs: 3, steps: 4, units: 5, outputs: 2 };
const batch = 6;

function data(seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: batch * shape.steps * shape.inputs }, () => rng.normal());
  const y = Float64Array.from({ length: batch * shape.outputs }, () => rng.normal());
  return { x, y };
}

function lossAt(p: LstmParams, x: Float64Array, y: Float64Array): number {
  return meanSquaredError(forward(p, x, batch).out, y);
}

/** A tfjs model of the same shape holding the same weights (sigmoid gates, as lstm-net uses). */
function tfjsTwin(p: LstmParams): tf.Sequential {
  const l = layout(p.shape);
  const g4 = 4 * p.shape.units;
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: p.shape.units, inputShape: [p.shape.steps, p.shape.inputs], recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: p.shape.outputs }));
  const v = p.values;
  model.layers[0].setWeights([
    tf.tensor2d(Float32Array.from(v.slice(l.kernel, l.recurrent)), [p.shape.inputs, g4]),
    tf.tensor2d(Float32Array.from(v.slice(l.recurrent, l.bias)), [p.shape.units, g4]),
    tf.tensor1d(Float32Array.from(v.slice(l.bias, l.dense))),
  ]);
  model.layers[1].setWeights([
    tf.tensor2d(Float32Array.from(v.slice(l.dense, l.denseBias)), [p.shape.units, p.shape.outputs]),
    tf.tensor1d(Float32Array.from(v.slice(l.denseBias))),
  ]);
  return model;
}

/** Seeded weights and data, the tfjs twin holding those weights, and the data as tensors. */
function twinCase(weightSeed: number, dataSeed: number) {
  const p = initLstm(shape, createRng(weightSeed));
  const { x, y } = data(dataSeed);
  const xt = tf.tensor3d(Array.from(x), [batch, shape.steps, shape.inputs]);
  const yt = tf.tensor2d(Array.from(y), [batch, shape.outputs]);
  return { p, x, y, model: tfjsTwin(p), xt, yt };
}

/** The tfjs model's weights in lstm-net's layout. */
function flatten(tensors: tf.Tensor[]): Float64Array {
  return Float64Array.from(tensors.flatMap((t) => Array.from(t.dataSync())));
}

describe('LSTM network arithmetic', () => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });

  it('starts from seeded weights with orthonormal recurrent rows and a forget bias of 1', () => {
    const a = initLstm(shape, createRng(3));
    expect(Array.from(initLstm(shape, createRng(3)).values)).toEqual(Array.from(a.values));
    const l = layout(shape);
    const g4 = 4 * shape.units;
    for (let r = 0; r < shape.units; r++)
      for (let q = 0; q < shape.units; q++) {
        let dot = 0;
        for (let c = 0; c < g4; c++) dot += a.values[l.recurrent + r * g4 + c] * a.values[l.recurrent + q * g4 + c];
        expect(dot).toBeCloseTo(r === q ? 1 : 0, 12);
      }
    const bias = Array.from(a.values.slice(l.bias, l.dense));
    expect(bias).toEqual([...Array(shape.units).fill(0), ...Array(shape.units).fill(1), ...Array(2 * shape.units).fill(0)]);
  });

  it('has the gradient of its loss, checked by central differences on every weight', () => {
    const p = initLstm(shape, createRng(5));
    // Larger biases than at initialisation so every gate works away from its linear middle.
    const rng = createRng(8);
    for (let k = 0; k < p.values.length; k++) p.values[k] += 0.3 * rng.normal();
    const { x, y } = data(1);
    const grad = new Float64Array(p.values.length);
    gradient(p, x, y, forward(p, x, batch), grad);
    const h = 1e-6;
    for (let k = 0; k < p.values.length; k++) {
      const keep = p.values[k];
      p.values[k] = keep + h;
      const up = lossAt(p, x, y);
      p.values[k] = keep - h;
      const down = lossAt(p, x, y);
      p.values[k] = keep;
      const numeric = (up - down) / (2 * h);
      expect(Math.abs(grad[k] - numeric), `weight ${k}`).toBeLessThan(1e-7 + 1e-5 * Math.abs(numeric));
    }
  });

  it('predicts and differentiates as tfjs does with the same weights', () => {
    const { p, x, y, model, xt, yt } = twinCase(11, 2);
    const trace = forward(p, x, batch);
    const theirs = (model.predict(xt) as tf.Tensor).dataSync();
    for (let k = 0; k < trace.out.length; k++) expect(trace.out[k]).toBeCloseTo(theirs[k], 5);

    const grad = new Float64Array(p.values.length);
    gradient(p, x, y, trace, grad);
    const { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(yt, model.apply(xt) as tf.Tensor) as tf.Scalar);
    // Variables in the model's weight order: kernel, recurrent kernel, bias, dense kernel, dense bias.
    const theirGrads = flatten(model.trainableWeights.map((w) => grads[w.originalName]));
    expect(theirGrads.length).toBe(grad.length);
    for (let k = 0; k < grad.length; k++) expect(grad[k]).toBeCloseTo(theirGrads[k], 5);
    model.dispose();
  });

  it('takes the Adam steps tfjs takes', () => {
    const { p, x, y, model, xt, yt } = twinCase(13, 3);
    const theirOptimizer = tf.train.adam(0.01);
    const ours = new AdamOptimizer(p.values.length, 0.01);
    const grad = new Float64Array(p.values.length);
    for (let step = 0; step < 3; step++) {
      theirOptimizer.minimize(() => tf.losses.meanSquaredError(yt, model.apply(xt) as tf.Tensor) as tf.Scalar);
      gradient(p, x, y, forward(p, x, batch), grad);
      ours.step(p.values, grad);
    }
    const theirs = flatten(model.getWeights());
    for (let k = 0; k < theirs.length; k++) expect(p.values[k]).toBeCloseTo(theirs[k], 4);
    model.dispose();
  });
});
