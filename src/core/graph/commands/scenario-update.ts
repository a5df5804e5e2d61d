import type { Scenario } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { checkScenario } from './scenario-rules.ts';
import { refuse, type CanApply, type Draft } from './types.ts';

/** Replaces a scenario whole (same id): what it describes and what it expects. */
export interface ScenarioUpdateCommand {
  type: 'scenario/update';
  id: string;
  scenario: Scenario;
}

export function canUpdateScenario(graph: GraphDocument, command: ScenarioUpdateCommand): CanApply {
  if (!graph.referential.scenarios.some((s) => s.id === command.id)) return refuse('command.scenario_not_found', { id: command.id });
  if (command.scenario.id !== command.id) return refuse('command.id_change');
  return checkScenario(graph, command.scenario);
}

export function updateScenario(draft: Draft, command: ScenarioUpdateCommand): void {
  const i = draft.referential.scenarios.findIndex((s) => s.id === command.id);
  if (i >= 0) draft.referential.scenarios[i] = command.scenario;
}
