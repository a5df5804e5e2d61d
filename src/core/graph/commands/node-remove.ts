import type { GraphDocument } from '../schema.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/** Removes nodes with every edge that touches them, their layout, and their place in groups. */
export interface NodeRemoveCommand {
  type: 'node/remove';
  ids: string[];
}

export function canRemoveNodes(graph: GraphDocument, command: { ids: readonly string[] }): CanApply {
  if (command.ids.length === 0) return refuse('command.empty');
  const ids = new Set(graph.nodes.map((n) => n.id));
  const missing = command.ids.find((id) => !ids.has(id));
  return missing === undefined ? OK : refuse('command.node_not_found', { id: missing });
}

export function removeNodes(draft: Draft, command: { ids: readonly string[] }): void {
  const gone = new Set(command.ids);
  // Splice from the end so that only the removed entries produce patches, not a rewrite of the arrays.
  for (let i = draft.edges.length - 1; i >= 0; i--) {
    const e = draft.edges[i]!;
    if (gone.has(e.source) || gone.has(e.target)) draft.edges.splice(i, 1);
  }
  for (let i = draft.nodes.length - 1; i >= 0; i--) {
    if (gone.has(draft.nodes[i]!.id)) draft.nodes.splice(i, 1);
  }
  for (const node of draft.nodes) {
    if (node.kind === 'group' && node.members.some((m) => gone.has(m))) node.members = node.members.filter((m) => !gone.has(m));
  }
  for (const id of gone) delete draft.layout.nodes[id];
}
