import {
  actionPlanDraft,
  type ActionPlan,
  compactVerdict,
  createEvaluator,
  declarationChannel,
  decisiveGroupIndex,
  DSN_FACTOR_CODES,
  EvaluationError,
  type EvaluationErrorCode,
  groupMargin,
  type CompactResult,
  mergeStaffTotals,
  type AbsenceResult,
  type CompanyAnswers,
  type DeclarationChannel,
  type Employee,
  type EmployeeResult,
  type FactorCode,
  type FactorResult,
  type GroupResult,
  type Referential,
  type StaffResult,
  type TemporaryWork,
  type ThresholdUnit,
  type Verdict,
} from '../../core/index.ts';
import { columnForField } from '../../io/staff-csv.ts';
import type { DuerMatrix } from './duer.ts';
import { partSharer } from './sharedParts.ts';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';
import { planFromDraft } from '../../present/obligation.ts';
import { nextTask } from '../../io/tasks.ts';

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
  /**
   * No legal threshold (manual handling, postures, vibrations, chemicals from 2017-10-01): the former
   * D4161-2 value, a reference for prevention only (`unit` is its unit, `threshold` stays null).
   */
  indicative?: number;
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
  /** DADS (2015–2016) or DSN (from 2017): where the year's exposures are declared. */
  channel?: DeclarationChannel;
  /** Factors outside the declaration (no legal threshold) the employee's situations expose them to. */
  noLegalThreshold?: FactorCode[];
  /** A temporary worker: the agency declares (left out of the company's declaration and totals). */
  temporary?: TemporaryWork;
  /** Recorded long absences that fall in the year: the actual exposure was re-assessed. */
  absence?: Pick<AbsenceResult, 'contractDays' | 'absentDays' | 'presence' | 'changed'>;
  /** Per factor, the employee's jobs the branch lists as particularly exposed (L4163-2-1). */
  listed?: Partial<Record<FactorCode, string[]>>;
}

export interface EmployeeError {
  /** Position in the staff list. */
  index: number;
  employee: string;
  code: EvaluationErrorCode;
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
  /** Whole-staff counts the screens show, computed with the evaluation (see evaluationDigest). */
  digest?: EvaluationDigest;
}

/**
 * Counts over every employee's summary that the screens show beside the totals. Computed where the
 * evaluation is (the worker, for a large staff) and sent with it: a pass over 100 000 summaries in a
 * panel's render is a task the page cannot split.
 */
export interface EvaluationDigest {
  /** Every factor some employee has to analyse. */
  toAnalyse: FactorCode[];
  /** Employees with a recorded long absence in the year. */
  absences: number;
  /** Temporary workers (declared by their agency). */
  temporaries: number;
  /** Employees the company itself declares (temporary workers apart): the obligation's numerator. */
  declaredEmployees: number;
  /** Factor lines of the company's declaration (temporary workers apart). */
  declaredLines: number;
}

export function evaluationDigest(summaries: readonly EmployeeSummary[]): EvaluationDigest {
  const toAnalyse = new Set<FactorCode>();
  let absences = 0;
  let temporaries = 0;
  let declaredEmployees = 0;
  let declaredLines = 0;
  for (const s of summaries) {
    for (const f of s.toAnalyse) toAnalyse.add(f);
    if (s.absence) absences++;
    if (s.temporary) temporaries++;
    else {
      if (s.dsn.length > 0) declaredEmployees++;
      declaredLines += s.declared.length;
    }
  }
  return { toAnalyse: [...toAnalyse], absences, temporaries, declaredEmployees, declaredLines };
}

const digests = new WeakMap<CompanyEvaluation, EvaluationDigest>();

/** The evaluation's digest: the one it came with, or computed once (an evaluation stored by an older app, a what-if). */
export function digestOf(evaluation: CompanyEvaluation): EvaluationDigest {
  if (evaluation.digest) return evaluation.digest;
  let digest = digests.get(evaluation);
  if (!digest) {
    digest = evaluationDigest(evaluation.summaries);
    digests.set(evaluation, digest);
  }
  return digest;
}

/**
 * The threshold group that decides a factor's verdict: the exposed group furthest beyond its threshold,
 * otherwise the one closest to it — the same choice as the CLI's table and CSV (src/cli/report.ts).
 */
export function decisiveGroup(f: FactorResult): GroupResult | undefined {
  const ratio = (g: GroupResult) => {
    const reference = g.threshold ?? g.indicativeThreshold;
    return reference && reference.value > 0 ? g.exposure / reference.value : g.verdict === 'to_analyse' ? 0 : -1;
  };
  const pool = f.groups.some((g) => g.verdict === f.verdict) ? f.groups.filter((g) => g.verdict === f.verdict) : f.groups;
  return pool.reduce<GroupResult | undefined>((best, g) => (best === undefined || ratio(g) > ratio(best) ? g : best), undefined);
}

export function summarize(r: EmployeeResult): EmployeeSummary {
  const listed = r.factors.filter((f) => f.particularlyExposedJobs && f.particularlyExposedJobs.length > 0);
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
        unit: g?.threshold?.unit ?? g?.indicativeThreshold?.unit ?? null,
        margin: g?.threshold ? g.margin : null,
        ...(g && !g.threshold && g.indicativeThreshold ? { indicative: g.indicativeThreshold.value } : {}),
      };
    }),
    exposed: [...r.exposedFactors],
    toAnalyse: [...r.toAnalyse],
    declared: r.dsn.map((d) => d.factor),
    dsn: r.dsn.map((d) => d.code),
    points: r.points.total,
    channel: r.channel,
    ...(r.noLegalThreshold.length > 0 ? { noLegalThreshold: [...r.noLegalThreshold] } : {}),
    ...(r.temporary ? { temporary: { ...r.temporary } } : {}),
    ...(r.absence ? { absence: { contractDays: r.absence.contractDays, absentDays: r.absence.absentDays, presence: r.absence.presence, changed: [...r.absence.changed] } } : {}),
    ...(listed.length > 0 ? { listed: Object.fromEntries(listed.map((f) => [f.factor, [...f.particularlyExposedJobs!]])) } : {}),
  };
}

/**
 * The same summary from a compact result (the bulk path): `summarize` of the detailed result and this
 * give equal summaries (test/company-compact-summary.test.ts).
 */
export function summarizeCompact(r: CompactResult): EmployeeSummary {
  const { layout } = r;
  const listed = (bits: number) => layout.factors.filter((f) => bits & f.bit).map((f) => f.factor);
  const declared = listed(r.declared);
  return {
    employee: r.employee,
    regulation: r.regulation,
    workingTimeRatio: r.workingTimeRatio,
    factors: layout.factors.map((f) => {
      const g = decisiveGroupIndex(r, f);
      const group = g === undefined ? undefined : layout.groups[g]!;
      const margin = g === undefined ? null : groupMargin(r, g);
      return {
        factor: f.factor,
        verdict: compactVerdict(r, f),
        inForce: f.inForce,
        earnsPoints: f.earnsPoints,
        group: group?.code ?? null,
        exposure: g === undefined ? 0 : r.exposures[g]!,
        threshold: group?.threshold ?? null,
        unit: group?.unit ?? null,
        margin,
        ...(group && group.threshold === null && group.indicativeThreshold !== null ? { indicative: group.indicativeThreshold } : {}),
      };
    }),
    exposed: listed(r.exposed),
    toAnalyse: listed(r.toAnalyse),
    declared,
    dsn: declared.map((f) => DSN_FACTOR_CODES[f]),
    points: r.points,
    channel: declarationChannel(r.year),
    ...(r.noLegalThreshold !== 0 ? { noLegalThreshold: listed(r.noLegalThreshold) } : {}),
    ...(r.temporary ? { temporary: { ...r.temporary } } : {}),
    ...(r.absence ? { absence: { contractDays: r.absence.contractDays, absentDays: r.absence.absentDays, presence: r.absence.presence, changed: [...r.absence.changed] } } : {}),
  };
}

/**
 * The summary of one streamed row. The compact result does not carry the branch's L4163-2-1 listing,
 * which depends on the jobs worked: an employee in a listed job is summarised from the detailed result
 * (the two paths agree; test/company-compact-summary.test.ts), the others from the compact one.
 */
export function rowSummary(evaluator: ReturnType<typeof createEvaluator>, listedJobs: ReadonlySet<string>, employee: Employee, result: CompactResult): EmployeeSummary {
  if (listedJobs.size > 0 && employee.jobs.some((j) => j.share > 0 && listedJobs.has(j.job))) return summarize(evaluator.evaluate(employee));
  return summarizeCompact(result);
}

export const listedJobsOf = (referential: Referential): ReadonlySet<string> => new Set((referential.particularlyExposed?.entries ?? []).map((e) => e.job));

function errorOf(index: number, employee: Employee, error: EvaluationError, inputs: CompanyInputs): EmployeeError {
  let column = columnForField(error.field);
  const companyQuestion = column.startsWith('q:') && inputs.referential.questions.some((q) => q.scope === 'company' && `q:${q.id}` === column);
  if (companyQuestion) column = '';
  const end = employee.contract.end;
  if (error.code === 'contract_outside_year' && end !== undefined && end < `${inputs.year}-01-01`) column = 'contract_end';
  return { index, employee: employee.id, code: error.code, field: error.field, column, message: evaluationErrorDetail(error, inputs.referential) };
}

/** Totals of several slices of one staff list, as evaluateStaff gives them for the whole list (temporary workers apart). */
export function mergeTotals(parts: ReadonlyArray<StaffResult['totals']>): StaffResult['totals'] {
  return mergeStaffTotals(parts);
}

export interface EvaluateOptions {
  /** Employees per slice; the main thread is given back between slices. */
  sliceSize?: number;
  /** Waits between slices (a macrotask by default). */
  pause?: () => Promise<void>;
  /** Stops early (the user moved on): the promise then rejects with an AbortError. */
  signal?: AbortSignal;
}


/**
 * Evaluates the whole staff in slices, giving the main thread back between them so that the page
 * stays responsive on 5 000 employees. Throws an EvaluationError when the company's own inputs are
 * refused (an unknown measure): no employee can be evaluated then.
 */
export async function evaluateCompany(inputs: CompanyInputs, employees: readonly Employee[], options: EvaluateOptions = {}): Promise<CompanyEvaluation> {
  const evaluator = createEvaluator(inputs.referential, inputs.company, { year: inputs.year, ...(inputs.regulation ? { regulation: inputs.regulation } : {}) });
  const size = options.sliceSize ?? 1000;
  const pause = options.pause ?? nextTask;
  const summaries: EmployeeSummary[] = [];
  const errors: EmployeeError[] = [];
  const listed = listedJobsOf(inputs.referential);
  const stream = evaluator.streamStaff(employees);
  for (const row of stream) {
    if (row.index % size === 0) {
      if (row.index > 0) await pause();
      if (options.signal?.aborted) throw new DOMException('évaluation interrompue', 'AbortError');
    }
    if (row.result) summaries.push(rowSummary(evaluator, listed, row.employee, row.result));
    else errors.push(errorOf(row.index, row.employee, row.error, inputs));
  }
  return { year: inputs.year, ...(inputs.regulation ? { regulation: inputs.regulation } : {}), summaries, errors, totals: stream.totals };
}

/** The same in one go (the evaluation worker, Node: the bench, the tests), through the specialised path's stream. */
export function evaluateCompanySync(inputs: CompanyInputs, employees: readonly Employee[]): CompanyEvaluation {
  const evaluator = createEvaluator(inputs.referential, inputs.company, { year: inputs.year, ...(inputs.regulation ? { regulation: inputs.regulation } : {}) });
  const summaries: EmployeeSummary[] = [];
  const errors: EmployeeError[] = [];
  const listed = listedJobsOf(inputs.referential);
  const stream = evaluator.streamStaff(employees);
  for (const row of stream) {
    if (row.result) summaries.push(rowSummary(evaluator, listed, row.employee, row.result));
    else errors.push(errorOf(row.index, row.employee, row.error, inputs));
  }
  return { year: inputs.year, ...(inputs.regulation ? { regulation: inputs.regulation } : {}), summaries, errors, totals: stream.totals };
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
  // The digest and the DUER matrix travel with a fresh evaluation but are not stored: both are computed
  // again from the summaries when needed (the company file's format has neither).
  const { digest: _digest, duer: _duer, ...stored } = e;
  return { ...stored, summaries: e.summaries.map((s) => ({ ...s, factors: s.factors.filter((f) => f.verdict !== 'not_exposed' || f.exposure !== 0) })) };
}

/** The plan's own inputs: the referential and year of the results it is drafted from, its start date. */
export interface PlanDraftOptions {
  referential: Referential;
  year: number;
  start: string;
}

/**
 * The draft agreement or action plan of the year (the core's actionPlanDraft, worded by planFromDraft). Its diagnosis needs the
 * full results (jobs, factors outside the declaration), so the staff is evaluated again, with the same
 * core evaluator — in the worker, where 100 000 employees never hold the page.
 */
export function draftPlan(inputs: CompanyInputs, employees: readonly Employee[], draft: PlanDraftOptions): ActionPlan {
  const staff = createEvaluator(inputs.referential, inputs.company, { year: inputs.year }).evaluateStaff(employees);
  return planFromDraft(actionPlanDraft({ referential: draft.referential, staff, employees, year: draft.year, start: draft.start }));
}

/** The fields whose values repeat from summary to summary (a packed chunk writes each once, packedList.ts). */
export const SUMMARY_PARTS: ReadonlyArray<keyof EmployeeSummary> = ['regulation', 'factors', 'exposed', 'toAnalyse', 'declared', 'dsn', 'channel', 'noLegalThreshold', 'temporary', 'absence', 'listed'];

/**
 * The summaries with every repeated part shared by reference (sharedParts.ts): a factor's figures, a
 * list of codes, an absence, the factor list as a whole. Employees of the same job and hours have equal
 * parts, so 100 000 summaries cost a few objects each instead of some thirty. Equal in value to the input.
 */
export function shareEqualParts(summaries: readonly EmployeeSummary[]): EmployeeSummary[] {
  const share = partSharer();
  return summaries.map((s) => {
    const shared: EmployeeSummary = {
      ...s,
      factors: share(
        'factors',
        s.factors.map((f) => share('factor', f)),
      ),
      exposed: share('codes', s.exposed),
      toAnalyse: share('codes', s.toAnalyse),
      declared: share('codes', s.declared),
      dsn: share('codes', s.dsn),
    };
    if (s.noLegalThreshold) shared.noLegalThreshold = share('codes', s.noLegalThreshold);
    if (s.temporary) shared.temporary = share('temporary', s.temporary);
    if (s.absence) shared.absence = share('absence', s.absence);
    if (s.listed) shared.listed = share('listed', s.listed);
    return shared;
  });
}

/** A stored evaluation read back (our own JSON, checked loosely: a record from an older app is ignored). */
export function readStoredEvaluation(results: unknown): CompanyEvaluation | undefined {
  if (typeof results !== 'object' || results === null) return undefined;
  const r = results as Partial<CompanyEvaluation>;
  if (typeof r.year !== 'number' || !Array.isArray(r.summaries) || !Array.isArray(r.errors) || typeof r.totals !== 'object' || r.totals === null) return undefined;
  return r as CompanyEvaluation;
}
