import type { GraphDocument } from '../schema.ts';
import { removeNodes } from './node-remove.ts';
import { subtreeIds } from './queries.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/**
 * Removes a node and everything only it leads to (a job, its tasks and their trees); subtrees shared
 * with another task stay. `subtreeIds` tells the canvas what will go, for its confirmation.
 */
export interface NodeRemoveSubtreeCommand {
  type: 'node/remove-subtree';
  id: string;
}

export function canRemoveSubtree(graph: GraphDocument, command: NodeRemoveSubtreeCommand): CanApply {
  return graph.nodes.some((n) => n.id === command.id) ? OK : refuse('command.node_not_found', { id: command.id });
}

export function removeSubtree(draft: Draft, command: NodeRemoveSubtreeCommand): void {
  removeNodes(draft, { ids: subtreeIds(draft, command.id) });
}
