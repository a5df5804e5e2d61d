import type { Scenario } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { canReplaceEntry, replaceById } from './catalogue.ts';
import { checkScenario } from './scenario-rules.ts';
import type { CanApply, Draft } from './types.ts';

/** Replaces a scenario whole (same id): what it describes and what it expects. */
export interface ScenarioUpdateCommand {
  type: 'scenario/update';
  id: string;
  scenario: Scenario;
}

export function canUpdateScenario(graph: GraphDocument, command: ScenarioUpdateCommand): CanApply {
  return canReplaceEntry(graph.referential.scenarios, command.id, command.scenario, 'command.scenario_not_found', () => checkScenario(graph, command.scenario));
}

export function updateScenario(draft: Draft, command: ScenarioUpdateCommand): void {
  replaceById(draft.referential.scenarios, command.id, command.scenario);
}
