// The tables the ML steps write appear in the graph's lineage with the step that writes them: the
// gold tables each step owns, and the shared ml.* history tables every use case adds its rows to.
import { describe, expect, it } from 'vitest';
import { dialectFor } from '../../src/engine/dialect.js';
import { buildDag } from '../../src/pipeline/dag.js';
import { lineageDocument, lineageEdges } from '../../src/pipeline/lineage.js';
import type { TsStep } from '../../src/pipeline/step.js';
import { mlSteps } from '../../src/ml/index.js';

const duck = { dialect: dialectFor('duckdb') };

function step(name: string, produces: string[], deps: string[], writesShared?: string[]): TsStep {
  return {
    kind: 'ts',
    name,
    layer: name.startsWith('gold.') ? 'gold' : 'ml',
    description: name,
    deps,
    produces,
    writesShared,
    run: async () => ({}),
  };
}

/** The ML steps with one stand-in step producing every table they read from earlier layers. */
function mlGraph(extra: TsStep[] = []) {
  const written = new Set(mlSteps.flatMap((s) => s.produces));
  const inputs = [...new Set(mlSteps.flatMap((s) => s.deps))].filter((t) => !written.has(t)).sort();
  return buildDag([step('gold.inputs', inputs, []), ...mlSteps, ...extra], duck);
}

/** Table -> the steps lineage shows writing it. */
function writers(doc: ReturnType<typeof lineageDocument>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of doc.nodes)
    for (const t of [...node.produces, ...node.writesShared]) out.set(t, [...(out.get(t) ?? []), node.name].sort());
  return out;
}

describe('lineage of the ML tables', () => {
  const doc = lineageDocument(mlGraph(), 'run-1');
  const byTable = writers(doc);

  it('names the one step that writes each gold table of a use case', () => {
    expect(byTable.get('gold.churn_risk')).toEqual(['ml.churn']);
    expect(byTable.get('gold.user_segments')).toEqual(['ml.segment']);
    expect(byTable.get('gold.user_recommendations')).toEqual(['ml.recommend']);
    expect(byTable.get('gold.review_sentiment')).toEqual(['ml.sentiment']);
    expect(byTable.get('gold.search_intent')).toEqual(['ml.search_intent']);
    expect(byTable.get('gold.query_suggestions')).toEqual(['ml.search_intent']);
    expect(byTable.get('gold.title_forecasts')).toEqual(['ml.forecast']);
    expect(byTable.get('gold.kpi_anomalies_by_day')).toEqual(['ml.forecast']);
  });

  it('lists every use case that writes the shared ml.* tables (segmentation writes cards too: k-means against its null reference, RFM as a rule)', () => {
    const all = ['ml.churn', 'ml.forecast', 'ml.recommend', 'ml.search_intent', 'ml.segment', 'ml.sentiment'];
    expect(byTable.get('ml.model_runs')).toEqual(all);
    expect(byTable.get('ml.metrics')).toEqual(all);
    expect(byTable.get('ml.model_cards')).toEqual(all);
  });

  it("draws feeds edges from each step's inputs into the shared tables", () => {
    const edges = lineageEdges(mlGraph());
    expect(edges).toContainEqual({ upstream: 'gold.ml_user_features', downstream: 'ml.model_runs', kind: 'feeds' });
    expect(edges).toContainEqual({ upstream: 'gold.ml_user_features', downstream: 'gold.churn_risk', kind: 'feeds' });
    expect(edges).toContainEqual({ upstream: 'gold.ml_review_texts', downstream: 'ml.model_cards', kind: 'feeds' });
    // Segmentation's own input (taste shares) feeds ml.model_cards through its cards.
    expect(edges).toContainEqual({ upstream: 'gold.ml_user_taste', downstream: 'ml.model_cards', kind: 'feeds' });
  });

  it('records an input read by several writers of a shared table once', () => {
    const edges = lineageEdges(mlGraph()).filter((e) => e.upstream === 'silver.movies' && e.downstream === 'ml.model_runs');
    expect(edges).toHaveLength(1);
  });

  it('makes a step that reads a shared table wait for every step writing it', () => {
    const dag = mlGraph([step('ml.summary', ['ml.summary'], ['ml.metrics'])]);
    expect(dag.nodes.get('ml.summary')!.dependsOn).toEqual([
      'ml.churn',
      'ml.forecast',
      'ml.recommend',
      'ml.search_intent',
      'ml.segment',
      'ml.sentiment',
    ]);
    expect(dag.order.at(-1)).toBe('ml.summary');
  });

  it('refuses a table that one step owns and others share', () => {
    expect(() => mlGraph([step('ml.other', ['ml.metrics'], [])])).toThrow('table ml.metrics is written by ml.other alone and shared by');
  });
});
