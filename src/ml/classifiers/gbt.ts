/**
 * Gradient-boosted trees for binary classification (logistic loss), histogram-based.
 * Start from the training log-odds; each round fits a tree to g = p - y, h = p(1 - p) on a
 * row subsample and adds learningRate x leaf values. With a validation set, training stops
 * after `earlyStoppingRounds` rounds without a better validation log loss and keeps the best
 * round count. Feature importance = total split gain per feature, normalised to sum 1.
 */
import { assertSameColumns, type FeatureMatrix } from '../core/matrix.js';
import { createRng } from '../core/rng.js';
import { applyBinner, type Binner, fitBinner } from './binning.js';
import { sigmoid } from '../core/linalg.js';
import { addTreePredictions, buildTree, createTreeWorkspace, type Tree } from './tree.js';

export interface GbtOptions {
  nTrees?: number;
  learningRate?: number;
  maxDepth?: number;
  maxLeaves?: number;
  minSamplesLeaf?: number;
  minChildWeight?: number;
  l2?: number;
  /** Row fraction per tree, sampled without replacement; default 1. */
  subsample?: number;
  maxBins?: number;
  seed?: number;
  validation?: { x: FeatureMatrix; labels: ArrayLike<number> };
  /**
   * Where the trees' histograms are filled: 'wasm' (hist-kernel.ts, once loadHistKernel() has
   * finished) or 'js'. Both give the same trees to the bit; the default takes the kernel when it can.
   */
  kernel?: 'wasm' | 'js';
  earlyStoppingRounds?: number;
}

export interface GbtModel {
  kind: 'gbt';
  names: readonly string[];
  binner: Binner;
  baseScore: number;
  learningRate: number;
  trees: Tree[];
  /** Validation log loss after each round (empty without validation). */
  validationLoss: number[];
  bestIteration: number;
  featureImportance: { feature: string; importance: number }[];
  predictRaw(x: FeatureMatrix): Float64Array;
  predictProba(x: FeatureMatrix): Float64Array;
}

function meanLogLoss(labels: ArrayLike<number>, raw: Float64Array): number {
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    const z = raw[i];
    // log(1 + e^z) - y z, stable.
    s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - labels[i] * z;
  }
  return s / raw.length;
}

export function fitGbt(x: FeatureMatrix, labels: ArrayLike<number>, options: GbtOptions = {}): GbtModel {
  const nTrees = options.nTrees ?? 200;
  const lr = options.learningRate ?? 0.1;
  const subsample = options.subsample ?? 1;
  const patience = options.earlyStoppingRounds ?? 20;
  const params = {
    maxDepth: options.maxDepth ?? 6,
    maxLeaves: options.maxLeaves ?? 31,
    minSamplesLeaf: options.minSamplesLeaf ?? 20,
    minChildWeight: options.minChildWeight ?? 1e-3,
    l2: options.l2 ?? 1,
    minGain: 0,
  };
  const n = x.nRows;
  if (labels.length !== n) throw new Error(`fitGbt: ${labels.length} labels vs ${n} rows`);
  const rng = createRng(options.seed ?? 42);
  const binner = fitBinner(x, options.maxBins ?? 255);
  const binned = applyBinner(binner, x);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i];
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, pos / n));
  const baseScore = Math.log(prior / (1 - prior));

  const raw = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const val = options.validation;
  const valBinned = val ? applyBinner(binner, val.x) : null;
  const valRaw = val ? new Float64Array(val.x.nRows).fill(baseScore) : null;
  const validationLoss: number[] = [];
  const trees: Tree[] = [];
  const gains = new Float64Array(x.nCols);
  const gainsPerTree: Float64Array[] = [];
  let best = Infinity;
  let bestIteration = 0;
  const allRows = Int32Array.from({ length: n }, (_, i) => i);
  const sampleSize = Math.max(1, Math.round(subsample * n));

  const workspace = createTreeWorkspace({ histKernel: options.kernel !== 'js' });
  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i]);
      grad[i] = p - labels[i];
      hess[i] = Math.max(p * (1 - p), 1e-16);
    }
    let rows = allRows;
    if (sampleSize < n) {
      // Partial shuffle: the first sampleSize entries are a uniform sample without replacement.
      const pool = Int32Array.from(allRows);
      for (let a = 0; a < sampleSize; a++) {
        const b = a + rng.int(n - a);
        const tmp = pool[a];
        pool[a] = pool[b];
        pool[b] = tmp;
      }
      rows = pool.subarray(0, sampleSize);
    }
    const built = buildTree(binned, rows, grad, hess, params, undefined, workspace);
    const { tree, gainByFeature } = built;
    for (let k = 0; k < tree.value.length; k++) tree.value[k] *= lr;
    trees.push(tree);
    gainsPerTree.push(gainByFeature);
    if (rows === allRows) {
      // Every training row is in exactly one leaf's range: add the leaf's value to its rows (the
      // same value a walk down the tree gives each row).
      for (let k = 0; k < built.leafNode.length; k++) {
        const v = tree.value[built.leafNode[k]];
        for (let q = built.leafStart[k]; q < built.leafEnd[k]; q++) raw[built.rowOrder[q]] += v;
      }
    } else addTreePredictions(tree, binned, raw);
    if (val && valBinned && valRaw) {
      addTreePredictions(tree, valBinned, valRaw);
      const loss = meanLogLoss(val.labels, valRaw);
      validationLoss.push(loss);
      if (loss < best - 1e-9) {
        best = loss;
        bestIteration = t + 1;
      } else if (t + 1 - bestIteration >= patience) break;
    } else {
      bestIteration = t + 1;
    }
  }
  trees.length = bestIteration;
  for (let t = 0; t < bestIteration; t++) for (let f = 0; f < x.nCols; f++) gains[f] += gainsPerTree[t][f];
  const totalGain = gains.reduce((a, b) => a + b, 0) || 1;
  const names = [...x.names];

  const predictRaw = (m: FeatureMatrix): Float64Array => {
    assertSameColumns(names, m.names, 'GbtModel.predict');
    const b = applyBinner(binner, m);
    const out = new Float64Array(m.nRows).fill(baseScore);
    for (const tree of trees) addTreePredictions(tree, b, out);
    return out;
  };
  return {
    kind: 'gbt',
    names,
    binner,
    baseScore,
    learningRate: lr,
    trees,
    validationLoss,
    bestIteration,
    featureImportance: names.map((feature, f) => ({ feature, importance: gains[f] / totalGain })),
    predictRaw,
    predictProba: (m) => predictRaw(m).map(sigmoid),
  };
}
