import { MeasureSchema, type Measure } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { canAddEntry, checkSchema } from './catalogue.ts';
import type { CanApply, Draft } from './types.ts';

/** Adds a prevention measure (collective, individual or organisational) to the catalogue. */
export interface MeasureAddCommand {
  type: 'measure/add';
  measure: Measure;
}

export function canAddMeasure(graph: GraphDocument, command: MeasureAddCommand): CanApply {
  return canAddEntry(graph, command.measure, () => checkSchema(MeasureSchema, command.measure, 'measure'));
}

export function addMeasure(draft: Draft, command: MeasureAddCommand): void {
  draft.referential.measures.push(command.measure);
}
