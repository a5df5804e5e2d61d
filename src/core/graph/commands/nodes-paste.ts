import type { GraphDocument, GraphEdge, GraphNode } from '../schema.ts';
import type { Clipboard } from './queries.ts';
import { elementIds } from './queries.ts';
import { validId } from './rules.ts';
import { OK, refuse, type CanApply, type Draft, type Point } from './types.ts';
import { own } from '../../util/own.ts';

/**
 * Pastes copied nodes and the edges among them under fresh ids (given by the caller: `ids` maps each
 * copied node id, `edgeIds` each copied edge id), shifted by `offset`. Pasting twice gives two copies.
 */
export interface NodesPasteCommand {
  type: 'nodes/paste';
  clip: Clipboard;
  ids: Record<string, string>;
  edgeIds: Record<string, string>;
  offset: Point;
}

export function canPaste(graph: GraphDocument, command: NodesPasteCommand): CanApply {
  const { clip, ids, edgeIds } = command;
  if (clip.nodes.length === 0) return refuse('command.nothing_to_paste');
  const taken = elementIds(graph);
  const edgeTaken = new Set(graph.edges.map((e) => e.id));
  const fresh = new Set<string>();
  for (const node of clip.nodes) {
    const id = own(ids, node.id);
    if (id === undefined) return refuse('command.paste_id_missing', { id: node.id });
    const valid = validId(id);
    if (!valid.ok) return valid;
    if (taken.has(id) || fresh.has(id)) return refuse('structure.duplicate_id', { id });
    fresh.add(id);
  }
  for (const edge of clip.edges) {
    const id = own(edgeIds, edge.id);
    if (id === undefined) return refuse('command.paste_id_missing', { id: edge.id });
    if (edgeTaken.has(id) || fresh.has(id)) return refuse('structure.duplicate_id', { id });
    fresh.add(id);
  }
  const questions = new Set(graph.referential.questions.map((q) => q.id));
  const measures = new Set(graph.referential.measures.map((m) => m.id));
  for (const node of clip.nodes) {
    // A clipboard from another referential may ask questions this catalogue lacks.
    if (node.kind === 'question' && !questions.has(node.question)) return refuse('structure.unknown_question', { question: node.question });
    if (node.kind === 'measure' && !measures.has(node.measure)) return refuse('structure.unknown_measure', { measure: node.measure });
  }
  return OK;
}

export function paste(draft: Draft, command: NodesPasteCommand): void {
  const { clip, ids, edgeIds, offset } = command;
  const copied = new Set(clip.nodes.map((n) => n.id));
  for (const node of clip.nodes) {
    const copy = JSON.parse(JSON.stringify(node)) as GraphNode;
    copy.id = ids[node.id]!;
    if (copy.kind === 'group') copy.members = copy.members.filter((m) => copied.has(m)).map((m) => ids[m]!);
    draft.nodes.push(copy);
    const layout = own(clip.layout, node.id) ?? { x: 0, y: 0 };
    draft.layout.nodes[copy.id] = { ...layout, x: layout.x + offset.x, y: layout.y + offset.y };
  }
  for (const edge of clip.edges) {
    if (!copied.has(edge.source) || !copied.has(edge.target)) continue;
    const copy: GraphEdge = { ...(JSON.parse(JSON.stringify(edge)) as GraphEdge), id: edgeIds[edge.id]!, source: ids[edge.source]!, target: ids[edge.target]! };
    draft.edges.push(copy);
  }
}
