import { MeasureSchema, type Measure } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/** Replaces a catalogue measure (same id): its label, prevention class or description. */
export interface MeasureUpdateCommand {
  type: 'measure/update';
  id: string;
  measure: Measure;
}

export function canUpdateMeasure(graph: GraphDocument, command: MeasureUpdateCommand): CanApply {
  if (!graph.referential.measures.some((m) => m.id === command.id)) return refuse('command.measure_not_found', { id: command.id });
  if (command.measure.id !== command.id) return refuse('command.id_change');
  const parsed = MeasureSchema.safeParse(command.measure);
  return parsed.success ? OK : schemaRefusal(parsed.error, 'mesure de prévention');
}

export function updateMeasure(draft: Draft, command: MeasureUpdateCommand): void {
  const i = draft.referential.measures.findIndex((m) => m.id === command.id);
  if (i >= 0) draft.referential.measures[i] = command.measure;
}
