import type { GraphDocument } from '../schema.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/** Removes a scenario (nothing refers to one, so nothing else changes). */
export interface ScenarioRemoveCommand {
  type: 'scenario/remove';
  id: string;
}

export function canRemoveScenario(graph: GraphDocument, command: ScenarioRemoveCommand): CanApply {
  return graph.referential.scenarios.some((s) => s.id === command.id) ? OK : refuse('command.scenario_not_found', { id: command.id });
}

export function removeScenario(draft: Draft, command: ScenarioRemoveCommand): void {
  const i = draft.referential.scenarios.findIndex((s) => s.id === command.id);
  if (i >= 0) draft.referential.scenarios.splice(i, 1);
}
