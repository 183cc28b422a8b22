// CPU time of Marquee's ML hot steps against the reference libraries on the same rows: the churn
// models (logistic regression with the penalty chosen by cross-validation, boosted trees with early
// stopping, random forest) against scikit-learn, and ALS against `implicit`, with the settings the
// pipeline uses. Runs each side `--repeat` times, alternating, and keeps the smallest CPU time.
//
//   npx tsx bench/ml-peers.ts --warehouse DIR [--repeat 2] [--json FILE]
//
// The warehouse must be built through gold (it is only read). Needs python3 with scikit-learn and
// implicit (`pip install scikit-learn implicit pandas`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { loadChurnDataset } from '../src/ml/churn/data.js';
import { chooseL2 } from '../src/ml/churn/train.js';
import { applyImputer, fitImputer, selectRows, take } from '../src/ml/core/matrix.js';
import { rocAuc } from '../src/ml/core/metrics.js';
import { childSeed } from '../src/ml/core/rng.js';
import { stratifiedSplit } from '../src/ml/core/splits.js';
import { fitForest } from '../src/ml/classifiers/forest.js';
import { fitGbt } from '../src/ml/classifiers/gbt.js';
import { ML_SETTINGS } from '../src/ml/settings.js';
import { fitLogistic } from '../src/ml/classifiers/logistic.js';
import { loadLogisticKernel } from '../src/ml/classifiers/logistic-kernel.js';
import { loadHistKernel } from '../src/ml/classifiers/hist-kernel.js';
import { loadRecommendData } from '../src/ml/recommend/data.js';
import { fitAls } from '../src/ml/recommend/als.js';
import { loadAlsKernel } from '../src/ml/recommend/als-kernel.js';
import { timeHoldout } from '../src/ml/recommend/holdout.js';
import { dayNumber } from '../src/ml/recommend/true_choice.js';
import { loadConfig } from '../src/config.js';
import { featuresCsv } from './lib/churn-features.js';
import { REPO_ROOT } from './lib/datasets.js';
import { flagValue } from './lib/args.js';

const arg = (name: string) => flagValue(name);
const warehouse = arg('--warehouse');
if (!warehouse) {
  console.error('usage: npx tsx bench/ml-peers.ts --warehouse DIR [--repeat 2] [--json FILE]');
  process.exit(2);
}
const repeat = Number(arg('--repeat') ?? 2);
const config = loadConfig({ warehouse });
const seed = config.seed;

const cpuSeconds = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

function python(script: string, args: string[]): Record<string, unknown> {
  const r = spawnSync('python3', [join(REPO_ROOT, 'bench', 'peers', script), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

// ALS, the logistic fits and the boosted trees run as in the pipeline: their WebAssembly kernels
// loaded (ml.recommend and ml.churn load them too).
await loadAlsKernel();
await loadLogisticKernel();
await loadHistKernel();
const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
const churn = await loadChurnDataset(engine);
const rec = await loadRecommendData(engine);
await engine.close();
const dir = mkdtempSync(join(tmpdir(), 'marquee-ml-peers-'));

// Churn: the fits of trainChurn (same split, imputation, penalty grid, inner early-stopping split).
const featuresFile = join(dir, 'churn_features.csv');
writeFileSync(featuresFile, featuresCsv(churn, seed));
const split = stratifiedSplit(churn.labels, 0.3, seed);
const imp = fitImputer(selectRows(churn.x, split.train));
const xTrain = applyImputer(imp, selectRows(churn.x, split.train));
const xTest = applyImputer(imp, selectRows(churn.x, split.test));
const yTrain = take(churn.labels, split.train);
const yTest = take(churn.labels, split.test);
const inner = stratifiedSplit(yTrain, 0.2, childSeed(seed, 1));

// ALS: the training matrix of ml.recommend's time holdout, settings of src/ml/recommend/train.ts.
const alsTrain = timeHoldout(rec.interactions, dayNumber(config.asOfDate)).train;
const alsFile = join(dir, 'als_train.csv');
const lines = ['user,item,value'];
for (let u = 0; u < alsTrain.nRows; u++)
  for (let k = alsTrain.indptr[u]; k < alsTrain.indptr[u + 1]; k++) lines.push(`${u},${alsTrain.indices[k]},${alsTrain.values[k]}`);
writeFileSync(alsFile, lines.join('\n') + '\n');

interface Pair {
  marquee: number[];
  peer: number[];
  marqueeAuc?: number;
  peerAuc?: number;
}
const pairs: Record<string, Pair> = {
  logistic_cv: { marquee: [], peer: [] },
  gbt: { marquee: [], peer: [] },
  random_forest: { marquee: [], peer: [] },
  als: { marquee: [], peer: [] },
};
const loadStart = loadavg();
for (let r = 0; r < repeat; r++) {
  let scores: Float64Array = new Float64Array(0);
  pairs.logistic_cv.marquee.push(
    cpuSeconds(() => {
      const l2 = chooseL2(xTrain, yTrain, childSeed(seed, 4));
      scores = fitLogistic(xTrain, yTrain, { l2 }).predictProba(xTest);
    }),
  );
  pairs.logistic_cv.marqueeAuc = rocAuc(yTest, scores);
  pairs.gbt.marquee.push(
    cpuSeconds(() => {
      const m = fitGbt(selectRows(xTrain, inner.train), take(yTrain, inner.train), {
        ...ML_SETTINGS.churn.gbt,
        seed: childSeed(seed, 3),
        validation: { x: selectRows(xTrain, inner.test), labels: take(yTrain, inner.test) },
      });
      scores = m.predictProba(xTest);
    }),
  );
  pairs.gbt.marqueeAuc = rocAuc(yTest, scores);
  pairs.random_forest.marquee.push(
    cpuSeconds(() => {
      scores = fitForest(xTrain, yTrain, { ...ML_SETTINGS.churn.forest, seed: childSeed(seed, 2) }).predictProba(xTest);
    }),
  );
  pairs.random_forest.marqueeAuc = rocAuc(yTest, scores);
  const sk = python('churn_sklearn_cpu.py', [featuresFile, '--seed', String(seed)]) as {
    models: Record<string, { cpuSeconds: number; auc: number }>;
  };
  for (const name of ['logistic_cv', 'gbt', 'random_forest']) {
    pairs[name].peer.push(sk.models[name].cpuSeconds);
    pairs[name].peerAuc = sk.models[name].auc;
  }
  pairs.als.marquee.push(cpuSeconds(() => fitAls(alsTrain, { factors: 32, iterations: 10, seed })));
  const im = python('recommend_implicit_cpu.py', [alsFile]) as { implicit_als: { cpuSeconds: number } };
  pairs.als.peer.push(im.implicit_als.cpuSeconds);
}
const loadEnd = loadavg();
const rows = Object.entries(pairs).map(([name, p]) => {
  const m = Math.min(...p.marquee);
  const q = Math.min(...p.peer);
  return { name, marqueeCpu: m, peerCpu: q, ratio: m / q, marqueeAuc: p.marqueeAuc ?? null, peerAuc: p.peerAuc ?? null };
});
for (const r of rows)
  console.log(
    `${r.name}: Marquee ${r.marqueeCpu.toFixed(2)} s CPU, peer ${r.peerCpu.toFixed(2)} s CPU, ratio ${r.ratio.toFixed(1)}` +
      (r.marqueeAuc !== null ? `; AUC ${r.marqueeAuc.toFixed(4)} vs ${r.peerAuc!.toFixed(4)}` : ''),
  );
const shape = {
  churnTrainRows: xTrain.nRows,
  churnFeatures: xTrain.nCols,
  alsUsers: alsTrain.nRows,
  alsItems: alsTrain.nCols,
  alsEntries: alsTrain.indices.length,
};
console.log(JSON.stringify(shape));
const jsonFile = arg('--json');
if (jsonFile)
  writeFileSync(jsonFile, JSON.stringify({ warehouse, at: new Date().toISOString(), loadStart, loadEnd, shape, rows }, null, 2));
