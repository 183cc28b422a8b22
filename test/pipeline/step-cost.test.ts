// What the scheduler expects each step to cost (src/pipeline/step-cost.ts): last run's durations on
// a warehouse that has them; on a new one, the bytes of source files upstream of each SQL-layer step
// (bronze's ingest steps say theirs), and no guess for the ML layer's threaded steps.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { bronzeSteps } from '../../src/bronze/index.js';
import type { Dag, DagNode } from '../../src/pipeline/dag.js';
import type { Layer, TsStep } from '../../src/pipeline/step.js';
import { expectedCosts } from '../../src/pipeline/step-cost.js';

function node(name: string, layer: Layer, dependsOn: string[], extra: Partial<TsStep> = {}): DagNode {
  const step: TsStep = { kind: 'ts', name, layer, description: name, deps: dependsOn, produces: [], run: async () => ({}), ...extra };
  return { name, layer, step, produces: [], writesShared: [], reads: dependsOn, dependsOn, checks: [] };
}

function dagOf(nodes: DagNode[]): Dag {
  return {
    nodes: new Map(nodes.map((n) => [n.name, n])),
    order: nodes.map((n) => n.name),
    dependents: new Map(),
    producerOf: new Map(),
    sharedWriters: new Map(),
  };
}

const config = loadConfig({ input: '/nonexistent-landing' });
const bytes: Record<string, number> = { 'bronze.big': 900, 'bronze.small': 100 };
const dag = dagOf([
  node('bronze.validate', 'bronze', []),
  node('bronze.big', 'bronze', ['bronze.validate'], { inputBytes: () => bytes['bronze.big'] }),
  node('bronze.small', 'bronze', ['bronze.validate'], { inputBytes: () => bytes['bronze.small'] }),
  node('silver.big', 'silver', ['bronze.big']),
  node('silver.joined', 'silver', ['silver.big', 'bronze.small']),
  node('ml.model', 'ml', ['silver.joined'], { threaded: true }),
  node('gold.model_mix', 'ml', ['ml.model']),
]);

describe('expectedCosts', () => {
  it("on a warehouse with earlier runs, is each step's last duration (none for a step never run)", () => {
    const cost = expectedCosts(dag, new Map([['silver.big', 420]]), config);
    expect(cost('silver.big')).toBe(420);
    expect(cost('bronze.big')).toBeUndefined();
  });

  it('on a new warehouse, is the source bytes upstream of each step, and nothing in a layer of threaded steps', () => {
    const cost = expectedCosts(dag, new Map(), config);
    expect(['bronze.validate', 'bronze.big', 'bronze.small', 'silver.big', 'silver.joined'].map(cost)).toEqual([0, 900, 100, 900, 1000]);
    // The ml layer keeps its declared order: its SQL step gets no guess either (it would pull ml.model ahead by its chain).
    expect(cost('ml.model')).toBeUndefined();
    expect(cost('gold.model_mix')).toBeUndefined();
  });

  it('without any step that knows its input, makes no guess', () => {
    const cost = expectedCosts(dagOf([node('silver.a', 'silver', []), node('silver.b', 'silver', ['silver.a'])]), new Map(), config);
    expect(cost('silver.b')).toBeUndefined();
  });
});

describe("bronze's ingest steps", () => {
  const landing = mkdtempSync(join(tmpdir(), 'marquee-step-cost-'));
  afterAll(() => rmSync(landing, { recursive: true, force: true }));

  it('say the bytes of every landing file of their table, and 0 where there is none', () => {
    writeFileSync(join(landing, 'reviews.csv'), 'a'.repeat(120));
    writeFileSync(join(landing, 'reviews_2025-02.csv'), 'b'.repeat(30));
    writeFileSync(join(landing, 'users.csv'), 'c'.repeat(7));
    const step = (name: string) => bronzeSteps.find((s) => s.name === name)!;
    const here = loadConfig({ input: landing });
    expect(step('bronze.reviews').inputBytes!(here)).toBe(150);
    expect(step('bronze.users').inputBytes!(here)).toBe(7);
    expect(step('bronze.movies').inputBytes!(here)).toBe(0);
    expect(step('bronze.reviews').inputBytes!(loadConfig({ input: join(landing, 'missing') }))).toBe(0);
  });
});
