import type { FactorCode, Quantity } from '../regulation/types.ts';
import type { AnswerExpectation } from '../referential/references.ts';

/*
 * The evaluator's typed errors. Every one names the employee (when there is one) and the field at fault
 * (a JSON path inside the employee or the company input), and carries its code and parameters: ids,
 * figures as numbers, dates as ISO strings — never a sentence. The French message is written by the
 * presentation layer (`src/present/evaluation-errors.ts`), with the one number formatter and the labels
 * of the referential's elements, for the app, the command line and the exports alike.
 */

/** An answer as given, which may not be of the type the question expects. */
export type GivenValue = string | number | boolean | null;

/** A value as found in the input, kept as is when it is a JSON scalar (`undefined` is `null`). */
export function givenValue(x: unknown): GivenValue {
  if (x === undefined || x === null) return null;
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  return String(x);
}

/** A dates problem of a contract (`start`/`end`) or a long absence (`from`/`to`). */
export type DatesProblem =
  /** Not an object (contract) or not a list of objects (absences). */
  | { problem: 'shape' }
  /** A date that is not `YYYY-MM-DD`. */
  | { problem: 'not_a_date'; end: 'start' | 'end'; value: string }
  /** The end before the start. */
  | { problem: 'end_before_start'; start: string; end: string };

/** Why a situation's exposure cannot be placed on a regulation version's thresholds. */
export type UnplacedParams =
  | { reason: 'criterion'; factor: FactorCode; criterion: string }
  | { reason: 'unit'; factor: FactorCode; unit: string }
  | { reason: 'intensity'; factor: FactorCode; criterion: string; version: string; quantities: readonly Quantity[] };

/** A referential that skipped the loader and is not what the evaluator reads. */
export type ReferentialProblem =
  /** A part of the wrong shape (`shape.ts`): what was expected there. */
  | { problem: 'shape'; expected: 'object' | 'list' | 'text' | 'number' | 'positive_number' | { oneOf: readonly string[] } }
  /** A tree that ends on a node without reaching a situation. */
  | { problem: 'unfinished_tree'; node: string }
  /** A tree that loops. */
  | { problem: 'loop'; node: string }
  /** An id a tree leads to that names neither a node nor a situation. */
  | { problem: 'dangling'; node: string }
  /** A node asking a question the referential does not list. */
  | { problem: 'unknown_question'; node: string; question: string }
  /** A situation the regulation version cannot evaluate. */
  | ({ problem: 'unplaced'; situation: string } & UnplacedParams);

/**
 * Every code with its parameters. The codes are stable for programs (the command line's JSON output,
 * the stored evaluations); a code missing here does not compile at an emit site, and the presentation
 * layer's catalogue must word each one (`satisfies` there).
 */
export interface EvaluationErrorParams {
  /** `job` is not a job of the referential. */
  unknown_job: { job: string };
  /** `task` is not a task of the referential's `job`. */
  unknown_task: { job: string; task: string };
  duplicate_job: { job: string };
  duplicate_task: { job: string; task: string };
  /** The employee's shares (of the jobs, or of `job`'s tasks when given) add up to `sum` % instead of 100. */
  shares_sum: { sum: number; job?: string };
  /** The referential's default task shares of `job` add up to `sum` %: the employee must state them. */
  default_shares_sum: { job: string; sum: number };
  /** A value of the employee of the wrong type or out of range. */
  invalid_value:
    | { value: 'share'; given: GivenValue; min: number; max: number }
    | { value: 'annual_hours'; given: GivenValue; max: number }
    | { value: 'employee' | 'jobs' | 'job' | 'tasks' | 'answers' };
  /** No answer to `question` (`scope`: the company's or the employee's). */
  answer_missing: { question: string; scope: 'company' | 'employee' };
  answer_invalid: { question: string; given: GivenValue; expected: AnswerExpectation };
  /** No branch of `node` takes `answer` to `question`. */
  no_branch: { question: string; answer: GivenValue; node: string };
  /** `question` is not in the referential; with `scope`, it is, but answered at that other level. */
  unknown_question: { question: string; scope?: 'company' | 'employee' };
  unknown_measure: { measure: string };
  contract_dates: DatesProblem;
  /** The contract (`start` → `end`, either open) has no day in `year`. */
  contract_outside_year: { start?: string; end?: string; year: number };
  absence_dates: DatesProblem;
  /** Points double for a birth before `doubledBefore`: the birth is needed. */
  birth_missing: { doubledBefore: string };
  /** Born in `year`, the year of `doubledBefore`: the full date is needed. */
  birth_ambiguous: { year: number; doubledBefore: string };
  /** No threshold exists before `first`. */
  year_unsupported: { year: number; first: number };
  regulation_unknown: { regulation: string };
  referential_invalid: ReferentialProblem;
}

export type EvaluationErrorCode = keyof EvaluationErrorParams;

/** Points double for insured persons born before 1 July 1956 (article R4162-3 of the code du travail). */
export const DOUBLED_BEFORE = '1956-07-01';

export class EvaluationError<C extends EvaluationErrorCode = EvaluationErrorCode> extends Error {
  override readonly name = 'EvaluationError';
  constructor(
    readonly code: C,
    /** JSON-path-like location inside the employee (`jobs[1].share`) or the company input (`answers.x`). */
    readonly field: string,
    readonly params: EvaluationErrorParams[C],
    readonly employee?: string,
  ) {
    // For programmers only (logs, stack traces); people read `evaluationErrorMessage` (src/present).
    super(`${code} at ${field || '(employee)'}${employee === undefined ? '' : ` (employee ${employee})`}`);
  }

  /** Same error attributed to an employee, for errors raised below the employee level. */
  forEmployee(employee: string): EvaluationError<C> {
    return new EvaluationError(this.code, this.field, this.params, employee);
  }
}
