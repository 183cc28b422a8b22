/**
 * Every recommender on the scale-1 synthetic watch log (10k users x 1k titles, ~100k watches,
 * cutoff day 600): fit time, evaluation time, NDCG/precision/recall/MAP@10 with bootstrap CIs,
 * coverage, paired test against popularity, and the true-affinity ceilings.
 * Usage: npx tsx bench/peers/recommend_scale1_models.ts (about a minute).
 */
import { fitAls } from '../../src/ml/recommend/als.js';
import { loadAlsKernel } from '../../src/ml/recommend/als-kernel.js';
import { fitBpr } from '../../src/ml/recommend/bpr.js';
import { buildItemFeatures, fitContentBased } from '../../src/ml/recommend/content_based.js';
import { ceilingEvaluation, compareModels, evaluateRanking } from '../../src/ml/recommend/evaluate.js';
import { timeHoldout } from '../../src/ml/recommend/holdout.js';
import { fitItemKnn } from '../../src/ml/recommend/item_knn.js';
import { fitNcf } from '../../src/ml/recommend/ncf.js';
import { fitPopularity } from '../../src/ml/recommend/popularity.js';
import { logScaled } from '../../src/ml/recommend/sparse.js';
import { syntheticWatchLog } from './recommend_synthetic.js';

await loadAlsKernel(); // ALS as the pipeline runs it
let t = performance.now();
const log = syntheticWatchLog({ users: 10_000, items: 1_000, genres: 20, meanInteractions: 10, seed: 1 });
console.log('generate', ((performance.now() - t) / 1000).toFixed(2), 's', log.interactions.user.length, 'interactions');
const holdout = timeHoldout(log.interactions, 600);
const train = logScaled(holdout.train, 10);
const h = { ...holdout, train };
console.log('test users', holdout.testUsers.length);
const base = evaluateRanking(fitPopularity(train), h);
const fits: [string, () => any][] = [
  ['item_knn', () => fitItemKnn(train, { k: 50, shrinkage: 10 })],
  ['als', () => fitAls(train, { seed: 1 })],
  ['bpr', () => fitBpr(holdout.train, { factors: 32, seed: 1 })],
  ['ncf_gmf', () => fitNcf(holdout.train, { seed: 1 })],
  ['content', () => fitContentBased(train, buildItemFeatures(log.itemGenres.map((gs) => gs.map((g) => `genre:${g}`))))],
];
const fmt = (e: any) =>
  `ndcg ${e.summary.ndcg.estimate.toFixed(4)} [${e.summary.ndcg.lower.toFixed(4)}, ${e.summary.ndcg.upper.toFixed(4)}] p@10 ${e.summary.precision.estimate.toFixed(4)} r@10 ${e.summary.recall.estimate.toFixed(4)} map ${e.summary.map.estimate.toFixed(4)} cov ${e.coverage.toFixed(3)}`;
console.log('popularity', fmt(base));
for (const [name, fit] of fits) {
  t = performance.now();
  const m = fit();
  const fitS = (performance.now() - t) / 1000;
  const e = evaluateRanking(m, h);
  const c = compareModels(e, base);
  console.log(
    name,
    'fit',
    fitS.toFixed(2),
    's eval',
    e.seconds.toFixed(2),
    's',
    fmt(e),
    'vs pop p',
    c.bootstrapPValue.toFixed(4),
    'sign p',
    c.signTestPValue.toExponential(2),
  );
}
console.log('ceiling', fmt(ceilingEvaluation(log.trueScore, h)));
console.log('genre-only ceiling', fmt(ceilingEvaluation(log.genreScore, h)));
