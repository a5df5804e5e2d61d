import type { GraphDocument } from '../schema.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

export interface EdgeRemoveCommand {
  type: 'edge/remove';
  ids: string[];
}

export function canRemoveEdges(graph: GraphDocument, command: EdgeRemoveCommand): CanApply {
  if (command.ids.length === 0) return refuse('command.empty');
  const ids = new Set(graph.edges.map((e) => e.id));
  const missing = command.ids.find((id) => !ids.has(id));
  return missing === undefined ? OK : refuse('command.edge_not_found', { id: missing });
}

export function removeEdges(draft: Draft, command: EdgeRemoveCommand): void {
  const gone = new Set(command.ids);
  for (let i = draft.edges.length - 1; i >= 0; i--) {
    if (gone.has(draft.edges[i]!.id)) draft.edges.splice(i, 1);
  }
}
