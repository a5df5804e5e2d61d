import type { GraphDocument } from '../schema.ts';
import { canRemoveUsedEntry, removeById } from './catalogue.ts';
import type { CanApply, Draft } from './types.ts';

/** Removes a measure from the catalogue; refused while a node still tests it. */
export interface MeasureRemoveCommand {
  type: 'measure/remove';
  id: string;
}

export function canRemoveMeasure(graph: GraphDocument, command: MeasureRemoveCommand): CanApply {
  return canRemoveUsedEntry(graph, 'measure', command.id);
}

export function removeMeasure(draft: Draft, command: MeasureRemoveCommand): void {
  removeById(draft.referential.measures, command.id);
}
