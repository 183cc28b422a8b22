// The step graph: SQL models depend on the tables they ref()/source(); TypeScript steps on the
// steps or tables named in `deps`. Built once per run; every error names the step and the bad name.
import type { Dialect } from '../engine/dialect.js';
import type { CheckDefinition } from '../quality/check.js';
import { compileModel, type CompiledModel, type ExtraMacros, type ModelVars } from './compile.js';
import { PipelineError } from './errors.js';
import { layerRank } from './layers.js';
import type { Layer, Step } from './step.js';

export interface DagNode {
  name: string;
  layer: Layer;
  step: Step;
  /** Tables this node writes (a SQL model writes its own name). */
  produces: string[];
  /** Tables this node writes some rows of, beside other nodes (TsStep.writesShared). */
  writesShared: string[];
  /** Tables (or, for TS steps, step names) this node reads, as declared. */
  reads: string[];
  /** Names of the nodes this node depends on. */
  dependsOn: string[];
  checks: CheckDefinition[];
  /** SQL models only: the compiled text for this run's engine. */
  compiled?: CompiledModel;
}

export interface Dag {
  nodes: Map<string, DagNode>;
  /** Node names in dependency order (ties: earlier layer first, then name). */
  order: string[];
  /** Node name -> names of the nodes that depend on it directly. */
  dependents: Map<string, string[]>;
  /** Table name -> node that writes it. */
  producerOf: Map<string, string>;
  /** Shared table name -> the nodes that write rows of it. */
  sharedWriters: Map<string, string[]>;
}

export interface BuildDagOptions {
  dialect: Dialect;
  vars?: ModelVars;
  macros?: ExtraMacros;
}

function where(step: Step): string {
  return step.kind === 'sql' ? step.path : `step ${step.name}`;
}

export function buildDag(steps: readonly Step[], options: BuildDagOptions): Dag {
  const nodes = new Map<string, DagNode>();
  const producerOf = new Map<string, string>();
  const sharedWriters = new Map<string, string[]>();
  for (const step of steps) {
    if (nodes.has(step.name))
      throw new PipelineError(`two steps are named '${step.name}' (${where(nodes.get(step.name)!.step)} and ${where(step)})`);
    let node: DagNode;
    if (step.kind === 'sql') {
      let compiled: CompiledModel;
      try {
        compiled = compileModel(step.text, options.dialect, step.path, options.vars ?? {}, options.macros ?? {});
      } catch (error) {
        throw new PipelineError(`${step.path}: ${(error as Error).message}`);
      }
      const reads = [...compiled.refs, ...compiled.sources.map((s) => `bronze.${s}`)];
      node = {
        name: step.name,
        layer: step.layer,
        step,
        produces: [step.name],
        writesShared: [],
        reads,
        dependsOn: [],
        checks: step.meta.checks ?? [],
        compiled,
      };
    } else {
      node = {
        name: step.name,
        layer: step.layer,
        step,
        produces: [...step.produces],
        writesShared: [...(step.writesShared ?? [])],
        reads: [...step.deps],
        dependsOn: [],
        checks: [],
      };
    }
    nodes.set(step.name, node);
    for (const table of node.produces) {
      const other = producerOf.get(table);
      if (other !== undefined && other !== step.name)
        throw new PipelineError(`table ${table} is written by both ${other} and ${step.name}`);
      producerOf.set(table, step.name);
    }
    for (const table of node.writesShared) sharedWriters.set(table, [...(sharedWriters.get(table) ?? []), step.name]);
  }
  for (const [table, writers] of sharedWriters) {
    if (producerOf.has(table))
      throw new PipelineError(`table ${table} is written by ${producerOf.get(table)} alone and shared by ${writers.join(', ')}`);
  }

  for (const node of nodes.values()) {
    const deps = new Set<string>();
    for (const read of node.reads) {
      const shared = sharedWriters.get(read);
      if (shared) {
        for (const writer of shared) if (writer !== node.name) deps.add(writer);
        continue;
      }
      const target = producerOf.get(read) ?? (nodes.has(read) ? read : undefined);
      if (target === undefined) {
        const how =
          node.step.kind === 'sql'
            ? read.startsWith('bronze.') && node.compiled!.sources.includes(read.slice('bronze.'.length))
              ? `source('${read.slice(7)}') needs a step producing ${read}`
              : `ref('${read}') names no model or step output`
            : `dependency '${read}' names no step or table`;
        throw new PipelineError(`${where(node.step)}: ${how}`);
      }
      if (target !== node.name) deps.add(target);
    }
    node.dependsOn = [...deps].sort();
  }

  const dependents = new Map<string, string[]>([...nodes.keys()].map((n) => [n, []]));
  for (const node of nodes.values()) for (const dep of node.dependsOn) dependents.get(dep)!.push(node.name);
  return { nodes, order: topologicalOrder(nodes, dependents), dependents, producerOf, sharedWriters };
}

/**
 * Kahn's algorithm; among ready nodes the earliest layer, then the name, goes first (deterministic),
 * except that the layer of the node just placed goes on while it has ready nodes: a step of an earlier
 * layer that waits for a later one (gold's scorecard reads ML results) comes after that layer's run of
 * steps instead of cutting it in two, so the runner can run the whole layer side by side.
 */
function topologicalOrder(nodes: Map<string, DagNode>, dependents: Map<string, string[]>): string[] {
  const waiting = new Map([...nodes.values()].map((n) => [n.name, n.dependsOn.length]));
  let current = -1;
  const rank = (name: string) => {
    const layer = layerRank(nodes.get(name)!.layer);
    return [layer === current ? -1 : layer, name] as const;
  };
  const before = (a: string, b: string) => {
    const [la, na] = rank(a);
    const [lb, nb] = rank(b);
    return la !== lb ? la - lb : na < nb ? -1 : na > nb ? 1 : 0;
  };
  const ready = [...waiting].filter(([, n]) => n === 0).map(([name]) => name);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort(before);
    const next = ready.shift()!;
    order.push(next);
    current = layerRank(nodes.get(next)!.layer);
    for (const child of dependents.get(next)!) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  if (order.length < nodes.size) {
    const stuck = new Set([...nodes.keys()].filter((n) => !order.includes(n)));
    // Printed in data-flow order: each step feeds the next.
    throw new PipelineError(`dependency cycle: ${findCycle(nodes, stuck).join(' -> ')}`);
  }
  return order;
}

/** One cycle among the nodes Kahn's algorithm could not order, as a closed path a -> b -> a. */
function findCycle(nodes: Map<string, DagNode>, stuck: Set<string>): string[] {
  const onPath: string[] = [];
  const done = new Set<string>();
  const visit = (name: string): string[] | undefined => {
    const at = onPath.indexOf(name);
    if (at >= 0) return [...onPath.slice(at), name];
    if (done.has(name)) return undefined;
    onPath.push(name);
    for (const dep of nodes
      .get(name)!
      .dependsOn.filter((d) => stuck.has(d))
      .sort()) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(name);
    return undefined;
  };
  for (const name of [...stuck].sort()) {
    const cycle = visit(name);
    if (cycle) return cycle.reverse();
  }
  return [...stuck];
}

/** All nodes downstream of `name` (not including it). */
export function descendants(dag: Dag, name: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(dag.dependents.get(name) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(dag.dependents.get(next) ?? []));
  }
  return seen;
}

/** All nodes upstream of `name` (not including it). */
export function ancestors(dag: Dag, name: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(dag.nodes.get(name)?.dependsOn ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...dag.nodes.get(next)!.dependsOn);
  }
  return seen;
}
