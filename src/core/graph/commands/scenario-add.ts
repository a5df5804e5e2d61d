import type { Scenario } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { elementIds } from './queries.ts';
import { checkScenario } from './scenario-rules.ts';
import { refuse, type CanApply, type Draft } from './types.ts';

/**
 * Adds a reference case (scenario) to the referential: company answers and measures, one employee's
 * mission profile, a year, the expected verdicts. Its id (passed in) joins the one id namespace.
 */
export interface ScenarioAddCommand {
  type: 'scenario/add';
  scenario: Scenario;
  /** Where it goes in the list (a duplicate goes after its original); at the end when absent. */
  index?: number;
}

export function canAddScenario(graph: GraphDocument, command: ScenarioAddCommand): CanApply {
  if (elementIds(graph).has(command.scenario.id)) return refuse('structure.duplicate_id', { id: command.scenario.id });
  return checkScenario(graph, command.scenario);
}

export function addScenario(draft: Draft, command: ScenarioAddCommand): void {
  const list = draft.referential.scenarios;
  const at = command.index === undefined ? list.length : Math.max(0, Math.min(list.length, command.index));
  list.splice(at, 0, command.scenario);
}
