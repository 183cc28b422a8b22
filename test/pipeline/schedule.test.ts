// The step scheduler (src/pipeline/schedule.ts): dependency order, the concurrency cap, layer groups,
// cancellation at a safe point and runner errors.
import { describe, expect, it } from 'vitest';
import { runScheduled } from '../../src/pipeline/schedule.js';

interface Graph {
  [name: string]: { layer: string; deps?: string[] };
}

/** Runs the graph with steps that take `ms[name]` milliseconds; records starts, ends and the peak overlap. */
async function simulate(
  graph: Graph,
  concurrency: number,
  ms: Record<string, number> = {},
  signal?: AbortSignal,
  costOf?: (name: string) => number | undefined,
) {
  const events: string[] = [];
  const groups: string[] = [];
  let running = 0;
  let peak = 0;
  const slotsInUse = new Set<number>();
  const notRun = await runScheduled(
    Object.keys(graph),
    { concurrency, signal, layerOf: (n) => graph[n].layer, dependsOn: (n) => graph[n].deps ?? [], costOf },
    {
      beforeGroup: async (layer) => {
        expect(running).toBe(0);
        groups.push(layer);
      },
      runStep: async (name, slot) => {
        expect(slotsInUse.has(slot)).toBe(false);
        slotsInUse.add(slot);
        running += 1;
        peak = Math.max(peak, running);
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms[name] ?? 5));
        events.push(`end ${name}`);
        running -= 1;
        slotsInUse.delete(slot);
      },
    },
  );
  return { events, groups, peak, notRun };
}

const GRAPH: Graph = {
  'bronze.a': { layer: 'bronze' },
  'bronze.b': { layer: 'bronze' },
  'bronze.c': { layer: 'bronze' },
  'silver.a': { layer: 'silver', deps: ['bronze.a'] },
  'silver.b': { layer: 'silver', deps: ['bronze.b'] },
  'silver.ab': { layer: 'silver', deps: ['silver.a', 'silver.b'] },
  'gold.x': { layer: 'gold', deps: ['silver.ab'] },
};

describe('runScheduled', () => {
  it('with a concurrency of 1 runs every step in the given order, one at a time', async () => {
    const { events, peak, groups, notRun } = await simulate(GRAPH, 1);
    expect(peak).toBe(1);
    expect(events.filter((e) => e.startsWith('start')).map((e) => e.slice(6))).toEqual(Object.keys(GRAPH));
    expect(groups).toEqual(['bronze', 'silver', 'gold']);
    expect(notRun).toEqual([]);
  });

  it('runs independent steps of a layer side by side, never more than the cap, and never a step before its inputs', async () => {
    const { events, peak } = await simulate(GRAPH, 2, { 'bronze.a': 40, 'silver.a': 40 });
    expect(peak).toBe(2);
    const at = (e: string) => events.indexOf(e);
    // bronze.b starts while bronze.a still runs.
    expect(at('start bronze.b')).toBeLessThan(at('end bronze.a'));
    // silver.ab waits for both of its inputs; no step of a later layer starts before the layer ends.
    expect(at('start silver.ab')).toBeGreaterThan(at('end silver.a'));
    expect(at('start silver.ab')).toBeGreaterThan(at('end silver.b'));
    expect(at('start silver.a')).toBeGreaterThan(at('end bronze.c'));
    expect(at('start gold.x')).toBeGreaterThan(at('end silver.ab'));
  });

  it('on an aborted signal lets running steps finish, starts none, and names the steps not run in order', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort('SIGTERM'), 20);
    const { events, notRun } = await simulate(GRAPH, 2, { 'bronze.a': 60, 'bronze.b': 60 }, controller.signal);
    expect(events).toEqual(['start bronze.a', 'start bronze.b', 'end bronze.a', 'end bronze.b']);
    expect(notRun).toEqual(['bronze.c', 'silver.a', 'silver.b', 'silver.ab', 'gold.x']);
  });

  it('rethrows a runner error once the steps already running have ended, starting no more', async () => {
    const started: string[] = [];
    const ended: string[] = [];
    const run = runScheduled(
      Object.keys(GRAPH),
      { concurrency: 2, layerOf: (n) => GRAPH[n].layer, dependsOn: (n) => GRAPH[n].deps ?? [] },
      {
        beforeGroup: async () => undefined,
        runStep: async (name) => {
          started.push(name);
          if (name === 'bronze.a') throw new Error('meta.step_runs insert failed');
          await new Promise((r) => setTimeout(r, 30));
          ended.push(name);
        },
      },
    );
    await expect(run).rejects.toThrow('meta.step_runs insert failed');
    expect(started).toEqual(['bronze.a', 'bronze.b']);
    expect(ended).toEqual(['bronze.b']);
  });
  it('side by side, starts the ready step that cost most last time first; one at a time, keeps the given order', async () => {
    const ml: Graph = { 'ml.a': { layer: 'ml' }, 'ml.b': { layer: 'ml' }, 'ml.c': { layer: 'ml' }, 'ml.long': { layer: 'ml' } };
    const last: Record<string, number> = { 'ml.a': 10, 'ml.b': 30, 'ml.long': 900 };
    const starts = (events: string[]) => events.filter((e) => e.startsWith('start')).map((e) => e.slice(6));
    const two = await simulate(ml, 2, {}, undefined, (n) => last[n]);
    // ml.c has no figure: it goes after every step that has one.
    expect(starts(two.events)).toEqual(['ml.long', 'ml.b', 'ml.a', 'ml.c']);
    const one = await simulate(ml, 1, {}, undefined, (n) => last[n]);
    expect(starts(one.events)).toEqual(Object.keys(ml));
  });
  it('side by side, starts the first link of the costliest chain before a costlier step that ends its own', async () => {
    // a (1) is short but d (10) waits for it; b (5) and c (4) wait for nothing. Cost alone would start
    // b and c, then a, and d last: 5 + 10 = 15 units. By chain, a (11) and b start, then d, then c: 11.
    const silver: Graph = {
      'silver.a': { layer: 'silver' },
      'silver.b': { layer: 'silver' },
      'silver.c': { layer: 'silver' },
      'silver.d': { layer: 'silver', deps: ['silver.a'] },
    };
    const cost: Record<string, number> = { 'silver.a': 1, 'silver.b': 5, 'silver.c': 4, 'silver.d': 10 };
    const ms = Object.fromEntries(Object.entries(cost).map(([n, c]) => [n, c * 15]));
    const run = await simulate(silver, 2, ms, undefined, (n) => cost[n]);
    const starts = run.events.filter((e) => e.startsWith('start')).map((e) => e.slice(6));
    expect(starts).toEqual(['silver.a', 'silver.b', 'silver.d', 'silver.c']);
    // d starts as soon as a ends, before c, though c was ready first.
    expect(run.events.indexOf('start silver.d')).toBe(run.events.indexOf('end silver.a') + 1);
  });
});
