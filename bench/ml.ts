// Times the ML part 1 steps (ml.churn, ml.segment) on a built warehouse, and compares the churn
// models with scikit-learn on the same features and split.
//
//   npx tsx bench/ml.ts --warehouse DIR [--input DIR] [--export-features FILE] [--peer] [--append --label NAME]
//
// --warehouse: a warehouse built through gold (the steps write ml.* and gold.* tables into it; use a copy).
// --input: the data folder (ground_truth.json there gives the ceiling and the planted segments).
// --export-features FILE: write the churn features (raw, blank = missing), label and split as CSV.
// --peer: export to a temp file if needed, run bench/peers/churn_sklearn.py and fit Marquee's models
//   with the same settings as the peer on the same split.
// --append: write the section to bench/RESULTS.md (replacing an earlier one of this script).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import type { StepContext } from '../src/pipeline/step.js';
import { loadChurnDataset } from '../src/ml/churn/data.js';
import { runChurn } from '../src/ml/churn/run.js';
import { runSegments } from '../src/ml/segment/run.js';
import { stratifiedSplit } from '../src/ml/core/splits.js';
import { applyImputer, fitImputer, selectRows, take } from '../src/ml/core/matrix.js';
import { rocAuc } from '../src/ml/core/metrics.js';
import { fitLogistic } from '../src/ml/classifiers/logistic.js';
import { fitForest } from '../src/ml/classifiers/forest.js';
import { fitGbt } from '../src/ml/classifiers/gbt.js';
import { describeMachine, formatLoad, machineInfo } from './lib/machine.js';
import { replaceSection } from './lib/results-file.js';
import { featuresCsv } from './lib/churn-features.js';
import { REPO_ROOT } from './lib/datasets.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(name);

const warehouse = arg('--warehouse');
if (!warehouse) {
  console.error('usage: npx tsx bench/ml.ts --warehouse DIR [--input DIR] [--export-features FILE] [--peer] [--append]');
  process.exit(2);
}
const config = loadConfig({ warehouse, input: arg('--input') ?? join(warehouse, '..', 'data') });
const machineAtStart = machineInfo();

function context(engine: DuckDbEngine, runId: string, logs: string[]): StepContext {
  return { engine, config, runId, progress: () => {}, log: (m) => logs.push(m) };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const engine = await DuckDbEngine.open({ path: join(config.warehouse, 'marquee.duckdb') });
const logs: string[] = [];
const runId = `bench_${Date.now()}`;
const churn = await timed(() => runChurn(context(engine, runId, logs)));
const segment = await timed(() => runSegments(context(engine, runId, logs)));
for (const line of logs) console.log(line);
console.log(
  `ml.churn ${churn.wall.toFixed(2)} s wall, ${churn.cpu.toFixed(2)} s CPU; ml.segment ${segment.wall.toFixed(2)} s wall, ${segment.cpu.toFixed(2)} s CPU`,
);

let peerRows: string[] = [];
const exportFile =
  arg('--export-features') ?? (flag('--peer') ? join(mkdtempSync(join(tmpdir(), 'marquee-ml-bench-')), 'churn_features.csv') : undefined);
if (exportFile) {
  const data = await loadChurnDataset(engine);
  writeFileSync(exportFile, featuresCsv(data, config.seed));
  console.log(`wrote ${exportFile} (${data.userIds.length} users, ${data.x.nCols} feature columns)`);
  if (flag('--peer')) {
    const l2 = Number(churn.value.run.models.find((m) => m.name === 'logistic')!.params.l2);
    const peer = spawnSync(
      'python3',
      [join(REPO_ROOT, 'bench', 'peers', 'churn_sklearn.py'), exportFile, '--l2', String(l2), '--seed', String(config.seed)],
      { encoding: 'utf8' },
    );
    if (peer.status !== 0) throw new Error(`churn_sklearn.py failed: ${peer.stderr}`);
    const sk = JSON.parse(peer.stdout.trim().split('\n').pop()!) as { auc: Record<string, number>; seconds: Record<string, number> };
    // Marquee with the peer's settings on the same split (no early stopping, full training rows).
    const split = stratifiedSplit(data.labels, 0.3, config.seed);
    const imp = fitImputer(selectRows(data.x, split.train));
    const xTr = applyImputer(imp, selectRows(data.x, split.train));
    const xTe = applyImputer(imp, selectRows(data.x, split.test));
    const yTr = take(data.labels, split.train);
    const yTe = take(data.labels, split.test);
    const ours: Record<string, number> = {
      logistic: rocAuc(yTe, fitLogistic(xTr, yTr, { l2 }).predictProba(xTe)),
      random_forest: rocAuc(
        yTe,
        fitForest(xTr, yTr, { nTrees: 100, maxDepth: 14, minSamplesLeaf: 3, seed: config.seed }).predictProba(xTe),
      ),
      hist_gbt: rocAuc(
        yTe,
        fitGbt(xTr, yTr, {
          nTrees: 200,
          learningRate: 0.05,
          maxLeaves: 31,
          maxDepth: 6,
          minSamplesLeaf: 20,
          l2: 1,
          seed: config.seed,
        }).predictProba(xTe),
      ),
    };
    peerRows = Object.keys(ours).map(
      (m) => `| ${m} | ${ours[m].toFixed(4)} | ${sk.auc[m].toFixed(4)} | ${(ours[m] - sk.auc[m]).toFixed(4)} |`,
    );
    for (const r of peerRows) console.log(r);
  }
}
await engine.close();

if (flag('--append')) {
  const run = churn.value.run;
  const seg = segment.value.run;
  const end = machineInfo();
  const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const modelRows = run.models.map((m) => {
    const a = m.evaluation.metrics.roc_auc!;
    const c = m.evaluation.ceiling;
    return `| ${m.name} | ${a.estimate.toFixed(3)} [${a.lower.toFixed(3)}, ${a.upper.toFixed(3)}] | ${m.evaluation.permutation.pValue.toFixed(3)} | ${c ? (100 * c.ratio).toFixed(1) + ' %' : '–'} | ${m.fitSeconds.toFixed(2)} |`;
  });
  const segRows = seg.methods.map(
    (m) =>
      `| ${m.method} | ${m.k} | ${Number.isFinite(m.silhouette) ? m.silhouette.toFixed(3) : '–'} | ${m.ariTruth === null ? '–' : m.ariTruth.toFixed(3)} |`,
  );
  const body = `## ML part 1: churn and segmentation (bench/ml.ts, ${arg('--label') ?? 'default'}): ${now} UTC

Machine: ${describeMachine(machineAtStart)}; load at the end ${formatLoad(end.load)}. The machine was shared with other helpers' jobs, so wall times are inflated by contention; CPU seconds are the steadier figure.
Command: \`npx tsx bench/ml.ts ${process.argv.slice(2).join(' ')}\`. Warehouse: ${config.warehouse}; input: ${config.input}.
Target: both steps together under 60 s at scale 1.

| step | wall s | CPU s (this process) |
|---|---:|---:|
| ml.churn (3 models, CV of the logistic penalty, B = 300, 500 permutations, drivers, tables) | ${churn.wall.toFixed(2)} | ${churn.cpu.toFixed(2)} |
| ml.segment (RFM, k-means k = 2..8, GMM k = 2..8 on 3k, DBSCAN on 3k, stability, tables) | ${segment.wall.toFixed(2)} | ${segment.cpu.toFixed(2)} |
| **total** | ${(churn.wall + segment.wall).toFixed(2)} | ${(churn.cpu + segment.cpu).toFixed(2)} |

Churn (test users ${run.split.test.length}, ceiling AUC of the true probabilities ${run.ceilingAuc === null ? 'n/a' : run.ceilingAuc.toFixed(3)}, run-level p ${run.familyPValue.toFixed(3)}):

| model | AUC [95 % CI] | permutation p | of ceiling | fit s |
|---|---|---:|---:|---:|
${modelRows.join('\n')}

Segmentation (${seg.nComponents} principal components, stability across seeds ${seg.stability.meanAri.toFixed(3)}):

| method | k | silhouette | ARI vs planted |
|---|---:|---:|---:|
${segRows.join('\n')}
${
  peerRows.length
    ? `
Marquee vs scikit-learn on the same exported features and split (peer settings on both sides: logistic l2 as chosen by Marquee's CV; forest 100 trees depth 14 leaf 3; GBT 200 rounds, rate 0.05, 31 leaves, depth 6, leaf 20, no early stopping):

| model | Marquee AUC | scikit-learn AUC | difference |
|---|---:|---:|---:|
${peerRows.join('\n')}
`
    : ''
}`;
  // One section per --label (e.g. scale1-realistic, scale1-none), replaced when re-run.
  replaceSection(join(REPO_ROOT, 'bench', 'RESULTS.md'), `bench:ml:${arg('--label') ?? 'default'}`, body);
  console.log('appended to bench/RESULTS.md');
}
