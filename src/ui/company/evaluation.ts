import {
  createEvaluator,
  EvaluationError,
  FACTOR_CODES,
  type CompanyAnswers,
  type Employee,
  type EmployeeResult,
  type FactorCode,
  type FactorResult,
  type GroupResult,
  type Referential,
  type StaffResult,
  type ThresholdUnit,
  type Verdict,
} from '../../core/index.ts';
import { columnForField } from '../../io/staff-csv.ts';
import type { DuerMatrix } from './duer.ts';

/*
 * A company's staff evaluated with the shared evaluator, kept in a compact form: the full results of
 * 5 000 employees weigh tens of megabytes, while the screens need, per employee and factor, the verdict
 * and the figures of the deciding threshold group. An explanation is computed again, with its trace,
 * for the one employee the user opens.
 */

/** What the evaluator needs beside the employees. */
export interface CompanyInputs {
  referential: Referential;
  company: CompanyAnswers;
  year: number;
  /** A regulation version forced for a what-if; by default the version in force. */
  regulation?: string;
}

export interface FactorSummary {
  factor: FactorCode;
  verdict: Verdict;
  inForce: boolean;
  earnsPoints: boolean;
  /** The threshold group that decides the verdict (the CLI's choice, see decisiveGroup). */
  group: string | null;
  exposure: number;
  threshold: number | null;
  unit: ThresholdUnit | null;
  margin: number | null;
}

export interface EmployeeSummary {
  employee: string;
  regulation: string;
  workingTimeRatio: number;
  factors: FactorSummary[];
  exposed: FactorCode[];
  toAnalyse: FactorCode[];
  /** Factors declared in the DSN (exposed, earning points, eligible contract). */
  declared: FactorCode[];
  dsn: string[];
  points: number;
}

export interface EmployeeError {
  /** Position in the staff list. */
  index: number;
  employee: string;
  code: string;
  field: string;
  /** The staff-file column of the field ('' when none). */
  column: string;
  message: string;
}

export interface CompanyEvaluation {
  year: number;
  regulation?: string;
  summaries: EmployeeSummary[];
  errors: EmployeeError[];
  totals: StaffResult['totals'];
  /** The DUER matrix, when the evaluation worker computed it with the rest (never on the page). */
  duer?: DuerMatrix;
}

/**
 * The threshold group that decides a factor's verdict: the exposed group furthest beyond its threshold,
 * otherwise the one closest to it — the same choice as the CLI's table and CSV (src/cli/report.ts).
 */
export function decisiveGroup(f: FactorResult): GroupResult | undefined {
  const ratio = (g: GroupResult) => (g.threshold && g.threshold.value > 0 ? g.exposure / g.threshold.value : g.verdict === 'to_analyse' ? 0 : -1);
  const pool = f.groups.some((g) => g.verdict === f.verdict) ? f.groups.filter((g) => g.verdict === f.verdict) : f.groups;
  return pool.reduce<GroupResult | undefined>((best, g) => (best === undefined || ratio(g) > ratio(best) ? g : best), undefined);
}

export function summarize(r: EmployeeResult): EmployeeSummary {
  return {
    employee: r.employee,
    regulation: r.regulation,
    workingTimeRatio: r.workingTimeRatio,
    factors: r.factors.map((f) => {
      const g = decisiveGroup(f);
      return {
        factor: f.factor,
        verdict: f.verdict,
        inForce: f.inForce,
        earnsPoints: f.earnsPoints,
        group: g?.code ?? null,
        exposure: g?.exposure ?? 0,
        threshold: g?.threshold?.value ?? null,
        unit: g?.threshold?.unit ?? null,
        margin: g?.threshold ? g.margin : null,
      };
    }),
    exposed: [...r.exposedFactors],
    toAnalyse: [...r.toAnalyse],
    declared: r.dsn.map((d) => d.factor),
    dsn: r.dsn.map((d) => d.code),
    points: r.points.total,
  };
}

function errorOf(index: number, employee: Employee, error: EvaluationError, inputs: CompanyInputs): EmployeeError {
  let column = columnForField(error.field);
  const companyQuestion = column.startsWith('q:') && inputs.referential.questions.some((q) => q.scope === 'company' && `q:${q.id}` === column);
  if (companyQuestion) column = '';
  const end = employee.contract.end;
  if (error.code === 'contract_outside_year' && end !== undefined && end < `${inputs.year}-01-01`) column = 'contract_end';
  return { index, employee: employee.id, code: error.code, field: error.field, column, message: error.detail };
}

/** Totals of several slices of one staff list, as evaluateStaff gives them for the whole list. */
export function mergeTotals(parts: ReadonlyArray<StaffResult['totals']>): StaffResult['totals'] {
  const sum = (pick: (t: StaffResult['totals']) => number) => parts.reduce((n, t) => n + pick(t), 0);
  const employees = sum((t) => t.employees);
  const evaluated = sum((t) => t.evaluated);
  const share = (n: number) => (evaluated === 0 ? 0 : n / evaluated);
  const exposedAny = sum((t) => t.exposedAny);
  const exposedDeclared = sum((t) => t.exposedDeclared);
  return {
    employees,
    evaluated,
    exposedAny,
    exposedAnyShare: share(exposedAny),
    exposedDeclared,
    exposedDeclaredShare: share(exposedDeclared),
    byFactor: FACTOR_CODES.map((factor) => {
      const exposed = parts.reduce((n, t) => n + (t.byFactor.find((f) => f.factor === factor)?.exposed ?? 0), 0);
      return { factor, exposed, share: share(exposed) };
    }),
    points: sum((t) => t.points),
  };
}

export interface EvaluateOptions {
  /** Employees per slice; the main thread is given back between slices. */
  sliceSize?: number;
  /** Waits between slices (a macrotask by default). */
  pause?: () => Promise<void>;
  /** Stops early (the user moved on): the promise then rejects with an AbortError. */
  signal?: AbortSignal;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Evaluates the whole staff in slices, giving the main thread back between them so that the page
 * stays responsive on 5 000 employees. Throws an EvaluationError when the company's own inputs are
 * refused (an unknown measure): no employee can be evaluated then.
 */
export async function evaluateCompany(inputs: CompanyInputs, employees: readonly Employee[], options: EvaluateOptions = {}): Promise<CompanyEvaluation> {
  const evaluator = createEvaluator(inputs.referential, inputs.company, { year: inputs.year, ...(inputs.regulation ? { regulation: inputs.regulation } : {}) });
  const size = options.sliceSize ?? 1000;
  const pause = options.pause ?? macrotask;
  const summaries: EmployeeSummary[] = [];
  const errors: EmployeeError[] = [];
  const totals: Array<StaffResult['totals']> = [];
  for (let start = 0; start < employees.length; start += size) {
    if (start > 0) await pause();
    if (options.signal?.aborted) throw new DOMException('évaluation interrompue', 'AbortError');
    const slice = employees.slice(start, start + size);
    const result = evaluator.evaluateStaff(slice);
    for (const r of result.results) summaries.push(summarize(r));
    for (const e of result.errors) errors.push(errorOf(start + e.index, slice[e.index]!, e.error, inputs));
    totals.push(result.totals);
  }
  return { year: inputs.year, ...(inputs.regulation ? { regulation: inputs.regulation } : {}), summaries, errors, totals: mergeTotals(totals) };
}

/** The same in one go (Node: the bench, the tests). */
export function evaluateCompanySync(inputs: CompanyInputs, employees: readonly Employee[]): CompanyEvaluation {
  const evaluator = createEvaluator(inputs.referential, inputs.company, { year: inputs.year, ...(inputs.regulation ? { regulation: inputs.regulation } : {}) });
  const result = evaluator.evaluateStaff(employees);
  return {
    year: inputs.year,
    ...(inputs.regulation ? { regulation: inputs.regulation } : {}),
    summaries: result.results.map(summarize),
    errors: result.errors.map((e) => errorOf(e.index, employees[e.index]!, e.error, inputs)),
    totals: result.totals,
  };
}

/** One employee with the full explanation (trace), for the panel the user opens. */
export function explainEmployee(inputs: CompanyInputs, employee: Employee): { ok: true; result: EmployeeResult } | { ok: false; error: EvaluationError } {
  try {
    const evaluator = createEvaluator(inputs.referential, inputs.company, { year: inputs.year, trace: true, ...(inputs.regulation ? { regulation: inputs.regulation } : {}) });
    return { ok: true, result: evaluator.evaluate(employee) };
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, error };
    throw error;
  }
}

/**
 * The evaluation as stored: a factor neither exposed, to analyse nor with any exposure is left out of
 * each employee's list (it reads back as not exposed, 0), which keeps the record of 5 000 employees
 * small enough to be written without holding the page.
 */
export function compactEvaluation(e: CompanyEvaluation): CompanyEvaluation {
  return { ...e, summaries: e.summaries.map((s) => ({ ...s, factors: s.factors.filter((f) => f.verdict !== 'not_exposed' || f.exposure !== 0) })) };
}

/** A stored evaluation read back (our own JSON, checked loosely: a record from an older app is ignored). */
export function readStoredEvaluation(results: unknown): CompanyEvaluation | undefined {
  if (typeof results !== 'object' || results === null) return undefined;
  const r = results as Partial<CompanyEvaluation>;
  if (typeof r.year !== 'number' || !Array.isArray(r.summaries) || !Array.isArray(r.errors) || typeof r.totals !== 'object' || r.totals === null) return undefined;
  return r as CompanyEvaluation;
}
