// Table-level lineage of the whole graph: which tables feed which, and which checks guard which
// table. Written every run to meta.lineage and to <warehouse>/reports/lineage.json.
import { lineagePath, reportsDir } from '../warehouse/layout.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { raw, sql } from '../engine/sql.js';
import type { Dag } from './dag.js';

export interface LineageEdge {
  upstream: string;
  downstream: string;
  /** 'feeds': upstream table is read to build downstream; 'guards': check upstream guards table downstream. */
  kind: 'feeds' | 'guards';
}

export interface LineageDocument {
  runId: string;
  nodes: Array<{
    name: string;
    layer: string;
    kind: 'sql' | 'ts';
    description: string;
    produces: string[];
    writesShared: string[];
    reads: string[];
  }>;
  edges: LineageEdge[];
  checks: Array<{ table: string; check: string; kind: string; action: string; reasonCode: string; description: string }>;
}

/** Edges between tables (shared tables included); a TS step that writes nothing stands for itself as a node. */
export function lineageEdges(dag: Dag): LineageEdge[] {
  const edges: LineageEdge[] = [];
  // Two writers of a shared table may read the same input: one edge for the pair.
  const seen = new Set<string>();
  for (const name of dag.order) {
    const node = dag.nodes.get(name)!;
    const written = [...node.produces, ...node.writesShared];
    const outputs = written.length > 0 ? written : [node.name];
    for (const read of node.reads) {
      for (const out of outputs) {
        const key = `${read}\u0000${out}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ upstream: read, downstream: out, kind: 'feeds' });
      }
    }
    for (const check of node.checks) edges.push({ upstream: `${check.dataset}:${check.name}`, downstream: check.dataset, kind: 'guards' });
  }
  return edges;
}

export function lineageDocument(dag: Dag, runId: string): LineageDocument {
  return {
    runId,
    nodes: dag.order.map((name) => {
      const node = dag.nodes.get(name)!;
      const description = node.step.kind === 'sql' ? node.step.meta.description : node.step.description;
      return {
        name,
        layer: node.layer,
        kind: node.step.kind,
        description,
        produces: node.produces,
        writesShared: node.writesShared,
        reads: node.reads,
      };
    }),
    edges: lineageEdges(dag),
    checks: dag.order.flatMap((name) =>
      dag.nodes.get(name)!.checks.map((c) => ({
        table: c.dataset,
        check: c.name,
        kind: c.kind,
        action: c.action,
        reasonCode: c.reasonCode,
        description: c.description,
      })),
    ),
  };
}

/**
 * Checks that TS steps ran themselves (bronze's contract checks, gold QA) are known only from
 * meta.check_results: add a guards edge for each check this run recorded that the graph does not declare.
 */
async function recordedChecks(engine: Engine, runId: string, doc: LineageDocument): Promise<void> {
  const declared = new Set(doc.checks.map((c) => `${c.table}:${c.check}`));
  const rows = await engine.query<{ dataset: string; check_name: string; kind: string; action: string; reason_code: string | null }>(
    sql`SELECT DISTINCT dataset, check_name, kind, action, reason_code FROM meta.check_results WHERE run_id = ${runId} ORDER BY dataset, check_name`,
  );
  for (const r of rows) {
    const id = `${r.dataset}:${r.check_name}`;
    if (declared.has(id)) continue;
    declared.add(id);
    doc.checks.push({
      table: r.dataset,
      check: r.check_name,
      kind: r.kind,
      action: r.action,
      reasonCode: r.reason_code ?? '',
      description: '',
    });
    doc.edges.push({ upstream: id, downstream: r.dataset, kind: 'guards' });
  }
}

export async function writeLineage(engine: Engine, dag: Dag, runId: string, warehouseDir: string): Promise<LineageDocument> {
  const doc = lineageDocument(dag, runId);
  await recordedChecks(engine, runId, doc);
  // Many rows per INSERT: on Spark every INSERT is a job writing a file (one per edge took minutes).
  for (let i = 0; i < doc.edges.length; i += 200) {
    let values = sql``;
    doc.edges.slice(i, i + 200).forEach((edge, j) => {
      values = sql`${values}${raw(j === 0 ? '' : ', ')}(${runId}, ${edge.upstream}, ${edge.downstream}, ${edge.kind})`;
    });
    await engine.exec(sql`INSERT INTO meta.lineage (run_id, upstream, downstream, kind) VALUES ${values}`);
  }
  mkdirSync(reportsDir(warehouseDir), { recursive: true });
  writeFileSync(lineagePath(warehouseDir), JSON.stringify(doc, null, 2) + '\n');
  return doc;
}
