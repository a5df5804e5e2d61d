import type { GraphDocument, GraphNode } from '../schema.ts';
import { elementIds } from './queries.ts';
import { validId } from './rules.ts';
import { OK, refuse, type CanApply, type Draft, type Point } from './types.ts';

/** Adds a node at a position. The id is chosen by the caller (the core never makes ids up). */
export interface NodeAddCommand {
  type: 'node/add';
  node: GraphNode;
  position: Point;
}

export function canAddNode(graph: GraphDocument, command: NodeAddCommand): CanApply {
  const { node } = command;
  const id = validId(node.id);
  if (!id.ok) return id;
  if (elementIds(graph).has(node.id)) return refuse('structure.duplicate_id', { id: node.id });
  return checkNodeReferences(graph, node);
}

/** A question node asks a catalogue question, a measure node tests a catalogue measure, a group holds nodes. */
export function checkNodeReferences(graph: GraphDocument, node: GraphNode): CanApply {
  if (node.kind === 'question' && !graph.referential.questions.some((q) => q.id === node.question)) return refuse('structure.unknown_question', { question: node.question });
  if (node.kind === 'measure' && !graph.referential.measures.some((m) => m.id === node.measure)) return refuse('structure.unknown_measure', { measure: node.measure });
  if (node.kind === 'group') {
    const missing = node.members.find((m) => !graph.nodes.some((n) => n.id === m));
    if (missing !== undefined) return refuse('command.node_not_found', { id: missing });
  }
  return OK;
}

export function addNode(draft: Draft, command: NodeAddCommand): void {
  draft.nodes.push(command.node);
  draft.layout.nodes[command.node.id] = { x: command.position.x, y: command.position.y };
}
