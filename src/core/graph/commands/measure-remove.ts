import type { GraphDocument } from '../schema.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/** Removes a measure from the catalogue; refused while a node still tests it. */
export interface MeasureRemoveCommand {
  type: 'measure/remove';
  id: string;
}

export function canRemoveMeasure(graph: GraphDocument, command: MeasureRemoveCommand): CanApply {
  const measure = graph.referential.measures.find((m) => m.id === command.id);
  if (!measure) return refuse('command.measure_not_found', { id: command.id });
  const count = graph.nodes.filter((n) => n.kind === 'measure' && n.measure === command.id).length;
  return count > 0 ? refuse('command.measure_in_use', { measure: measure.label, count }) : OK;
}

export function removeMeasure(draft: Draft, command: MeasureRemoveCommand): void {
  const i = draft.referential.measures.findIndex((m) => m.id === command.id);
  if (i >= 0) draft.referential.measures.splice(i, 1);
}
