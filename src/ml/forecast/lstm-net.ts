/**
 * The arithmetic of the forecaster's network on Float64Arrays: one LSTM layer (gates in the order
 * input, forget, cell, output; sigmoid gates, tanh cell) read over `steps` time steps of `inputs`
 * values, then a dense layer from the last hidden state to `outputs` values. Forward pass, the
 * gradient of the mean squared error by back-propagation through time, and Adam.
 *
 * Why not @tensorflow/tfjs, which this replaced: on the pure-JavaScript backend each operation
 * costs tens of microseconds whatever its size, and this network's operations are tiny (a batch of
 * 64 windows, 12 units), so training the catalogue network took 4.4 s of CPU for 31 epochs where
 * the same arithmetic on typed arrays takes a few hundredths. tfjs stays as the reference that
 * test/ml/forecast/lstm-net.test.ts checks the forward pass, the gradients and an Adam step against.
 */
import type { Rng } from '../core/rng.js';

export interface LstmShape {
  /** Values per time step. */
  inputs: number;
  /** Time steps per window. */
  steps: number;
  units: number;
  outputs: number;
}

/** Every trainable value, in one array so Adam and best-epoch copies treat them alike. */
export interface LstmParams {
  readonly shape: LstmShape;
  /** kernel (inputs x 4 units), recurrent (units x 4 units), bias (4 units), dense (units x outputs), dense bias (outputs). */
  readonly values: Float64Array;
}

/** Where each weight matrix starts in `values`. */
export function layout(s: LstmShape) {
  const g = 4 * s.units;
  const kernel = 0;
  const recurrent = kernel + s.inputs * g;
  const bias = recurrent + s.units * g;
  const dense = bias + g;
  const denseBias = dense + s.units * s.outputs;
  return { kernel, recurrent, bias, dense, denseBias, size: denseBias + s.outputs };
}

/**
 * Seeded initial weights, the usual choices for this layer: Glorot-uniform kernels, an orthogonal
 * recurrent matrix (rows orthonormalised from normal draws), zero biases except the forget gate's,
 * which start at 1 so early training does not forget the window.
 */
export function initLstm(shape: LstmShape, rng: Rng): LstmParams {
  const l = layout(shape);
  const values = new Float64Array(l.size);
  const g = 4 * shape.units;
  const glorot = (offset: number, fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let k = 0; k < fanIn * fanOut; k++) values[offset + k] = (2 * rng.next() - 1) * limit;
  };
  glorot(l.kernel, shape.inputs, g);
  // Orthonormal rows (units <= 4 units): modified Gram-Schmidt on normal draws.
  for (let r = 0; r < shape.units; r++) {
    const row = l.recurrent + r * g;
    for (;;) {
      for (let c = 0; c < g; c++) values[row + c] = rng.normal();
      for (let q = 0; q < r; q++) {
        const other = l.recurrent + q * g;
        let dot = 0;
        for (let c = 0; c < g; c++) dot += values[row + c] * values[other + c];
        for (let c = 0; c < g; c++) values[row + c] -= dot * values[other + c];
      }
      let norm = 0;
      for (let c = 0; c < g; c++) norm += values[row + c] ** 2;
      norm = Math.sqrt(norm);
      if (norm < 1e-8) continue; // a draw (almost) inside the span of the rows before it: draw again
      for (let c = 0; c < g; c++) values[row + c] /= norm;
      break;
    }
  }
  for (let u = 0; u < shape.units; u++) values[l.bias + shape.units + u] = 1;
  glorot(l.dense, shape.units, shape.outputs);
  return { shape, values };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** What the backward pass needs from the forward pass over one batch. */
interface Trace {
  batch: number;
  /** Per step, batch x units: gate activations, cell state, tanh of the cell state, hidden state. */
  gi: Float64Array[];
  gf: Float64Array[];
  gc: Float64Array[];
  go: Float64Array[];
  c: Float64Array[];
  tanhC: Float64Array[];
  h: Float64Array[];
  out: Float64Array;
}

/**
 * Forward pass. `x` holds `batch` windows of steps x inputs values, row-major (window, step, value);
 * returns batch x outputs predictions (and the trace for `gradient`).
 */
export function forward(p: LstmParams, x: Float64Array, batch: number): Trace {
  const { inputs, steps, units, outputs } = p.shape;
  const l = layout(p.shape);
  const w = p.values;
  const g4 = 4 * units;
  const trace: Trace = { batch, gi: [], gf: [], gc: [], go: [], c: [], tanhC: [], h: [], out: new Float64Array(batch * outputs) };
  const z = new Float64Array(g4);
  let hPrev = new Float64Array(batch * units);
  let cPrev = new Float64Array(batch * units);
  for (let t = 0; t < steps; t++) {
    const gi = new Float64Array(batch * units);
    const gf = new Float64Array(batch * units);
    const gc = new Float64Array(batch * units);
    const go = new Float64Array(batch * units);
    const c = new Float64Array(batch * units);
    const tanhC = new Float64Array(batch * units);
    const h = new Float64Array(batch * units);
    for (let b = 0; b < batch; b++) {
      for (let k = 0; k < g4; k++) z[k] = w[l.bias + k];
      const xo = (b * steps + t) * inputs;
      for (let d = 0; d < inputs; d++) {
        const v = x[xo + d];
        if (v === 0) continue;
        const row = l.kernel + d * g4;
        for (let k = 0; k < g4; k++) z[k] += v * w[row + k];
      }
      const ho = b * units;
      for (let u = 0; u < units; u++) {
        const v = hPrev[ho + u];
        if (v === 0) continue;
        const row = l.recurrent + u * g4;
        for (let k = 0; k < g4; k++) z[k] += v * w[row + k];
      }
      for (let u = 0; u < units; u++) {
        const o = ho + u;
        gi[o] = sigmoid(z[u]);
        gf[o] = sigmoid(z[units + u]);
        gc[o] = Math.tanh(z[2 * units + u]);
        go[o] = sigmoid(z[3 * units + u]);
        c[o] = gf[o] * cPrev[o] + gi[o] * gc[o];
        tanhC[o] = Math.tanh(c[o]);
        h[o] = go[o] * tanhC[o];
      }
    }
    trace.gi.push(gi);
    trace.gf.push(gf);
    trace.gc.push(gc);
    trace.go.push(go);
    trace.c.push(c);
    trace.tanhC.push(tanhC);
    trace.h.push(h);
    hPrev = h;
    cPrev = c;
  }
  for (let b = 0; b < batch; b++)
    for (let o = 0; o < outputs; o++) {
      let s = w[l.denseBias + o];
      for (let u = 0; u < units; u++) s += hPrev[b * units + u] * w[l.dense + u * outputs + o];
      trace.out[b * outputs + o] = s;
    }
  return trace;
}

/** Mean squared error of predictions against targets (batch x outputs, row-major). */
export function meanSquaredError(pred: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let k = 0; k < pred.length; k++) s += (pred[k] - y[k]) ** 2;
  return s / pred.length;
}

/**
 * Gradient of the mean squared error (over every window and output) with respect to every value
 * of `p`, by back-propagation through time; written into `grad` (same layout as p.values).
 */
export function gradient(p: LstmParams, x: Float64Array, y: Float64Array, trace: Trace, grad: Float64Array): void {
  const { inputs, steps, units, outputs } = p.shape;
  const l = layout(p.shape);
  const w = p.values;
  const g4 = 4 * units;
  const batch = trace.batch;
  grad.fill(0);
  const hLast = trace.h[steps - 1];
  // d loss / d prediction, then the dense layer.
  const dh = new Float64Array(batch * units);
  const scale = 2 / (batch * outputs);
  for (let b = 0; b < batch; b++)
    for (let o = 0; o < outputs; o++) {
      const d = scale * (trace.out[b * outputs + o] - y[b * outputs + o]);
      grad[l.denseBias + o] += d;
      for (let u = 0; u < units; u++) {
        grad[l.dense + u * outputs + o] += hLast[b * units + u] * d;
        dh[b * units + u] += d * w[l.dense + u * outputs + o];
      }
    }
  const dc = new Float64Array(batch * units);
  const dz = new Float64Array(g4);
  const zeros = new Float64Array(batch * units);
  for (let t = steps - 1; t >= 0; t--) {
    const cPrev = t > 0 ? trace.c[t - 1] : zeros;
    const hPrev = t > 0 ? trace.h[t - 1] : zeros;
    const gi = trace.gi[t];
    const gf = trace.gf[t];
    const gc = trace.gc[t];
    const go = trace.go[t];
    const tanhC = trace.tanhC[t];
    for (let b = 0; b < batch; b++) {
      const ho = b * units;
      for (let u = 0; u < units; u++) {
        const o = ho + u;
        const dcTotal = dc[o] + dh[o] * go[o] * (1 - tanhC[o] * tanhC[o]);
        dz[u] = dcTotal * gc[o] * gi[o] * (1 - gi[o]);
        dz[units + u] = dcTotal * cPrev[o] * gf[o] * (1 - gf[o]);
        dz[2 * units + u] = dcTotal * gi[o] * (1 - gc[o] * gc[o]);
        dz[3 * units + u] = dh[o] * tanhC[o] * go[o] * (1 - go[o]);
        dc[o] = dcTotal * gf[o];
      }
      for (let k = 0; k < g4; k++) grad[l.bias + k] += dz[k];
      const xo = (b * steps + t) * inputs;
      for (let d = 0; d < inputs; d++) {
        const v = x[xo + d];
        if (v === 0) continue;
        const row = l.kernel + d * g4;
        for (let k = 0; k < g4; k++) grad[row + k] += v * dz[k];
      }
      // The recurrent weights' gradient, and the gradient flowing to the previous hidden state.
      for (let u = 0; u < units; u++) {
        const v = hPrev[ho + u];
        const row = l.recurrent + u * g4;
        let back = 0;
        for (let k = 0; k < g4; k++) {
          grad[row + k] += v * dz[k];
          back += dz[k] * w[row + k];
        }
        dh[ho + u] = back;
      }
    }
  }
}

/** Adam with the usual defaults (beta1 0.9, beta2 0.999, epsilon 1e-7) over every value of a parameter array. */
export class AdamOptimizer {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private beta1Power = 1;
  private beta2Power = 1;
  constructor(
    size: number,
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  step(values: Float64Array, grad: Float64Array): void {
    this.beta1Power *= this.beta1;
    this.beta2Power *= this.beta2;
    const c1 = 1 - this.beta1Power;
    const c2 = 1 - this.beta2Power;
    for (let k = 0; k < values.length; k++) {
      const g = grad[k];
      this.m[k] = this.beta1 * this.m[k] + (1 - this.beta1) * g;
      this.v[k] = this.beta2 * this.v[k] + (1 - this.beta2) * g * g;
      values[k] -= (this.learningRate * (this.m[k] / c1)) / (Math.sqrt(this.v[k] / c2) + this.epsilon);
    }
  }
}
