import type { GraphDocument } from '../schema.ts';
import { removeById } from './catalogue.ts';
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
  removeById(draft.referential.scenarios, command.id);
}
