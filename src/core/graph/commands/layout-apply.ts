import type { GraphDocument, NodeLayout } from '../schema.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';
import { own } from '../../util/own.ts';

/**
 * Puts nodes where an automatic layout (`layoutGraph`) placed them. Layout only. Positions of nodes
 * removed since the layout was asked for are ignored (the layout runs asynchronously).
 */
export interface LayoutApplyCommand {
  type: 'layout/apply';
  positions: Record<string, NodeLayout>;
  direction?: 'RIGHT' | 'DOWN';
}

export function canApplyLayout(_graph: GraphDocument, command: LayoutApplyCommand): CanApply {
  return Object.keys(command.positions).length > 0 || command.direction ? OK : refuse('command.empty');
}

export function applyLayout(draft: Draft, command: LayoutApplyCommand): void {
  const known = new Set(draft.nodes.map((n) => n.id));
  for (const [id, position] of Object.entries(command.positions)) {
    if (!known.has(id)) continue;
    const current = own(draft.layout.nodes, id);
    if (!current) {
      draft.layout.nodes[id] = { ...position };
      continue;
    }
    // Field by field, so that unchanged nodes produce no patch.
    for (const key of Object.keys(position) as Array<keyof NodeLayout>) {
      if (current[key] !== position[key]) (current as Record<string, unknown>)[key] = position[key];
    }
  }
  if (command.direction && draft.layout.direction !== command.direction) draft.layout.direction = command.direction;
}
