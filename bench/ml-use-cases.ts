// Times the ML use-case steps (ml.recommend, ml.sentiment, ml.search_intent, ml.forecast) on a built
// warehouse (through gold) and appends a dated section with the headline figures and the machine
// load to bench/RESULTS.md (replacing an earlier section of the same --label).
// Usage: npx tsx bench/ml-use-cases.ts --warehouse DIR --input DIR [--label scale1-realistic] [--append]
// Copy the warehouse first: the steps write gold.* and ml.* tables into it.
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DuckDbEngine } from '../src/engine/duckdb/engine.js';
import { runForecast } from '../src/ml/forecast/run.js';
import { runSearchIntent } from '../src/ml/intent/run.js';
import { runRecommend } from '../src/ml/recommend/run.js';
import { runSentiment } from '../src/ml/sentiment/run.js';
import type { StepContext } from '../src/pipeline/step.js';
import { REPO_ROOT } from './lib/datasets.js';
import { replaceSection } from './lib/results-file.js';
import { flagValue } from './lib/args.js';

const arg = (name: string) => flagValue(name);
const warehouse = arg('--warehouse');
const input = arg('--input');
if (!warehouse || !input) {
  console.error('usage: npx tsx bench/ml-use-cases.ts --warehouse DIR --input DIR [--label NAME] [--append]');
  process.exit(2);
}
const label = arg('--label') ?? 'default';
const config = loadConfig({ warehouse, input });
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const loadStart = load();
const engine = await DuckDbEngine.open({ path: join(config.warehouse, 'marquee.duckdb') });
const ctx: StepContext = { engine, config, runId: `bench_mlp2_${Date.now()}`, progress: () => {}, log: (m) => console.log(`  ${m}`) };

const rows: string[] = [];
const notes: string[] = [];
async function time<T>(name: string, f: () => Promise<T>, summary: (r: T) => string): Promise<void> {
  console.log(`${name} ...`);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  rows.push(`| ${name} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${wall < 60 ? 'yes' : 'NO'} |`);
  notes.push(`- **${name}**: ${summary(r)}`);
  console.log(`${name}: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`);
}
const f3 = (x: number) => x.toFixed(3);
const ci = (c: { estimate: number; lower: number; upper: number }) => `${f3(c.estimate)} [${f3(c.lower)}, ${f3(c.upper)}]`;

await time(
  'ml.recommend',
  () => runRecommend(ctx),
  ({ run }) => {
    const pop = run.models.find((m) => m.name === run.popularityBaseline)!;
    const ceil = run.models.find((m) => m.kind === 'ceiling');
    const models = run.models
      .filter((m) => m.kind === 'model')
      .map(
        (m) =>
          `${m.name} ${f3(m.evaluation.summary.ndcg.estimate)}${m.beatsPopularity ? ' (beats popularity, p ' + m.vsPopularity!.bootstrapPValue.toFixed(4) + ')' : ''}`,
      )
      .join('; ');
    return `${run.holdout.testUsers.length} test users; NDCG@10 ${run.popularityBaseline} ${ci(pop.evaluation.summary.ndcg)}, best ${run.best.name} ${ci(run.best.evaluation.summary.ndcg)}; ceiling ${ceil ? ci(ceil.evaluation.summary.ndcg) : 'n/a'}. All: ${models}.`;
  },
);
await time(
  'ml.sentiment',
  () => runSentiment(ctx),
  ({ run }) =>
    run.results
      .map(
        (r) =>
          `${r.model.name} macro-F1 ${ci(r.overall.macroF1)} (negation ${r.subsets.negation ? f3(r.subsets.negation.macroF1.estimate) : '–'}, mixed ${r.subsets.mixed ? f3(r.subsets.mixed.macroF1.estimate) : '–'})`,
      )
      .join('; ') + '.',
);
await time(
  'ml.search_intent',
  () => runSearchIntent(ctx),
  ({ run, typos }) =>
    run.evaluation
      ? run.evaluation
          .map(
            (e) =>
              `${e.name} accuracy ${ci(e.overall.accuracy)}, macro-F1 ${ci(e.overall.macroF1)}, typo accuracy ${e.typo ? f3(e.typo.accuracy.estimate) : '–'}`,
          )
          .join('; ') +
        (typos ? `; intended query in top 5 for misspelt queries ${ci(typos.hitAt5)}` : '') +
        '.'
      : 'no planted intents: not evaluated against truth.',
);
await time(
  'ml.forecast',
  () => runForecast(ctx),
  ({ run }) =>
    run.groups
      .map(
        (g) =>
          `${g.group}: ` +
          [...g.baselines, ...g.models].map((f) => `${f.name} test MASE ${f3(f.test.mase)} cov ${f3(f.test.coverage)}`).join(', ') +
          ` (strongest baseline ${g.strongestBaseline}; published ${g.chosen})`,
      )
      .join('; ') +
    `; claims: ${run.tests.map((t) => `${t.group}:${t.model} ${t.level} (Holm p ${t.adjustedP.toPrecision(2)})`).join(', ')}` +
    (run.trending
      ? `; trending AUC ${ci(run.trending.model.auc)} vs early-views ${ci(run.trending.baseline.auc)} -> ${run.trending.level}`
      : `; trending: ${run.trendingNote}`) +
    '.',
);
await engine.close();

const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
const body = [
  `## ML use cases: recommendations, sentiment, search intent, forecasting (bench/ml-use-cases.ts, ${label}): ${now} UTC`,
  '',
  `Machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}; load average at start ${loadStart}, at the end ${load()} (1/5/15 min). ` +
    "Shared with other helpers' jobs: wall times include contention; CPU seconds are steadier.",
  `Command: \`npx tsx bench/ml-use-cases.ts --warehouse ${warehouse} --input ${input} --label ${label} --append\`. Target: each step under 60 s at scale 1.`,
  '',
  '| step | wall s | CPU s | under 60 s |',
  '|---|---:|---:|---|',
  ...rows,
  '',
  ...notes,
].join('\n');
console.log(body);
if (process.argv.includes('--append')) {
  replaceSection(join(REPO_ROOT, 'bench', 'RESULTS.md'), `bench:ml-use-cases:${label}`, body);
  console.log('appended to bench/RESULTS.md');
}
