import { GRAPH_FORMAT_VERSION, type GraphDocument, type GraphEdge, type GraphNode } from '../graph/schema.ts';
import type { Referential } from '../referential/schema.ts';

/**
 * Portable referential → graph, without positions (`layoutGraph` in ../graph/layout.ts adds them).
 * Edge ids derive from their source so that decompiling the same referential twice gives the same
 * graph: `<task>.weighting`, `<task>.entry`, `<node>.branch.<k>`, `<node>.applied`, `<node>.not-applied`.
 * `compile(decompile(r))` equals `r` (without its `contentHash` and `$schema`).
 */
export function decompile(referential: Referential): GraphDocument {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const job of referential.jobs) {
    nodes.push(job.description === undefined ? { id: job.id, kind: 'job', label: job.label } : { id: job.id, kind: 'job', label: job.label, description: job.description });
  }
  for (const job of referential.jobs) {
    for (const task of job.tasks) {
      nodes.push(task.description === undefined ? { id: task.id, kind: 'task', label: task.label } : { id: task.id, kind: 'task', label: task.label, description: task.description });
      edges.push({ id: `${task.id}.weighting`, kind: 'weighting', source: job.id, target: task.id, share: task.defaultShare });
      edges.push({ id: `${task.id}.entry`, kind: 'entry', source: task.id, target: task.entry });
    }
  }
  for (const node of referential.nodes) {
    if (node.kind === 'question') {
      nodes.push(node.label === undefined ? { id: node.id, kind: 'question', question: node.question } : { id: node.id, kind: 'question', question: node.question, label: node.label });
      node.branches.forEach((b, k) => edges.push({ id: `${node.id}.branch.${k}`, kind: 'branch', source: node.id, target: b.next, when: b.when }));
    } else {
      nodes.push(node.label === undefined ? { id: node.id, kind: 'measure', measure: node.measure } : { id: node.id, kind: 'measure', measure: node.measure, label: node.label });
      edges.push({ id: `${node.id}.applied`, kind: 'measure', source: node.id, target: node.applied, applied: true });
      edges.push({ id: `${node.id}.not-applied`, kind: 'measure', source: node.id, target: node.notApplied, applied: false });
    }
  }
  for (const s of referential.situations) {
    nodes.push(s.description === undefined ? { id: s.id, kind: 'situation', label: s.label, exposures: s.exposures } : { id: s.id, kind: 'situation', label: s.label, description: s.description, exposures: s.exposures });
  }
  return {
    formatVersion: GRAPH_FORMAT_VERSION,
    kind: 'logigramme',
    referential: {
      id: referential.id,
      identity: referential.identity,
      regulation: referential.regulation,
      workingYear: referential.workingYear,
      factors: referential.factors,
      questions: referential.questions,
      measures: referential.measures,
      scenarios: referential.scenarios,
      ...(referential.particularlyExposed ? { particularlyExposed: referential.particularlyExposed } : {}),
    },
    nodes,
    edges,
    layout: { direction: 'RIGHT', nodes: {} },
  };
}
