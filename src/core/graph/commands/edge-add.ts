import type { GraphDocument, GraphEdge } from '../schema.ts';
import { checkEdge } from './rules.ts';
import type { CanApply, Draft } from './types.ts';

/**
 * Adds a typed edge. Refused, with the checker's message, when it means nothing (a job to a situation),
 * would give a task a second job or entry, a measure a second "applied" branch, a question two branches
 * for one answer, or close a loop.
 */
export interface EdgeAddCommand {
  type: 'edge/add';
  edge: GraphEdge;
}

export function canAddEdge(graph: GraphDocument, command: EdgeAddCommand): CanApply {
  return checkEdge(graph, command.edge);
}

export function addEdge(draft: Draft, command: EdgeAddCommand): void {
  draft.edges.push(command.edge);
}
