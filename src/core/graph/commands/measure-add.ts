import { MeasureSchema, type Measure } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { elementIds } from './queries.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/** Adds a prevention measure (collective, individual or organisational) to the catalogue. */
export interface MeasureAddCommand {
  type: 'measure/add';
  measure: Measure;
}

export function canAddMeasure(graph: GraphDocument, command: MeasureAddCommand): CanApply {
  const parsed = MeasureSchema.safeParse(command.measure);
  if (!parsed.success) return schemaRefusal(parsed.error, 'mesure de prévention');
  return elementIds(graph).has(command.measure.id) ? refuse('structure.duplicate_id', { id: command.measure.id }) : OK;
}

export function addMeasure(draft: Draft, command: MeasureAddCommand): void {
  draft.referential.measures.push(command.measure);
}
