import { MeasureSchema, type Measure } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { canReplaceEntry, checkSchema, replaceById } from './catalogue.ts';
import type { CanApply, Draft } from './types.ts';

/** Replaces a catalogue measure (same id): its label, prevention class or description. */
export interface MeasureUpdateCommand {
  type: 'measure/update';
  id: string;
  measure: Measure;
}

export function canUpdateMeasure(graph: GraphDocument, command: MeasureUpdateCommand): CanApply {
  return canReplaceEntry(graph.referential.measures, command.id, command.measure, 'command.measure_not_found', () => checkSchema(MeasureSchema, command.measure, 'measure'));
}

export function updateMeasure(draft: Draft, command: MeasureUpdateCommand): void {
  replaceById(draft.referential.measures, command.id, command.measure);
}
