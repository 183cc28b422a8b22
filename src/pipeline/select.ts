// Selection over the graph, dbt-style: `silver+` (a layer and everything downstream), `gold.kpi_x`
// (one node), `+gold.kpi_x` (it and everything upstream), several terms separated by commas or
// spaces (union), and `--through LAYER` (every step up to that layer; intersected with --select).
import { distance } from 'fastest-levenshtein';
import { ancestors, descendants, type Dag } from './dag.js';
import { PipelineError } from './errors.js';
import { isLayer, LAYER_ORDER, layerRank } from './layers.js';

const TERM = /^(\+?)([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)(\+?)$/;

/** Levenshtein distance, for "did you mean" on a mistyped name. */
export const editDistance: (a: string, b: string) => number = distance;

/** Nodes a term's name stands for: a layer's nodes, a node, or the node producing a table. */
function resolveName(dag: Dag, name: string): string[] {
  if (isLayer(name)) return [...dag.nodes.values()].filter((n) => n.layer === name).map((n) => n.name);
  if (dag.nodes.has(name)) return [name];
  const producer = dag.producerOf.get(name);
  if (producer) return [producer];
  const known = [...new Set([...dag.nodes.keys(), ...dag.producerOf.keys()])];
  const close = known
    .filter((n) => n.includes(name) || editDistance(n, name) <= 2)
    .sort()
    .slice(0, 5);
  throw new PipelineError(`--select: '${name}' is no layer, step or table${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`);
}

/** The node names a selection picks, in no particular order (the runner keeps DAG order). */
export function selectNodes(dag: Dag, select?: string, through?: string): Set<string> {
  let picked: Set<string>;
  if (select === undefined || select.trim() === '') picked = new Set(dag.nodes.keys());
  else {
    picked = new Set();
    for (const term of select.split(/[\s,]+/).filter((t) => t !== '')) {
      const m = TERM.exec(term);
      if (!m) throw new PipelineError(`--select: cannot read '${term}' (expected LAYER, schema.table, +NAME, NAME+ or LAYER+)`);
      const [, up, name, down] = m;
      for (const node of resolveName(dag, name)) {
        picked.add(node);
        if (up) for (const a of ancestors(dag, node)) picked.add(a);
        if (down) for (const d of descendants(dag, node)) picked.add(d);
      }
    }
  }
  if (through !== undefined) {
    if (!isLayer(through)) throw new PipelineError(`--through: '${through}' is not a layer (${LAYER_ORDER.join(', ')})`);
    const limit = layerRank(through);
    picked = new Set([...picked].filter((n) => layerRank(dag.nodes.get(n)!.layer) <= limit));
  }
  return picked;
}
