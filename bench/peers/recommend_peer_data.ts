/**
 * Writes the scale-1 synthetic watch log (train/test split at day 600) and our ALS / popularity
 * NDCG@10 to a folder, for recommend_implicit_als.py to compare against the `implicit` package.
 * Usage: npx tsx bench/peers/recommend_peer_data.ts [outDir=tmp/peers/recommend]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitAls } from '../../src/ml/recommend/als.js';
import { evaluateRanking } from '../../src/ml/recommend/evaluate.js';
import { timeHoldout } from '../../src/ml/recommend/holdout.js';
import { fitPopularity } from '../../src/ml/recommend/popularity.js';
import { logScaled, type CsrMatrix } from '../../src/ml/recommend/sparse.js';
import { syntheticWatchLog } from './recommend_synthetic.js';

const outDir = process.argv[2] ?? 'tmp/peers/recommend';
mkdirSync(outDir, { recursive: true });
const log = syntheticWatchLog({ users: 10_000, items: 1_000, genres: 20, meanInteractions: 10, seed: 1 });
const holdout = timeHoldout(log.interactions, 600);
const train = logScaled(holdout.train, 10);
const params = { factors: 32, regularization: 200, alpha: 10, iterations: 10 };

const toCsv = (m: CsrMatrix) => {
  const lines = ['user,item,value'];
  for (let u = 0; u < m.nRows; u++) for (let k = m.indptr[u]; k < m.indptr[u + 1]; k++) lines.push(`${u},${m.indices[k]},${m.values[k]}`);
  return lines.join('\n') + '\n';
};
writeFileSync(join(outDir, 'train.csv'), toCsv(train));
writeFileSync(join(outDir, 'test.csv'), toCsv(holdout.test));

let started = performance.now();
const als = fitAls(train, { ...params, seed: 1 });
const alsSeconds = (performance.now() - started) / 1000;
const alsEval = evaluateRanking(als, { ...holdout, train });
const popEval = evaluateRanking(fitPopularity(train), { ...holdout, train });
const summary = {
  shape: { users: train.nRows, items: train.nCols, trainEntries: train.indices.length, testUsers: holdout.testUsers.length },
  params,
  marquee_als: { fitSeconds: alsSeconds, ndcg10: alsEval.summary.ndcg.estimate, coverage: alsEval.coverage },
  popularity: { ndcg10: popEval.summary.ndcg.estimate },
};
writeFileSync(join(outDir, 'marquee.json'), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary, null, 2));
