/**
 * The evaluator's typed errors. Every one names the employee (when there is one) and the field at
 * fault, and carries a French message for users; the code is stable for programs and tests.
 */
export type EvaluationErrorCode =
  | 'unknown_job'
  | 'unknown_task'
  | 'duplicate_job'
  | 'duplicate_task'
  | 'shares_sum'
  | 'default_shares_sum'
  | 'invalid_value'
  | 'answer_missing'
  | 'answer_invalid'
  | 'no_branch'
  | 'unknown_question'
  | 'unknown_measure'
  | 'contract_dates'
  | 'contract_outside_year'
  | 'absence_dates'
  | 'birth_missing'
  | 'birth_ambiguous'
  | 'year_unsupported'
  | 'regulation_unknown'
  | 'referential_invalid';

export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
  constructor(
    readonly code: EvaluationErrorCode,
    /** JSON-path-like location inside the employee (`jobs[1].share`) or the company input (`answers.x`). */
    readonly field: string,
    /** The French explanation alone, without employee and field. */
    readonly detail: string,
    readonly employee?: string,
  ) {
    super(employee === undefined ? `${field} : ${detail}` : `Salarié ${employee}, ${field} : ${detail}`);
  }

  /** Same error attributed to an employee, for errors raised below the employee level. */
  forEmployee(employee: string): EvaluationError {
    return new EvaluationError(this.code, this.field, this.detail, employee);
  }
}
