import type { BranchCondition } from '../../referential/schema.ts';
import type { GraphDocument, GraphEdge } from '../schema.ts';
import { checkEdge } from './rules.ts';
import { refuse, type CanApply, type Draft } from './types.ts';

/**
 * Changes what an edge says: a weighting's share, a branch's condition, a measure edge's side, or where
 * the edge leads (`target`). The changed edge passes the same rules as a new one.
 */
export interface EdgeChanges {
  share?: number;
  when?: BranchCondition;
  applied?: boolean;
  target?: string;
}

export interface EdgeUpdateCommand {
  type: 'edge/update';
  id: string;
  changes: EdgeChanges;
}

const ALLOWED: Record<GraphEdge['kind'], ReadonlyArray<keyof EdgeChanges>> = {
  weighting: ['share', 'target'],
  entry: ['target'],
  branch: ['when', 'target'],
  measure: ['applied', 'target'],
};

export function canUpdateEdge(graph: GraphDocument, command: EdgeUpdateCommand): CanApply {
  const edge = graph.edges.find((e) => e.id === command.id);
  if (!edge) return refuse('command.edge_not_found', { id: command.id });
  for (const field of Object.keys(command.changes) as Array<keyof EdgeChanges>) {
    if (command.changes[field] !== undefined && !ALLOWED[edge.kind].includes(field)) return refuse('command.field_not_allowed', { element: 'edge', kind: edge.kind, field });
  }
  return checkEdge(graph, changed(edge, command.changes), edge.id);
}

export function updateEdge(draft: Draft, command: EdgeUpdateCommand): void {
  const edge = draft.edges.find((e) => e.id === command.id);
  if (!edge) return;
  const target = edge as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(command.changes)) if (value !== undefined) target[field] = value;
}

function changed(edge: GraphEdge, changes: EdgeChanges): GraphEdge {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return { ...edge, ...defined } as GraphEdge;
}
