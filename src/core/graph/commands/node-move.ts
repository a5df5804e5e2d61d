import type { GraphDocument } from '../schema.ts';
import { OK, refuse, type CanApply, type Draft, type Point } from './types.ts';
import { own } from '../../util/own.ts';

/** Moves nodes: layout only, the compiled referential and its hash never change. */
export interface NodeMoveCommand {
  type: 'node/move';
  positions: Record<string, Point>;
}

export function canMoveNodes(graph: GraphDocument, command: NodeMoveCommand): CanApply {
  const ids = Object.keys(command.positions);
  if (ids.length === 0) return refuse('command.empty');
  const known = new Set(graph.nodes.map((n) => n.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) return refuse('command.node_not_found', { id: missing });
  const bad = ids.find((id) => !Number.isFinite(own(command.positions, id)?.x) || !Number.isFinite(own(command.positions, id)?.y));
  return bad === undefined ? OK : refuse('command.invalid_value', { field: 'position', reason: 'not_numeric' });
}

export function moveNodes(draft: Draft, command: NodeMoveCommand): void {
  for (const [id, { x, y }] of Object.entries(command.positions)) {
    const layout = own(draft.layout.nodes, id);
    if (layout) {
      layout.x = x;
      layout.y = y;
    } else {
      draft.layout.nodes[id] = { x, y };
    }
  }
}
