/**
 * One histogram regression tree on gradients/hessians, grown best-first (the open leaf with the
 * largest gain is split next) under maxDepth / maxLeaves / minSamplesLeaf / minChildWeight.
 *   gain  = GL^2/(HL+l2) + GR^2/(HR+l2) - G^2/(H+l2)      (second-order, as in XGBoost)
 *   value = -G / (H + l2)
 * Gradient boosting passes logistic-loss g, h. The random forest passes g = -y, h = 1, l2 = 0:
 * then gain is the reduction in squared error (= n x Gini decrease / 2 for 0/1 labels) and the
 * leaf value is the leaf's positive frequency.
 * Rows are an index list that may contain duplicates (bootstrap samples).
 * When every feature is considered at every node (boosting), only the smaller child's
 * histogram is scanned and the larger one is parent minus smaller; forests, which sample
 * features per split, scan the sampled features of each node instead.
 */
import type { Rng } from '../core/rng.js';
import type { BinnedMatrix } from './binning.js';
import { createHistKernel, type HistKernel } from './hist-kernel.js';

export interface TreeParams {
  maxDepth: number;
  maxLeaves: number;
  minSamplesLeaf: number;
  minChildWeight: number;
  l2: number;
  minGain: number;
  /** Features considered per split (random subset, needs rng); undefined = all. */
  featuresPerSplit?: number;
}

/** Flat tree: node k is a leaf when feature[k] < 0. Left child takes bin <= thresholdBin. */
export interface Tree {
  feature: Int32Array;
  thresholdBin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

interface Candidate {
  node: number;
  start: number;
  end: number;
  depth: number;
  gain: number;
  feature: number;
  bin: number;
  /** Gradient and hessian sums of the node's rows. */
  G: number;
  H: number;
  /** Kept histogram of an open leaf (subtraction mode only). */
  hist: Histogram | null;
}

export interface TreeBuildResult {
  tree: Tree;
  /** Total gain per feature from this tree's splits. */
  gainByFeature: Float64Array;
  /**
   * The rows passed in, reordered so each leaf's rows are contiguous: leaf k (node leafNode[k]) holds
   * rowOrder[leafStart[k] .. leafEnd[k]). Lets boosting add a leaf's value to its training rows
   * without walking the tree again.
   */
  rowOrder: Int32Array;
  leafNode: number[];
  leafStart: number[];
  leafEnd: number[];
}

/**
 * Per feature f and bin b, at 3 * (f * 256 + b): gradient sum, hessian sum, row count. The three
 * sums of a bin share a cache line, which is what a row's update touches.
 */
type Histogram = Float64Array;

/**
 * Buffers one caller reuses across the trees it grows (boosting rounds, forest trees): histograms
 * (d x 256 bins each) and per-row scratch, instead of allocating them again for every tree.
 */
export interface TreeWorkspace {
  pool: Histogram[];
  gOrdered: Float64Array;
  hOrdered: Float64Array;
  /**
   * The histogram fill in WebAssembly (hist-kernel.ts), made for the binned matrix on the first tree
   * once loadHistKernel() has run; null: the JavaScript fills.
   */
  histKernel?: HistKernel | null;
  /** false: never use the kernel (the JavaScript reference). */
  allowHistKernel: boolean;
}

export function createTreeWorkspace(options: { histKernel?: boolean } = {}): TreeWorkspace {
  return { pool: [], gOrdered: new Float64Array(0), hOrdered: new Float64Array(0), allowHistKernel: options.histKernel ?? true };
}

export function buildTree(
  data: BinnedMatrix,
  rows: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  params: TreeParams,
  rng?: Rng,
  workspace: TreeWorkspace = createTreeWorkspace(),
): TreeBuildResult {
  const n = data.nRows;
  const d = data.nCols;
  const idx = Int32Array.from(rows);
  const featureList = Int32Array.from({ length: d }, (_, f) => f);
  const gainByFeature = new Float64Array(d);
  const sampleFeatures = params.featuresPerSplit !== undefined && params.featuresPerSplit < d && rng !== undefined;
  // With all features considered at every node, a child's histogram is parent minus sibling:
  // only the smaller child is scanned. With per-split feature sampling (forests) histograms
  // are built fresh for the sampled features only.
  const useSubtraction = !sampleFeatures;
  const pool = workspace.pool;
  if (pool.length > 0 && pool[0].length !== d * 256 * 3) pool.length = 0;
  const takeHist = (): Histogram => pool.pop() ?? new Float64Array(d * 256 * 3);

  const feature: number[] = [];
  const thresholdBin: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];

  const newNode = (G: number, H: number): number => {
    feature.push(-1);
    thresholdBin.push(0);
    left.push(-1);
    right.push(-1);
    value.push(-G / (H + params.l2) + 0); // + 0 turns -0 into 0
    return feature.length - 1;
  };

  // Row by row: each row's gradient and hessian are read once and added to its bin of every
  // feature in turn, so consecutive updates land in different features' histograms (no chain of
  // read-after-write on one bin). Each bin still sums its rows in idx order: the same sums as a
  // feature-by-feature pass.
  const rowBins = data.rowBins;
  if (workspace.gOrdered.length < idx.length) {
    workspace.gOrdered = new Float64Array(idx.length);
    workspace.hOrdered = new Float64Array(idx.length);
  }
  const gOrdered = workspace.gOrdered;
  const hOrdered = workspace.hOrdered;
  // The kernel fills the same bins with the same sums: every feature row by row (boosting), or the
  // sampled features column by column (forests).
  let histKernel: HistKernel | null = null;
  if (workspace.allowHistKernel) {
    if (workspace.histKernel?.data !== data) workspace.histKernel = createHistKernel(data);
    histKernel = workspace.histKernel;
    histKernel?.setGradients(grad, hess);
  }
  const fillHist = (hist: Histogram, start: number, end: number, features: Int32Array, nFeat: number) => {
    if (histKernel) {
      if (nFeat === d) histKernel.fill(hist, idx, start, end);
      else histKernel.fillFeatures(hist, idx, start, end, features, nFeat);
      return;
    }
    for (let a = 0; a < nFeat; a++) {
      const base = features[a] * 256;
      const nb = data.nBins[features[a]];
      hist.fill(0, 3 * base, 3 * (base + nb));
    }
    if (nFeat === d) {
      // Every feature (boosting): featureList is still 0..d-1 in order, so feature a is a.
      for (let k = start; k < end; k++) {
        const r = idx[k];
        const g = grad[r];
        const h = hess[r];
        const off = r * d;
        for (let f = 0, base = 0; f < d; f++, base += 768) {
          const b = base + 3 * rowBins[off + f];
          hist[b] += g;
          hist[b + 1] += h;
          hist[b + 2]++;
        }
      }
      return;
    }
    // A few sampled features (forests): feature by feature down the columns, with the node's
    // gradients and hessians gathered in idx order once so each column pass reads them in sequence.
    for (let k = start; k < end; k++) {
      const r = idx[k];
      gOrdered[k] = grad[r];
      hOrdered[k] = hess[r];
    }
    for (let a = 0; a < nFeat; a++) {
      const f = features[a];
      const base = f * 256;
      const col = data.bins.subarray(f * n, (f + 1) * n);
      for (let k = start; k < end; k++) {
        const b = 3 * (base + col[idx[k]]);
        hist[b] += gOrdered[k];
        hist[b + 1] += hOrdered[k];
        hist[b + 2]++;
      }
    }
  };

  const canSplit = (count: number, depth: number) => depth < params.maxDepth && count >= 2 * params.minSamplesLeaf;

  const findSplit = (cand: Candidate, hist: Histogram, features: Int32Array, nFeat: number) => {
    const count = cand.end - cand.start;
    const { G, H } = cand;
    const parentScore = (G * G) / (H + params.l2);
    for (let a = 0; a < nFeat; a++) {
      const f = features[a];
      const nb = data.nBins[f];
      const base = f * 256;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        const o = 3 * (base + b);
        gl += hist[o];
        hl += hist[o + 1];
        cl += hist[o + 2];
        const cr = count - cl;
        if (cl < params.minSamplesLeaf) continue;
        if (cr < params.minSamplesLeaf) break;
        const hr = H - hl;
        if (hl < params.minChildWeight || hr < params.minChildWeight) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + params.l2) + (gr * gr) / (hr + params.l2) - parentScore;
        if (gain > cand.gain) {
          cand.gain = gain;
          cand.feature = f;
          cand.bin = b;
        }
      }
    }
  };

  /** Scores a new leaf; with subtraction, `hist` must already hold its histogram. */
  const evaluate = (cand: Candidate, hist: Histogram | null) => {
    if (!canSplit(cand.end - cand.start, cand.depth)) {
      if (hist) pool.push(hist);
      return;
    }
    if (useSubtraction && hist) {
      cand.hist = hist;
      findSplit(cand, hist, featureList, d);
      return;
    }
    // Partial Fisher-Yates: the first nFeat entries of featureList become a random subset.
    const nFeat = sampleFeatures ? params.featuresPerSplit! : d;
    if (sampleFeatures) {
      for (let a = 0; a < nFeat; a++) {
        const b = a + rng!.int(d - a);
        const t = featureList[a];
        featureList[a] = featureList[b];
        featureList[b] = t;
      }
    }
    const h = takeHist();
    fillHist(h, cand.start, cand.end, featureList, nFeat);
    findSplit(cand, h, featureList, nFeat);
    pool.push(h);
  };

  const sums = (start: number, end: number) => {
    let G = 0;
    let H = 0;
    for (let k = start; k < end; k++) {
      G += grad[idx[k]];
      H += hess[idx[k]];
    }
    return { G, H };
  };

  const rootSums = sums(0, idx.length);
  const root: Candidate = {
    node: newNode(rootSums.G, rootSums.H),
    start: 0,
    end: idx.length,
    depth: 0,
    gain: -Infinity,
    feature: -1,
    bin: -1,
    ...rootSums,
    hist: null,
  };
  let rootHist: Histogram | null = null;
  if (useSubtraction && canSplit(idx.length, 0)) {
    rootHist = takeHist();
    fillHist(rootHist, 0, idx.length, featureList, d);
  }
  evaluate(root, rootHist);
  const open: Candidate[] = [root];
  const leafNode: number[] = [];
  const leafStart: number[] = [];
  const leafEnd: number[] = [];
  const closeLeaf = (c: Candidate) => {
    leafNode.push(c.node);
    leafStart.push(c.start);
    leafEnd.push(c.end);
  };
  let leaves = 1;
  while (open.length > 0 && leaves < params.maxLeaves) {
    let best = 0;
    for (let k = 1; k < open.length; k++) if (open[k].gain > open[best].gain) best = k;
    const c = open[best];
    open[best] = open[open.length - 1];
    open.pop();
    if (!(c.gain > params.minGain) || c.feature < 0) {
      if (c.hist) pool.push(c.hist);
      closeLeaf(c);
      continue;
    }
    // Partition idx[start, end) so rows going left come first.
    const col = data.bins.subarray(c.feature * n, (c.feature + 1) * n);
    let i = c.start;
    let j = c.end - 1;
    while (i <= j) {
      if (col[idx[i]] <= c.bin) i++;
      else {
        const t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        j--;
      }
    }
    const ls = sums(c.start, i);
    const rs = { G: c.G - ls.G, H: c.H - ls.H };
    const l: Candidate = {
      node: newNode(ls.G, ls.H),
      start: c.start,
      end: i,
      depth: c.depth + 1,
      gain: -Infinity,
      feature: -1,
      bin: -1,
      ...ls,
      hist: null,
    };
    const r: Candidate = {
      node: newNode(rs.G, rs.H),
      start: i,
      end: c.end,
      depth: c.depth + 1,
      gain: -Infinity,
      feature: -1,
      bin: -1,
      ...rs,
      hist: null,
    };
    feature[c.node] = c.feature;
    thresholdBin[c.node] = c.bin;
    left[c.node] = l.node;
    right[c.node] = r.node;
    gainByFeature[c.feature] += c.gain;
    leaves++;
    let lHist: Histogram | null = null;
    let rHist: Histogram | null = null;
    if (useSubtraction && c.hist && (canSplit(l.end - l.start, l.depth) || canSplit(r.end - r.start, r.depth))) {
      const parent = c.hist;
      const small = takeHist();
      const smallIsLeft = i - c.start <= c.end - i;
      if (smallIsLeft) fillHist(small, c.start, i, featureList, d);
      else fillHist(small, i, c.end, featureList, d);
      // The parent's buffer becomes the larger child's: parent - small, in place.
      for (let f = 0; f < d; f++) {
        const from = 3 * f * 256;
        const to = from + 3 * data.nBins[f];
        for (let b = from; b < to; b++) parent[b] -= small[b];
      }
      if (smallIsLeft) {
        lHist = small;
        rHist = parent;
      } else {
        lHist = parent;
        rHist = small;
      }
    } else if (c.hist) {
      pool.push(c.hist);
    }
    c.hist = null;
    evaluate(l, lHist);
    evaluate(r, rHist);
    open.push(l, r);
  }
  for (const c of open) {
    if (c.hist) pool.push(c.hist);
    closeLeaf(c);
  }
  return {
    tree: {
      feature: Int32Array.from(feature),
      thresholdBin: Int32Array.from(thresholdBin),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
    },
    gainByFeature,
    rowOrder: idx,
    leafNode,
    leafStart,
    leafEnd,
  };
}

/** Leaf value for row i of a binned matrix. */
export function predictTreeRow(tree: Tree, data: BinnedMatrix, i: number): number {
  let node = 0;
  const n = data.nRows;
  while (tree.feature[node] >= 0) {
    node = data.bins[tree.feature[node] * n + i] <= tree.thresholdBin[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

/** Adds scale * tree output to out[i] for every row. */
export function addTreePredictions(tree: Tree, data: BinnedMatrix, out: Float64Array, scale = 1): void {
  for (let i = 0; i < data.nRows; i++) out[i] += scale * predictTreeRow(tree, data, i);
}
