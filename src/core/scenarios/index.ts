import type { FactorCode } from '../regulation/types.ts';
import type { Referential, Scenario, Verdict } from '../referential/schema.ts';
import { EvaluationError, evaluate, type EmployeeResult } from '../evaluate/index.ts';

export interface ScenarioMismatch {
  what: FactorCode | 'points';
  expected: Verdict | number;
  actual: Verdict | number;
}

export interface ScenarioOutcome {
  scenario: string;
  label: string;
  passed: boolean;
  mismatches: ScenarioMismatch[];
  error?: EvaluationError;
  result?: EmployeeResult;
}

/**
 * Runs the reference cases a branch stored in its referential: each states what the referential must
 * conclude for a typical employee, so any later edit that changes a conclusion shows up as a failure.
 */
export function runScenario(referential: Referential, scenario: Scenario): ScenarioOutcome {
  const base = { scenario: scenario.id, label: scenario.label };
  let result: EmployeeResult;
  try {
    result = evaluate(
      referential,
      { answers: scenario.answers, measures: scenario.measures.map((measure) => ({ measure })) },
      scenario.employee,
      { year: scenario.year, ...(scenario.regulation ? { regulation: scenario.regulation } : {}) },
    );
  } catch (error) {
    if (error instanceof EvaluationError) return { ...base, passed: false, mismatches: [], error };
    throw error;
  }
  const mismatches: ScenarioMismatch[] = [];
  for (const [factor, expected] of Object.entries(scenario.expected.factors) as Array<[FactorCode, Verdict]>) {
    const actual = result.factors.find((f) => f.factor === factor)?.verdict ?? 'not_exposed';
    if (actual !== expected) mismatches.push({ what: factor, expected, actual });
  }
  if (scenario.expected.points !== undefined && scenario.expected.points !== result.points.total) {
    mismatches.push({ what: 'points', expected: scenario.expected.points, actual: result.points.total });
  }
  return { ...base, passed: mismatches.length === 0, mismatches, result };
}

export function runScenarios(referential: Referential): ScenarioOutcome[] {
  return referential.scenarios.map((s) => runScenario(referential, s));
}
