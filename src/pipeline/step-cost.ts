// What the scheduler expects each step to cost (schedule.ts starts the costliest chain first when
// steps run side by side). Where the warehouse has run its steps before, the cost is each step's
// duration last time. A new warehouse has no durations, and the declared order alone started the
// largest table's steps last (bronze.watch_history after five small tables, silver.watch_history
// after eleven steps, with the longest chains of the layer waiting for it), so there each SQL-layer
// step is guessed by the bytes of source files upstream of it: its own (bronze's ingest steps say
// theirs, TsStep.inputBytes) and those of every step it depends on, directly or not. The ML layer's
// cost is model fitting, not rows, so its steps get no guess there and keep their declared order.
import type { MarqueeConfig } from '../config.js';
import type { Dag } from './dag.js';

export function expectedCosts(
  dag: Dag,
  lastDurations: ReadonlyMap<string, number>,
  config: MarqueeConfig,
): (name: string) => number | undefined {
  if (lastDurations.size > 0) return (name) => lastDurations.get(name);
  const own = new Map<string, number>();
  for (const [name, node] of dag.nodes) if (node.step.kind === 'ts' && node.step.inputBytes) own.set(name, node.step.inputBytes(config));
  if (own.size === 0) return () => undefined;
  const upstream = new Map<string, Set<string>>();
  const ancestors = (name: string): Set<string> => {
    let found = upstream.get(name);
    if (found) return found;
    found = new Set<string>();
    upstream.set(name, found);
    for (const dep of dag.nodes.get(name)?.dependsOn ?? []) {
      found.add(dep);
      for (const a of ancestors(dep)) found.add(a);
    }
    return found;
  };
  // The layers of threaded steps (ML) get no guess at all, their SQL steps included: a guess for
  // gold.search_intent_mix would pull its ml step ahead of the others through the chain.
  const threadedLayers = new Set([...dag.nodes.values()].filter((n) => n.step.kind === 'ts' && n.step.threaded).map((n) => n.layer));
  return (name) => {
    const node = dag.nodes.get(name);
    if (!node || threadedLayers.has(node.layer)) return undefined;
    let bytes = own.get(name) ?? 0;
    for (const a of ancestors(name)) bytes += own.get(a) ?? 0;
    return bytes;
  };
}
