/*
 * The graph drawn on the comparison screen: the new version's logigramme (core decompile) plus, taken
 * from the old version, the elements and links it no longer has — so that a removal shows where it
 * was. Pure: the layout and React Flow come after.
 */
import { decompile, NODE_SIZES, type BranchCondition, type DiffResult, type ElementOp, type GraphDocument, type GraphEdge, type GraphNode, type Referential } from '../../core/index.ts';
import { formatNumber } from '../format.ts';
import { frReview } from '../i18n/fr-review.ts';
import { nodeStatuses } from './changes.ts';

export interface ReviewNodeData extends Record<string, unknown> {
  kind: GraphNode['kind'];
  kindLabel: string;
  label: string;
  id: string;
  status: ElementOp | null;
}

export interface ReviewEdgeData extends Record<string, unknown> {
  status: 'added' | 'removed' | null;
}

export interface ReviewGraph {
  /** The merged document to lay out: the new version's nodes and edges, then the old version's removed ones. */
  document: GraphDocument;
  nodes: Array<{ id: string; data: ReviewNodeData; width: number; height: number }>;
  edges: Array<{ id: string; source: string; target: string; label: string; data: ReviewEdgeData }>;
  /** Ids of every drawn node. */
  drawn: Set<string>;
}

function nodeLabel(node: GraphNode, r: Referential): string {
  switch (node.kind) {
    case 'question':
      return node.label ?? r.questions.find((q) => q.id === node.question)?.label ?? node.question;
    case 'measure':
      return node.label ?? r.measures.find((m) => m.id === node.measure)?.label ?? node.measure;
    case 'note':
      return node.text;
    default:
      return node.label;
  }
}

/** A branch's condition, short: « oui », « non », the choice ids (their labels are sentences), a range. */
function conditionLabel(when: BranchCondition): string {
  if ('is' in when) return when.is ? frReview.graph.yes : frReview.graph.no;
  if ('oneOf' in when) return when.oneOf.join(', ');
  const min = when.min === undefined ? '' : `≥ ${formatNumber(when.min, 4)}`;
  const max = when.max === undefined ? '' : `< ${formatNumber(when.max, 4)}`;
  return [min, max].filter(Boolean).join(' et ');
}

function edgeLabel(edge: GraphEdge): string {
  switch (edge.kind) {
    case 'weighting':
      return `${formatNumber(edge.share)} %`;
    case 'entry':
      return '';
    case 'branch':
      return conditionLabel(edge.when);
    case 'measure':
      return edge.applied ? frReview.graph.applied : frReview.graph.notApplied;
  }
}

/** Two edges are the same link when they join the same nodes with the same meaning. */
const edgeKey = (e: GraphEdge) => `${e.kind}|${e.source}|${e.target}|${JSON.stringify('when' in e ? e.when : 'applied' in e ? e.applied : '')}`;

export function reviewGraph(a: Referential, b: Referential, result: DiffResult): ReviewGraph {
  const before = decompile(a);
  const after = decompile(b);
  const status = nodeStatuses(result);
  const inAfter = new Set(after.nodes.map((n) => n.id));
  const removedNodes = before.nodes.filter((n) => !inAfter.has(n.id));
  const afterKeys = new Set(after.edges.map(edgeKey));
  const beforeKeys = new Set(before.edges.map(edgeKey));
  const afterIds = new Set(after.edges.map((e) => e.id));
  // An old link the new version no longer has; its id may have been reused by a new link.
  const removedEdges = before.edges.filter((e) => !afterKeys.has(edgeKey(e))).map((e) => (afterIds.has(e.id) ? { ...e, id: `${e.id}~avant` } : e));
  const document: GraphDocument = { ...after, nodes: [...after.nodes, ...removedNodes], edges: [...after.edges, ...removedEdges] };

  const nodes = document.nodes.map((n) => {
    const removed = !inAfter.has(n.id);
    const data: ReviewNodeData = {
      kind: n.kind,
      kindLabel: frReview.graphKind[n.kind] ?? n.kind,
      label: nodeLabel(n, removed ? a : b),
      id: n.id,
      status: removed ? 'removed' : (status.get(n.id) ?? null),
    };
    return { id: n.id, data, ...NODE_SIZES[n.kind] };
  });
  const removedIds = new Set(removedEdges.map((e) => e.id));
  const edges = document.edges.map((e) => {
    const removed = removedIds.has(e.id);
    return { id: e.id, source: e.source, target: e.target, label: edgeLabel(e), data: { status: removed ? ('removed' as const) : beforeKeys.has(edgeKey(e)) ? null : ('added' as const) } };
  });
  return { document, nodes, edges, drawn: new Set(document.nodes.map((n) => n.id)) };
}
