import type { GraphDocument } from '../schema.ts';
import { nodeLabel } from './queries.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';
import { own } from '../../util/own.ts';

/** Folds (or unfolds) what a node leads to, a job's tasks and trees most often. Layout only. */
export interface NodeCollapseCommand {
  type: 'node/collapse';
  id: string;
  collapsed: boolean;
}

export function canCollapse(graph: GraphDocument, command: NodeCollapseCommand): CanApply {
  const node = graph.nodes.find((n) => n.id === command.id);
  if (!node) return refuse('command.node_not_found', { id: command.id });
  if (command.collapsed && !graph.edges.some((e) => e.source === node.id)) return refuse('command.not_collapsible', { node: nodeLabel(graph, node) });
  return OK;
}

export function collapseNode(draft: Draft, command: NodeCollapseCommand): void {
  const layout = own(draft.layout.nodes, command.id);
  if (command.collapsed) {
    if (layout) layout.collapsed = true;
    else draft.layout.nodes[command.id] = { x: 0, y: 0, collapsed: true };
  } else if (layout && layout.collapsed !== undefined) {
    delete layout.collapsed;
  }
}
