import type { FactorCode, FactorDef, RegulationVersion } from '../regulation/types.ts';
import { declarationChannel, DSN_FACTOR_CODES } from '../regulation/dsn.ts';
import { regulationInForce } from '../regulation/index.ts';
import type { Employee, Verdict } from '../referential/schema.ts';
import { isIsoDate } from '../util/dates.ts';
import type { EvaluationPlan, GridConclusion, PlanJob, PlanTask, SituationVector } from './plan.ts';
import { DOUBLED_BEFORE, EvaluationError, givenValue as given } from './errors.ts';
import { round6 } from '../util/round.ts';
import { computePoints, contractInYear, type ContractWindows } from './points.ts';
import type { AbsenceResult, ArithmeticStep, Contribution, DsnEntry, EmployeeResult, FactorResult, GroupResult, PathStep } from './types.ts';
import { absenceEffect, type AbsenceEffect } from './absence.ts';
import { own } from '../util/own.ts';
import { traceTree } from './tree.ts';
import { MAX_ANNUAL_HOURS, SHARE_TOLERANCE } from '../util/constants.ts';
import { checkEmployeeAnswers, type EvaluationSetup, type Period } from './setup.ts';

/*
 * The general path: one employee evaluated by following the plan task by task, with every figure kept
 * for the detailed result and, when asked, the trace. It is the reference the specialised path
 * (specialised.ts) is proven against, and what explains an employee's result.
 */

interface EmployeeContext {
  /** The first period's plan; every period shares its jobs, tasks, slots and regulation version. */
  plan: EvaluationPlan;
  periods: Period[];
  year: number;
  /** Threshold overrides of the 2023 transition year, by group code. */
  thresholdOverrides: Record<string, number> | undefined;
  windows: ContractWindows;
  /** Factors judged under an earlier version's table than `plan.version` (see `ContractShape`). */
  judged: ReadonlyMap<FactorCode, FactorDef> | undefined;
  /** The version id each judged factor comes from. */
  judgedVersions: ReadonlyMap<FactorCode, string> | undefined;
  /** Recorded long absences in the contract's year (the post's exposure × presence), see absence.ts. */
  absence: AbsenceEffect | undefined;
  trace: boolean;
  /** Scratch reused across employees: three vectors of one value per slot (employee, job, task). */
  scratch: Float64Array;
}

interface Accumulated {
  grid: GridConclusion;
  trace: Contribution[] | undefined;
}

/**
 * Checks the mission profile while adding up the employee's year at 100 % time into `acc`, in the
 * one order of arithmetic both paths follow, so that they give the same figures to the last bit:
 * a task's year is the sum over the parts of the year of part fraction × situation vector; a job's
 * year is the sum over its tasks (in order, skipping 0 % ones) of task share / 100 × task year; the
 * employee's is the sum over the jobs of job share / 100 × job year. The specialised path
 * precomputes the first two (specialised.ts); this one redoes them for every employee and keeps the
 * figures of each task for the trace.
 */
function accumulate(ctx: EmployeeContext, employee: Employee, ratio: number): Accumulated {
  const c = ctx.plan;
  const n = c.slots.length;
  // acc at [0, n), the job's year at [n, 2n), the task's year at [2n, 3n).
  const scratch = ctx.scratch;
  const out: Accumulated = { grid: 'none', trace: ctx.trace ? [] : undefined };
  let memoKey: string | undefined;
  let jobSum = 0;
  const jobs = employee.jobs;
  for (let i = 0; i < jobs.length; i++) {
    const mj = jobs[i]!;
    const job = c.jobs.get(mj.job);
    if (!job) throw new EvaluationError('unknown_job', `jobs[${i}].job`, { job: mj.job });
    for (let k = 0; k < i; k++) if (jobs[k]!.job === mj.job) throw new EvaluationError('duplicate_job', `jobs[${i}].job`, { job: mj.job });
    checkShare(mj.share, `jobs[${i}].share`);
    jobSum += mj.share;
    scratch.fill(0, n, 2 * n);
    const overrides = mj.tasks;
    const count = overrides ? overrides.length : job.tasks.length;
    let taskSum = 0;
    for (let k = 0; k < count; k++) {
      let task: PlanTask;
      let taskShare: number;
      if (overrides) {
        const mt = overrides[k]!;
        const found = job.taskIndex.get(mt.task);
        if (!found) throw new EvaluationError('unknown_task', `jobs[${i}].tasks[${k}].task`, { job: mj.job, task: mt.task });
        for (let x = 0; x < k; x++) if (overrides[x]!.task === mt.task) throw new EvaluationError('duplicate_task', `jobs[${i}].tasks[${k}].task`, { job: mj.job, task: mt.task });
        checkShare(mt.share, `jobs[${i}].tasks[${k}].share`);
        task = found;
        taskShare = mt.share;
      } else {
        task = job.tasks[k]!;
        taskShare = task.defaultShare;
      }
      taskSum += taskShare;
      // A task at 0 %, or in a job at 0 %, is not followed: its tree may ask what nobody answered.
      if (mj.share === 0 || taskShare === 0) continue;
      scratch.fill(0, 2 * n, 3 * n);
      for (let p = 0; p < ctx.periods.length; p++) {
        const period = ctx.periods[p]!;
        // Every period's plan lists the same tasks in the same order; only the resolutions differ.
        const periodTask = p === 0 ? task : period.plan.jobs.get(job.id)!.tasks[task.position]!;
        memoKey ??= periodTask.resolution.kind === 'per_employee' ? answersKey(c.employeeQuestions, employee) : undefined;
        const resolved = resolveTask(period.plan, periodTask, employee, memoKey);
        const values = resolved.vector.values;
        const fraction = period.fraction;
        for (let s = 0; s < n; s++) scratch[2 * n + s]! += fraction * values[s]!;
        const grid = resolved.vector.grid;
        if (grid === 'exposed' || (grid === 'to_analyse' && out.grid === 'none')) out.grid = grid;
        if (out.trace) traceTask(out.trace, c, job, mj.share, task, taskShare, (mj.share / 100) * (taskShare / 100) * fraction, resolved.vector, resolved.path, ratio, ctx.periods.length > 1 ? period : undefined, ctx.absence?.presence ?? 1);
      }
      const w = taskShare / 100;
      for (let s = 0; s < n; s++) scratch[n + s]! += w * scratch[2 * n + s]!;
    }
    if (overrides) {
      if (Math.abs(taskSum - 100) > SHARE_TOLERANCE) throw new EvaluationError('shares_sum', `jobs[${i}].tasks`, { sum: round6(taskSum), job: mj.job });
    } else if (Math.abs(job.defaultSum - 100) > SHARE_TOLERANCE) {
      throw new EvaluationError('default_shares_sum', `jobs[${i}].tasks`, { job: mj.job, sum: round6(job.defaultSum) });
    }
    if (mj.share === 0) continue;
    const w = mj.share / 100;
    for (let s = 0; s < n; s++) scratch[s]! += w * scratch[n + s]!;
  }
  if (Math.abs(jobSum - 100) > SHARE_TOLERANCE) throw new EvaluationError('shares_sum', 'jobs', { sum: round6(jobSum) });
  return out;
}

/** A task's situation for this employee, with the path taken (for the trace), remembered by the employee's answers. */
function resolveTask(plan: EvaluationPlan, task: PlanTask, employee: Employee, memoKey: string | undefined): { vector: SituationVector; path: PathStep[] } {
  const r = task.resolution;
  if (r.kind === 'static') return r;
  if (r.kind === 'error') throw r.error;
  const key = memoKey ?? answersKey(plan.employeeQuestions, employee);
  let found = r.memo.get(key);
  if (!found) {
    const { outcome, path } = traceTree(plan, task.entry, { kind: 'employee', answers: employee.answers ?? {} });
    if (outcome.kind !== 'situation') throw new EvaluationError('referential_invalid', `nodes.${outcome.node}`, { problem: 'unfinished_tree', node: outcome.node });
    // Bounded: the answers of a large staff could otherwise make this grow without limit.
    if (r.memo.size >= 4096) r.memo.clear();
    found = { vector: plan.vectors.get(outcome.situation)!, path };
    r.memo.set(key, found);
  }
  return found;
}


function checkShare(share: number, field: string): void {
  if (!Number.isFinite(share) || share < 0 || share > 100) throw new EvaluationError('invalid_value', field, { value: 'share', given: given(share), min: 0, max: 100 });
}

/** Memo key of a dynamic tree: the employee's answers to every employee-level question. */
function answersKey(questions: readonly string[], employee: Employee): string {
  let key = '';
  for (const q of questions) {
    const v = own(employee.answers, q);
    key += `${typeof v}:${String(v)}\u0001`;
  }
  return key;
}

export function bornBeforeJuly1956(employee: Employee): boolean {
  const birth = employee.birth;
  if (birth === undefined) throw new EvaluationError('birth_missing', 'birth', { doubledBefore: DOUBLED_BEFORE });
  if (typeof birth === 'number') {
    if (birth === 1956) throw new EvaluationError('birth_ambiguous', 'birth', { year: birth, doubledBefore: DOUBLED_BEFORE });
    return birth < 1956;
  }
  return birth < DOUBLED_BEFORE;
}

export function evaluateWith(ctx: EmployeeContext, employee: Employee): EmployeeResult {
  const c = ctx.plan;
  const ratio = employee.annualHours / c.referential.workingYear.annualHours;
  const presence = ctx.absence?.presence ?? 1;
  const acc = ctx.scratch;
  acc.fill(0, 0, c.slots.length);
  const { grid, trace } = accumulate(ctx, employee, ratio);
  const changedByAbsence: FactorCode[] = [];

  const factors: FactorResult[] = [];
  const exposedFactors: FactorCode[] = [];
  const toAnalyse: FactorCode[] = [];
  const noLegalThreshold: FactorCode[] = [];
  const earning: FactorCode[] = [];
  const versionFactors = c.version.factors;
  for (let fi = 0; fi < versionFactors.length; fi++) {
    const own = versionFactors[fi]!;
    const factor = ctx.judged?.get(own.code) ?? own;
    const verdict = factorVerdict(ctx, factor, c.factorSlots[fi]!, acc, ratio * presence, grid);
    // The same factor on the post's usual conditions, to tell what the long absences changed.
    if (presence < 1 && verdict.verdict !== 'exposed' && factorVerdict(ctx, factor, c.factorSlots[fi]!, acc, ratio, grid).verdict === 'exposed') changedByAbsence.push(factor.code);
    if (verdict.verdict === 'exposed') {
      exposedFactors.push(factor.code);
      if (factor.earnsPoints) earning.push(factor.code);
    } else if (verdict.verdict === 'to_analyse') toAnalyse.push(factor.code);
    else if (verdict.verdict === 'no_legal_threshold') noLegalThreshold.push(factor.code);
    const factorResult: FactorResult = {
      factor: factor.code,
      label: factor.label,
      regulation: factor === own ? c.version.id : judgedVersion(ctx, factor.code) ?? c.version.id,
      inForce: factor.inForce,
      legalThreshold: factor.legalThreshold,
      retained: c.retained.has(factor.code),
      earnsPoints: factor.earnsPoints,
      dsnCode: factor.dsnCode,
      verdict: verdict.verdict,
      groups: verdict.groups,
    };
    if (c.particularlyExposed.size > 0) {
      const listed = listedJobs(c, employee, factor.code);
      if (listed) factorResult.particularlyExposedJobs = listed;
    }
    factors.push(factorResult);
  }

  const doubled = earning.length > 0 ? bornBeforeJuly1956(employee) : false;
  const points = computePoints({ windows: ctx.windows, earning, inForceFrom: c.inForceFrom, bornBeforeJuly1956: doubled, withDetail: ctx.trace });
  const dsn: DsnEntry[] = [];
  if (points.eligible) {
    for (const code of earning) {
      const entry: DsnEntry = { factor: code, code: DSN_FACTOR_CODES[code], year: ctx.year };
      if (employee.contract.reference) entry.contract = employee.contract.reference;
      dsn.push(entry);
    }
  }

  const result: EmployeeResult = {
    employee: employee.id,
    year: ctx.year,
    regulation: c.version.id,
    channel: declarationChannel(ctx.year),
    workingTimeRatio: ratio,
    factors,
    exposedFactors,
    toAnalyse,
    noLegalThreshold,
    points,
    dsn,
  };
  if (ctx.absence) result.absence = absenceResult(ctx.absence, changedByAbsence);
  if (employee.temporary) result.temporary = employee.temporary;
  if (trace) result.trace = trace;
  return result;
}

/**
 * The employee's jobs the branch lists as particularly exposed to an ergonomic factor (L4163-2-1): a
 * job with a positive share, and when the listing names activities, with one of those tasks at a
 * positive share (the employee's own task shares, or the referential's defaults).
 */
function listedJobs(c: EvaluationPlan, employee: Employee, factor: FactorCode): string[] | undefined {
  const list = c.particularlyExposed.get(factor);
  if (!list) return undefined;
  let jobs: string[] | undefined;
  for (const mj of employee.jobs) {
    if (!(mj.share > 0)) continue;
    const listing = list.get(mj.job);
    if (!listing) continue;
    const tasks = listing.tasks;
    const worked = tasks === undefined || (mj.tasks ? mj.tasks.some((t) => t.share > 0 && tasks.has(t.task)) : c.jobs.get(mj.job)?.tasks.some((t) => t.defaultShare > 0 && tasks.has(t.id)));
    if (worked) (jobs ??= []).push(mj.job);
  }
  return jobs;
}

export function absenceResult(effect: AbsenceEffect, changed: FactorCode[]): AbsenceResult {
  return { ...effect, changed };
}

/**
 * One factor's verdict and groups. A factor not in force is reported with its figures but is never
 * exposed. A factor with no legal threshold any more (from 2017-10-01: manual handling, postures,
 * vibrations, chemicals) is `no_legal_threshold` when the employee's situations describe an exposure to
 * it, with the former threshold only as an indicative reference. Chemicals follow the conclusion the
 * referential's authors reached on the arrêté grid: `exposed` when a situation the employee works in
 * states it, `to_analyse` only when they say so.
 */
function factorVerdict(ctx: EmployeeContext, factor: FactorDef, slots: readonly number[], acc: Float64Array, ratio: number, grid: GridConclusion): { verdict: Verdict; groups: GroupResult[] } {
  const c = ctx.plan;
  const groups: GroupResult[] = [];
  let verdict: Verdict = 'not_exposed';
  const abrogated = factor.inForce && !factor.legalThreshold;
  for (const s of slots) {
    const group = c.slots[s]!.group;
    if (group.minimum === null) {
      const v: Verdict = !factor.inForce || grid === 'none' ? 'not_exposed' : abrogated ? 'no_legal_threshold' : grid;
      groups.push({ code: group.code, label: group.label, threshold: null, exposure: 0, margin: 0, verdict: v });
      if (v !== 'not_exposed' && verdict !== 'exposed') verdict = v;
      continue;
    }
    const exposure = round6(acc[s]! * ratio);
    if (abrogated) {
      const indicative = { value: group.minimum.value, unit: group.minimum.unit };
      const v: Verdict = exposure > 0 ? 'no_legal_threshold' : 'not_exposed';
      if (v === 'no_legal_threshold') verdict = v;
      groups.push({ code: group.code, label: group.label, threshold: null, indicativeThreshold: indicative, exposure, margin: round6(exposure - indicative.value), verdict: v });
      continue;
    }
    const threshold = ctx.thresholdOverrides?.[group.code] ?? group.minimum.value;
    const groupVerdict: Verdict = factor.inForce && exposure >= threshold ? 'exposed' : 'not_exposed';
    if (groupVerdict === 'exposed') verdict = 'exposed';
    groups.push({ code: group.code, label: group.label, threshold: { value: threshold, unit: group.minimum.unit }, exposure, margin: round6(exposure - threshold), verdict: groupVerdict });
  }
  if (!factor.inForce) verdict = 'not_exposed';
  return { verdict, groups };
}

function judgedVersion(ctx: EmployeeContext, code: FactorCode): string | undefined {
  const def = ctx.judged?.get(code);
  return def ? ctx.judgedVersions?.get(code) : undefined;
}

function traceTask(trace: Contribution[], c: EvaluationPlan, job: PlanJob, jobShare: number, task: PlanTask, taskShare: number, weight: number, vector: SituationVector, path: PathStep[], ratio: number, period: Period | undefined, presence: number) {
  for (const e of vector.entries) {
    const slot = c.slots[e.slot]!;
    const counted = e.met ? e.atFullTime - e.deducted : 0;
    const amount = weight * counted * ratio * presence;
    const unit = slot.group.minimum ? slot.group.minimum.unit : null;
    const stated = e.exposure.duration ?? null;
    const arithmetic: ArithmeticStep[] = e.derived.map((derived) => ({ kind: 'derived', derived }));
    arithmetic.push(stated ? { kind: 'full_time', stated, value: e.atFullTime, unit } : { kind: 'grid' });
    if (!e.met) arithmetic.push({ kind: 'intensity_not_met', factor: slot.factor.code, criterion: e.exposure.criterion });
    else {
      if (e.deducted > 0) arithmetic.push({ kind: 'night_deduction', nights: e.deducted });
      arithmetic.push({ kind: 'share', of: 'job', percent: jobShare }, { kind: 'share', of: 'task', percent: taskShare });
      if (period) arithmetic.push({ kind: 'period', fraction: period.fraction, from: period.from, to: period.to });
      arithmetic.push({ kind: 'working_time', ratio });
      if (presence < 1) arithmetic.push({ kind: 'presence', ratio: presence });
      arithmetic.push({ kind: 'result', value: amount, unit });
    }
    trace.push({
      job: job.id,
      jobLabel: job.label,
      jobShare,
      task: task.id,
      taskLabel: task.label,
      taskShare,
      weight,
      path,
      situation: vector.situation.id,
      situationLabel: vector.situation.label,
      factor: slot.factor.code,
      group: slot.group.code,
      criterion: e.exposure.criterion,
      intensityMet: e.met,
      stated,
      atFullTime: e.atFullTime,
      deducted: e.deducted,
      workingTimeRatio: ratio,
      amount,
      arithmetic,
      ...(period ? { period: { from: period.from, to: period.to, fraction: period.fraction } } : {}),
    });
  }
}

/**
 * The employee's own figures and the shape of what the evaluator reads of them (a list of employees
 * built in code may not have gone through the schema).
 */
export function checkEmployeeBasics(employee: Employee): void {
  if (typeof employee !== 'object' || employee === null) throw new EvaluationError('invalid_value', '', { value: 'employee' });
  if (typeof employee.annualHours !== 'number' || !Number.isFinite(employee.annualHours) || employee.annualHours <= 0 || employee.annualHours > MAX_ANNUAL_HOURS) {
    throw new EvaluationError('invalid_value', 'annualHours', { value: 'annual_hours', given: given(employee.annualHours), max: MAX_ANNUAL_HOURS });
  }
  if (typeof employee.contract !== 'object' || employee.contract === null) throw new EvaluationError('contract_dates', 'contract', { problem: 'shape' });
  const { start, end } = employee.contract;
  if (start !== undefined && (typeof start !== 'string' || !isIsoDate(start))) throw new EvaluationError('contract_dates', 'contract.start', { problem: 'not_a_date', end: 'start', value: String(start) });
  if (end !== undefined && (typeof end !== 'string' || !isIsoDate(end))) throw new EvaluationError('contract_dates', 'contract.end', { problem: 'not_a_date', end: 'end', value: String(end) });
  if (start !== undefined && end !== undefined && end < start) throw new EvaluationError('contract_dates', 'contract.end', { problem: 'end_before_start', start, end });
  if (!Array.isArray(employee.jobs)) throw new EvaluationError('invalid_value', 'jobs', { value: 'jobs' });
  employee.jobs.forEach((mj, i) => {
    if (typeof mj !== 'object' || mj === null) throw new EvaluationError('invalid_value', `jobs[${i}]`, { value: 'job' });
    if (mj.tasks && (!Array.isArray(mj.tasks) || mj.tasks.some((t) => typeof t !== 'object' || t === null))) throw new EvaluationError('invalid_value', `jobs[${i}].tasks`, { value: 'tasks' });
  });
  if (employee.answers !== undefined && (typeof employee.answers !== 'object' || employee.answers === null)) throw new EvaluationError('invalid_value', 'answers', { value: 'answers' });
  if (employee.absences !== undefined && (!Array.isArray(employee.absences) || employee.absences.some((a) => typeof a !== 'object' || a === null))) throw new EvaluationError('absence_dates', 'absences', { problem: 'shape' });
}

/**
 * One employee through the general path: the detailed result (and the trace when asked). Throws `EvaluationError`, attributed to the employee, and nothing else.
 */
/** A buffer reused across employees by one evaluator, grown when a regulation version has more slots. */
export interface Scratch {
  buffer: Float64Array;
}

export function evaluateGeneral(setup: EvaluationSetup, employee: Employee, scratch: Scratch, trace: boolean): EmployeeResult {
  try {
    checkEmployeeBasics(employee);
    checkEmployeeAnswers(setup.questions, employee);
    const contract = contractInYear(setup.year, employee.contract.start, employee.contract.end);
    if (contract === 'outside') {
      throw new EvaluationError('contract_outside_year', 'contract', { ...(employee.contract.start !== undefined ? { start: employee.contract.start } : {}), ...(employee.contract.end !== undefined ? { end: employee.contract.end } : {}), year: setup.year });
    }
    const version: RegulationVersion = setup.forced ?? regulationInForce(contract.end)!;
    const periods = setup.periodsFor(version);
    const plan = periods[0]!.plan;
    const shape = setup.shapeFor(version, contract);
    return evaluateWith(
      {
        plan,
        periods,
        year: setup.year,
        thresholdOverrides: shape.thresholdOverrides,
        windows: shape.windows,
        judged: shape.judged,
        judgedVersions: shape.judgedVersions,
        absence: absenceEffect(employee, contract),
        trace,
        scratch: scratch.buffer.length >= 3 * plan.slots.length ? scratch.buffer : (scratch.buffer = new Float64Array(3 * plan.slots.length)),
      },
      employee,
    );
  } catch (error) {
    if (error instanceof EvaluationError) throw error.employee === undefined ? error.forEmployee(String(employee?.id)) : error;
    throw error;
  }
}
