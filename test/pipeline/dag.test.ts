import { describe, expect, it } from 'vitest';
import { dialectFor } from '../../src/engine/dialect.js';
import { buildDag } from '../../src/pipeline/dag.js';
import { loadSqlModels } from '../../src/pipeline/models.js';
import { editDistance, selectNodes } from '../../src/pipeline/select.js';
import type { Step } from '../../src/pipeline/step.js';
import { bronzeLoad, model, tsStep, writeModels } from './fixtures.js';

const duck = { dialect: dialectFor('duckdb') };

async function dagOf(files: Record<string, string>, ts = [bronzeLoad]) {
  const models = await loadSqlModels(writeModels(files));
  return buildDag([...ts, ...models] as Step[], duck);
}

// bronze.load -> silver.users -> gold.by_age, gold.adults -> ml.score; silver.extra reads bronze only.
const GRAPH = {
  ...model('silver.users', `SELECT * FROM {{ source('users') }}`),
  ...model('silver.extra', `SELECT user_id FROM {{ source('users') }}`),
  ...model('gold.by_age', `SELECT age, count(*) AS n FROM {{ ref('silver.users') }} GROUP BY age`),
  ...model('gold.adults', `SELECT * FROM {{ ref('silver.users') }} WHERE age >= 18`),
};
const ML = tsStep('ml.score', 'ml', ['ml.scores'], ['gold.adults']);

describe('DAG', () => {
  it('orders steps after their dependencies, earlier layers and names first among ready steps', async () => {
    const dag = await dagOf(GRAPH, [ML, bronzeLoad]);
    expect(dag.order).toEqual(['bronze.load', 'silver.extra', 'silver.users', 'gold.adults', 'gold.by_age', 'ml.score']);
    expect(dag.nodes.get('silver.users')!.dependsOn).toEqual(['bronze.load']);
    expect(dag.nodes.get('ml.score')!.dependsOn).toEqual(['gold.adults']);
  });

  it("keeps a layer's steps together: a step of an earlier layer that waits for one of them comes after the layer", async () => {
    // gold.report reads ml.a only; placed as soon as it is ready it would cut the ML steps in two groups.
    const a = tsStep('ml.a', 'ml', ['ml.a_out'], ['gold.adults']);
    const z = tsStep('ml.z', 'ml', ['ml.z_out'], ['gold.adults']);
    const report = tsStep('gold.report', 'gold', ['gold.report_out'], ['ml.a_out']);
    const dag = await dagOf(GRAPH, [bronzeLoad, a, z, report]);
    expect(dag.order.slice(-3)).toEqual(['ml.a', 'ml.z', 'gold.report']);
  });

  it('detects a cycle and prints it in data-flow order', async () => {
    const files = {
      ...model('silver.a', `SELECT * FROM {{ ref('silver.c') }}`),
      ...model('silver.b', `SELECT * FROM {{ ref('silver.a') }}`),
      ...model('silver.c', `SELECT * FROM {{ ref('silver.b') }}`),
    };
    await expect(dagOf(files)).rejects.toThrow('dependency cycle: silver.a -> silver.b -> silver.c -> silver.a');
  });

  it('names the file of an unknown ref and a source nobody produces', async () => {
    await expect(dagOf(model('gold.x', `SELECT * FROM {{ ref('silver.nope') }}`))).rejects.toThrow(
      /gold[/\\]x\.sql: ref\('silver\.nope'\) names no model/,
    );
    await expect(dagOf(model('silver.m', `SELECT * FROM {{ source('movies') }}`))).rejects.toThrow(
      /source\('movies'\) needs a step producing bronze\.movies/,
    );
    await expect(dagOf({}, [tsStep('gold.t', 'gold', [], ['silver.ghost'])])).rejects.toThrow(
      /step gold\.t: dependency 'silver\.ghost' names no step or table/,
    );
  });

  it('rejects a model without its sidecar and a check guarding another table', async () => {
    await expect(loadSqlModels(writeModels({ 'silver/lonely.sql': 'SELECT 1 AS x' }))).rejects.toThrow(
      /lonely\.sql: missing its sidecar lonely\.meta\.ts/,
    );
    const misplaced = model('silver.a', 'SELECT 1 AS x', [
      { name: 'c', kind: 'not_null', dataset: 'silver.b', column: 'x', action: 'warn', reasonCode: 'C', description: 'c' },
    ]);
    await expect(loadSqlModels(writeModels(misplaced))).rejects.toThrow(
      /check 'c' names dataset 'silver.b' but sits beside the model of silver.a/,
    );
  });
});

describe('selection', () => {
  const sorted = (s: Set<string>) => [...s].sort();

  it('layer+ is the layer and everything downstream', async () => {
    const dag = await dagOf(GRAPH, [ML, bronzeLoad]);
    expect(sorted(selectNodes(dag, 'gold+'))).toEqual(['gold.adults', 'gold.by_age', 'ml.score']);
    expect(sorted(selectNodes(dag, 'silver'))).toEqual(['silver.extra', 'silver.users']);
  });

  it('one node, +upstream, node+ downstream, and unions', async () => {
    const dag = await dagOf(GRAPH, [ML, bronzeLoad]);
    expect(sorted(selectNodes(dag, 'gold.by_age'))).toEqual(['gold.by_age']);
    expect(sorted(selectNodes(dag, '+gold.adults'))).toEqual(['bronze.load', 'gold.adults', 'silver.users']);
    expect(sorted(selectNodes(dag, 'silver.users+'))).toEqual(['gold.adults', 'gold.by_age', 'ml.score', 'silver.users']);
    expect(sorted(selectNodes(dag, 'gold.by_age, ml.score'))).toEqual(['gold.by_age', 'ml.score']);
    // A table written by a TS step selects that step.
    expect(sorted(selectNodes(dag, 'bronze.users'))).toEqual(['bronze.load']);
  });

  it('--through keeps every step up to a layer, intersected with --select', async () => {
    const dag = await dagOf(GRAPH, [ML, bronzeLoad]);
    expect(sorted(selectNodes(dag, undefined, 'silver'))).toEqual(['bronze.load', 'silver.extra', 'silver.users']);
    expect(sorted(selectNodes(dag, 'silver.users+', 'gold'))).toEqual(['gold.adults', 'gold.by_age', 'silver.users']);
  });

  it('rejects unknown names, bad syntax and bad layers clearly', async () => {
    const dag = await dagOf(GRAPH, [ML, bronzeLoad]);
    expect(() => selectNodes(dag, 'gold.by_agee')).toThrow(/'gold.by_agee' is no layer, step or table \(did you mean gold.by_age\?\)/);
    expect(() => selectNodes(dag, 'platinum.x')).toThrow(/'platinum.x' is no layer, step or table$/);
    expect(() => selectNodes(dag, 'gold++')).toThrow(/cannot read 'gold\+\+'/);
    expect(() => selectNodes(dag, undefined, 'platinum')).toThrow(/--through: 'platinum' is not a layer/);
  });
});

describe('editDistance', () => {
  it('counts single-character edits', () => {
    expect(editDistance('users', 'userz')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
