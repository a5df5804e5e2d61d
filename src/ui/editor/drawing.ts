import type { GraphDocument, GraphEdge, GraphFragment, GraphNode, GraphNodeKind } from '../../core/index.ts';
import { checkEdge, defaultBranchCondition, edgeForConnection, slugId, type GraphCommand } from '../../core/graph/commands/index.ts';
import { IdMaker } from './ids.ts';

/*
 * Drawing helpers of the controller: which edge ties a new node to the selected one, and the commands
 * that paste a clipboard fragment (with its catalogue entries) under fresh, readable ids.
 */

/** Kinds a new node may hang under, per kind of the selected node. */
const FITS: Partial<Record<GraphNodeKind, ReadonlySet<GraphNodeKind>>> = {
  job: new Set(['task']),
  task: new Set(['question', 'measure', 'situation']),
  question: new Set(['question', 'measure', 'situation']),
  measure: new Set(['question', 'measure', 'situation']),
};

/** Whether a node of `kind` follows a node of `anchorKind` in a logigramme (a task after a job, …). */
export function fitsUnder(anchorKind: GraphNodeKind, kind: GraphNodeKind): boolean {
  return FITS[anchorKind]?.has(kind) ?? false;
}

/**
 * The edge from `anchor` to a new node of `kind` when the kinds fit and the anchor has room (a task
 * without an entry, a question with an answer left, a measure with a free side); otherwise none.
 */
export function linkToNew(graph: GraphDocument, anchor: GraphNode, node: GraphNode, edgeId: string): GraphEdge | undefined {
  if (!FITS[anchor.kind]?.has(node.kind)) return undefined;
  if (anchor.kind === 'question' && defaultBranchCondition(graph, anchor.id) === undefined) return undefined;
  const withNode: GraphDocument = { ...graph, nodes: [...graph.nodes, node] };
  const edge = edgeForConnection(withNode, { source: anchor.id, target: node.id }, edgeId);
  return edge && checkEdge(withNode, edge).ok ? edge : undefined;
}

/**
 * The commands that paste a fragment: its questions and measures first (reused when this catalogue
 * has the same entry, added under a fresh id otherwise), then its nodes and edges under ids made
 * from their labels, shifted by `offset`. Returns the new node ids too, to select them.
 */
export function pasteCommands(graph: GraphDocument, fragment: GraphFragment, offset: { x: number; y: number }, labelOf: (node: GraphNode) => string): { commands: GraphCommand[]; ids: Record<string, string> } {
  const maker = new IdMaker(graph);
  const commands: GraphCommand[] = [];
  const questionIds: Record<string, string> = {};
  for (const q of fragment.questions) {
    const same = graph.referential.questions.find((x) => x.id === q.id);
    if (same && JSON.stringify(same) === JSON.stringify(q)) questionIds[q.id] = q.id;
    else {
      const id = maker.take(slugId(q.label, maker.taken, 'critere'));
      questionIds[q.id] = id;
      commands.push({ type: 'question/add', question: { ...q, id } });
    }
  }
  const measureIds: Record<string, string> = {};
  for (const m of fragment.measures) {
    const same = graph.referential.measures.find((x) => x.id === m.id);
    if (same && JSON.stringify(same) === JSON.stringify(m)) measureIds[m.id] = m.id;
    else {
      const id = maker.take(slugId(m.label, maker.taken, 'mesure'));
      measureIds[m.id] = id;
      commands.push({ type: 'measure/add', measure: { ...m, id } });
    }
  }
  const ids: Record<string, string> = {};
  // Decision nodes are `n-<name>`, as in the samples; their catalogue entry keeps the plain name.
  for (const n of fragment.nodes) ids[n.id] = maker.take(slugId(`${n.kind === 'question' || n.kind === 'measure' ? 'n ' : ''}${labelOf(n)}`, maker.taken, n.kind));
  const nodes = fragment.nodes.map((n): GraphNode => (n.kind === 'question' ? { ...n, question: questionIds[n.question] ?? n.question } : n.kind === 'measure' ? { ...n, measure: measureIds[n.measure] ?? n.measure } : n));
  const edgeIds: Record<string, string> = {};
  for (const e of fragment.edges) edgeIds[e.id] = maker.edge({ kind: e.kind, source: ids[e.source]!, target: ids[e.target]!, ...(e.kind === 'measure' ? { applied: e.applied } : {}) });
  commands.push({ type: 'nodes/paste', clip: { nodes, edges: fragment.edges, layout: fragment.layout }, ids, edgeIds, offset });
  return { commands, ids };
}
