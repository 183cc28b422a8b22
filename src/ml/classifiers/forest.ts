/**
 * Random forest classifier on the histogram tree code: each tree sees a bootstrap sample of
 * rows (with duplicates), considers sqrt(d) random features per split, and splits on squared
 * error of the 0/1 label (equivalent to Gini for binary labels). Probability = mean over trees
 * of the leaf's positive frequency. Impurity importance = total split gain per feature,
 * normalised to sum 1 (biased toward many-valued features; use permutationImportance to check).
 */
import { assertSameColumns, type FeatureMatrix } from '../core/matrix.js';
import { childSeed, createRng } from '../core/rng.js';
import { applyBinner, type Binner, fitBinner } from './binning.js';
import { addTreePredictions, buildTree, createTreeWorkspace, type Tree } from './tree.js';

export interface ForestOptions {
  nTrees?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** Features tried per split; default round(sqrt(d)). */
  maxFeatures?: number;
  maxBins?: number;
  seed?: number;
  /**
   * Where the trees' histograms are filled: 'wasm' (hist-kernel.ts, once loadHistKernel() has
   * finished) or 'js'. Both grow the same trees to the bit; the default takes the kernel when loaded.
   */
  kernel?: 'wasm' | 'js';
}

export interface ForestModel {
  kind: 'forest';
  names: readonly string[];
  binner: Binner;
  trees: Tree[];
  featureImportance: { feature: string; importance: number }[];
  predictProba(x: FeatureMatrix): Float64Array;
}

export function fitForest(x: FeatureMatrix, labels: ArrayLike<number>, options: ForestOptions = {}): ForestModel {
  const nTrees = options.nTrees ?? 100;
  const n = x.nRows;
  const d = x.nCols;
  if (labels.length !== n) throw new Error(`fitForest: ${labels.length} labels vs ${n} rows`);
  const seed = options.seed ?? 42;
  const params = {
    maxDepth: options.maxDepth ?? 14,
    maxLeaves: Number.POSITIVE_INFINITY,
    minSamplesLeaf: options.minSamplesLeaf ?? 3,
    minChildWeight: 0,
    l2: 0,
    minGain: 1e-12,
    featuresPerSplit: Math.max(1, Math.min(d, options.maxFeatures ?? Math.round(Math.sqrt(d)))),
  };
  const binner = fitBinner(x, options.maxBins ?? 255);
  const binned = applyBinner(binner, x);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) grad[i] = -labels[i];
  const trees: Tree[] = [];
  const gains = new Float64Array(d);
  const rows = new Int32Array(n);
  const workspace = createTreeWorkspace({ histKernel: options.kernel !== 'js' });
  for (let t = 0; t < nTrees; t++) {
    const rng = createRng(childSeed(seed, t));
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    const { tree, gainByFeature } = buildTree(binned, rows, grad, hess, params, rng, workspace);
    trees.push(tree);
    for (let f = 0; f < d; f++) gains[f] += gainByFeature[f];
  }
  const total = gains.reduce((a, b) => a + b, 0) || 1;
  const names = [...x.names];
  return {
    kind: 'forest',
    names,
    binner,
    trees,
    featureImportance: names.map((feature, f) => ({ feature, importance: gains[f] / total })),
    predictProba(m) {
      assertSameColumns(names, m.names, 'ForestModel.predictProba');
      const b = applyBinner(binner, m);
      const out = new Float64Array(m.nRows);
      for (const tree of trees) addTreePredictions(tree, b, out, 1 / trees.length);
      return out;
    },
  };
}
