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
  // A catalogue entry identical to one already here is reused; any other is added under a fresh id.
  const adopt = <T extends { id: string; label: string }>(entries: readonly T[], existing: readonly T[], fallback: string, add: (entry: T) => GraphCommand) => {
    const adopted: Record<string, string> = {};
    for (const entry of entries) {
      const same = existing.find((x) => x.id === entry.id);
      if (same && JSON.stringify(same) === JSON.stringify(entry)) adopted[entry.id] = entry.id;
      else {
        const id = maker.take(slugId(entry.label, maker.taken, fallback));
        adopted[entry.id] = id;
        commands.push(add({ ...entry, id }));
      }
    }
    return adopted;
  };
  const questionIds = adopt(fragment.questions, graph.referential.questions, 'critere', (question) => ({ type: 'question/add', question }));
  const measureIds = adopt(fragment.measures, graph.referential.measures, 'mesure', (measure) => ({ type: 'measure/add', measure }));
  const ids: Record<string, string> = {};
  // Decision nodes are `n-<name>`, as in the samples; their catalogue entry keeps the plain name.
  for (const n of fragment.nodes) ids[n.id] = maker.take(slugId(`${n.kind === 'question' || n.kind === 'measure' ? 'n ' : ''}${labelOf(n)}`, maker.taken, n.kind));
  const nodes = fragment.nodes.map((n): GraphNode => (n.kind === 'question' ? { ...n, question: questionIds[n.question] ?? n.question } : n.kind === 'measure' ? { ...n, measure: measureIds[n.measure] ?? n.measure } : n));
  const edgeIds: Record<string, string> = {};
  for (const e of fragment.edges) edgeIds[e.id] = maker.edge({ kind: e.kind, source: ids[e.source]!, target: ids[e.target]!, ...(e.kind === 'measure' ? { applied: e.applied } : {}) });
  commands.push({ type: 'nodes/paste', clip: { nodes, edges: fragment.edges, layout: fragment.layout }, ids, edgeIds, offset });
  return { commands, ids };
}
