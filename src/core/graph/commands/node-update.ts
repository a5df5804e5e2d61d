import * as z from 'zod';
import { ExposureSchema, type Exposure } from '../../referential/schema.ts';
import type { GraphDocument, GraphNode } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { checkNodeReferences } from './node-add.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/**
 * Changes fields of a node. `null` removes an optional field (a description, a question node's own
 * label). A question node's `question` and a measure node's `measure` re-point it to another entry of
 * the catalogue.
 */
export interface NodeChanges {
  label?: string | null;
  description?: string | null;
  exposures?: Exposure[];
  question?: string;
  measure?: string;
  text?: string;
  members?: string[];
}

export interface NodeUpdateCommand {
  type: 'node/update';
  id: string;
  changes: NodeChanges;
}

const FIELDS: Record<GraphNode['kind'], ReadonlyArray<keyof NodeChanges>> = {
  job: ['label', 'description'],
  task: ['label', 'description'],
  question: ['label', 'question'],
  measure: ['label', 'measure'],
  situation: ['label', 'description', 'exposures'],
  note: ['text'],
  group: ['label', 'members'],
};
/** Fields a node kind may lose (`null`); the others are required. */
const OPTIONAL: Record<GraphNode['kind'], ReadonlyArray<keyof NodeChanges>> = {
  job: ['description'],
  task: ['description'],
  question: ['label'],
  measure: ['label'],
  situation: ['description'],
  note: [],
  group: [],
};

const Exposures = z.array(ExposureSchema);

export function canUpdateNode(graph: GraphDocument, command: NodeUpdateCommand): CanApply {
  const node = graph.nodes.find((n) => n.id === command.id);
  if (!node) return refuse('command.node_not_found', { id: command.id });
  for (const [field, value] of Object.entries(command.changes) as Array<[keyof NodeChanges, unknown]>) {
    if (value === undefined) continue;
    if (!FIELDS[node.kind].includes(field)) return refuse('command.field_not_allowed', { element: 'node', kind: node.kind, field });
    if (value === null && !OPTIONAL[node.kind].includes(field)) return refuse('command.invalid_value', { field, reason: 'required' });
  }
  if (command.changes.exposures) {
    const parsed = Exposures.safeParse(command.changes.exposures);
    if (!parsed.success) {
      return schemaRefusal(parsed.error, 'exposures');
    }
  }
  const next = { ...node, ...withoutNulls(command.changes) } as GraphNode;
  return node.kind === 'question' || node.kind === 'measure' || node.kind === 'group' ? checkNodeReferences(graph, next) : OK;
}

export function updateNode(draft: Draft, command: NodeUpdateCommand): void {
  const node = draft.nodes.find((n) => n.id === command.id);
  if (!node) return;
  const target = node as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(command.changes)) {
    if (value === undefined) continue;
    if (value === null) delete target[field];
    else target[field] = value;
  }
}

function withoutNulls(changes: NodeChanges): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null && v !== undefined));
}
