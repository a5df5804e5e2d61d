import type { Employee, Referential } from '../referential/schema.ts';
import { compactOf, type CompactResult } from './compact.ts';
import { evaluateGeneral, type Scratch } from './employee.ts';
import { EvaluationError } from './errors.ts';
import { createSetup, type CompanyAnswers } from './setup.ts';
import { createSpecialised } from './specialised.ts';
import { streamStaff, streamStaffAsync, TotalsAccumulator, type AsyncStaffStream, type StaffStream } from './staff.ts';
import type { EmployeeResult, EvaluationOptions, StaffResult } from './types.ts';

export * from './types.ts';
export { EvaluationError, givenValue, DOUBLED_BEFORE, type EvaluationErrorCode, type EvaluationErrorParams, type DatesProblem, type GivenValue, type ReferentialProblem, type UnplacedParams } from './errors.ts';
export { DEFAULT_RULES, RULE_CHOICES, resolveRules, type UnsettledRules } from './rules.ts';
export { absenceEffect, type AbsenceEffect } from './absence.ts';
export { type DerivedQuantity } from './intensity.ts';
export { measureDaysInYear, measurePeriods, transitionThresholds, type CompanyAnswers } from './setup.ts';
export { compactOf, compactVerdict, decisiveGroupIndex, factorBit, factorsOf, groupMargin, groupVerdict, layoutOf, type CompactResult, type GridLevel, type LayoutFactor, type LayoutGroup, type ResultLayout } from './compact.ts';
export { mergeStaffTotals, TotalsAccumulator, type AsyncStaffStream, type StaffRow, type StaffStream, type StaffTotals } from './staff.ts';

export interface Evaluator {
  /**
   * One employee's detailed result — every factor and group, the points' detail, and the trace when
   * `options.trace` — from the general path. Throws `EvaluationError` (and nothing else) on bad input.
   */
  evaluate(employee: Employee): EmployeeResult;
  /**
   * One employee's compact result (exposures, verdicts as bit sets, points) from the specialised path:
   * the bulk form, several times faster. Throws `EvaluationError` like `evaluate`.
   */
  evaluateCompact(employee: Employee): CompactResult;
  /** A whole staff list: detailed per-employee results or errors, and company totals (memory grows with the list). */
  evaluateStaff(employees: readonly Employee[]): StaffResult;
  /**
   * The streaming form: employees in from any iterator (a generator reading a file, a database cursor),
   * one row out per employee (compact result or error), the company totals on the stream. Memory does
   * not depend on the number of employees.
   */
  streamStaff(employees: Iterable<Employee>): StaffStream;
  /** The same from an asynchronous source (a file read in chunks, a network response). */
  streamStaffAsync(employees: AsyncIterable<Employee> | Iterable<Employee>): AsyncStaffStream;
  /**
   * How many compact results each path gave so far: the specialised path, and the general one for the
   * employees it handed over (errors and the rare cases it does not take).
   */
  readonly paths: { specialised: number; general: number };
}

/**
 * Prepares a referential for one company and one year: the plan (every task's tree resolved as far as
 * the company's answers and measures go, situations as vectors of exposures), then the specialised
 * form of it for bulk evaluation. Throws `EvaluationError` on options or company inputs it refuses.
 *
 * @example
 * const evaluator = createEvaluator(referential, { answers: { activite: 'atelier' }, measures: [] }, { year: 2024 });
 * evaluator.evaluate({ id: 'E1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] });
 * for (const row of evaluator.streamStaff(readEmployees())) write(row);
 */
export function createEvaluator(referential: Referential, company: CompanyAnswers, options: EvaluationOptions): Evaluator {
  const setup = createSetup(referential, company, options);
  const specialised = options.specialise === false ? undefined : createSpecialised(setup);
  const scratch: Scratch = { buffer: new Float64Array(96) };
  const paths = { specialised: 0, general: 0 };
  const evaluate = (employee: Employee) => evaluateGeneral(setup, employee, scratch, setup.trace);
  const evaluateCompact = (employee: Employee): CompactResult => {
    const fast = specialised?.evaluate(employee);
    if (fast) {
      paths.specialised++;
      return fast;
    }
    paths.general++;
    const result = evaluateGeneral(setup, employee, scratch, false);
    return compactOf(result, employee.contract.reference);
  };
  return {
    evaluate,
    evaluateCompact,
    evaluateStaff(employees) {
      const results: EmployeeResult[] = [];
      const errors: StaffResult['errors'] = [];
      const totals = new TotalsAccumulator();
      employees.forEach((employee, index) => {
        try {
          const result = evaluate(employee);
          results.push(result);
          totals.addDetailed(result);
        } catch (error) {
          if (!(error instanceof EvaluationError)) throw error;
          errors.push({ index, employee: employee.id, error });
          totals.addError();
        }
      });
      return { results, errors, totals: totals.totals() };
    },
    streamStaff: (employees) => streamStaff(evaluateCompact, employees),
    streamStaffAsync: (employees) => streamStaffAsync(evaluateCompact, employees),
    paths,
  };
}

/** Convenience for a single evaluation (the browser's example employee, scenarios). */
export function evaluate(referential: Referential, company: CompanyAnswers, employee: Employee, options: EvaluationOptions): EmployeeResult {
  return createEvaluator(referential, company, { ...options, specialise: false }).evaluate(employee);
}
