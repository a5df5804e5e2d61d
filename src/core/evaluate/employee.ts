import type { FactorCode, FactorDef } from '../regulation/types.ts';
import { declarationChannel } from '../regulation/dsn.ts';
import type { Employee, Verdict } from '../referential/schema.ts';
import { UNIT_LABELS } from '../referential/units.ts';
import { isIsoDate } from '../util/dates.ts';
import { walk, type Compiled, type CompiledJob, type CompiledTask, type GridConclusion, type SituationVector } from './compile.ts';
import { EvaluationError } from './errors.ts';
import { round6, traceNumber } from '../util/round.ts';
import { computePoints, type PeriodPlan } from './points.ts';
import { DSN_FACTOR_CODES } from '../regulation/dsn.ts';
import type { AbsenceResult, Contribution, DsnEntry, EmployeeResult, FactorResult, GroupResult, PathStep } from './types.ts';
import { ABSENCE_REASON_LABELS, type AbsenceEffect } from './absence.ts';
import { own } from '../util/own.ts';

/** Tolerance on shares summing to 100 %, for spreadsheet figures such as 33.33 + 33.33 + 33.34. */
const SHARE_TOLERANCE = 0.01;


/**
 * A part of the year with one set of prevention measures in place. A measure put in place during the
 * year (its `since` date) splits the year: exposure is averaged over the calendar year (D4163-3), so
 * each part counts for its share of the year's days.
 */
export interface Period {
  compiled: Compiled;
  fraction: number;
  from: string;
  to: string;
}

export interface EmployeeContext {
  /** The first period's form; every period shares its jobs, tasks, slots and regulation version. */
  compiled: Compiled;
  periods: Period[];
  year: number;
  /** Threshold overrides of the 2023 transition year, by group code. */
  thresholdOverrides: Record<string, number> | undefined;
  plan: PeriodPlan;
  /**
   * Factors judged under an earlier version's table than `compiled.version`: the four removed on
   * 2017-10-01 for a 2017 contract with days before that date (ordonnance 2017-1389 art. 5 IV, rule
   * `removedFactors2017`). Their groups are the same in both versions, so the slots still apply.
   */
  judged: ReadonlyMap<FactorCode, FactorDef> | undefined;
  /** The version id each judged factor comes from. */
  judgedVersions?: ReadonlyMap<FactorCode, string>;
  /** Recorded long absences in the contract's year (the post's exposure × presence), see absence.ts. */
  absence: AbsenceEffect | undefined;
  trace: boolean;
  /** Scratch accumulator reused across employees (one per slot). */
  scratch: Float64Array;
}

interface Accumulated {
  grid: GridConclusion;
  trace: Contribution[] | undefined;
}

/**
 * Checks the mission profile while adding every task's 100 %-time vector, weighted by the job share
 * times the task share, into `acc`. Plain loops and no allocation per task: this is the hot path of
 * bulk evaluation.
 */
function accumulate(ctx: EmployeeContext, employee: Employee, acc: Float64Array, ratio: number): Accumulated {
  const c = ctx.compiled;
  const out: Accumulated = { grid: 'none', trace: ctx.trace ? [] : undefined };
  let memoKey: string | undefined;
  let jobSum = 0;
  const jobs = employee.jobs;
  for (let i = 0; i < jobs.length; i++) {
    const mj = jobs[i]!;
    const job = c.jobs.get(mj.job);
    if (!job) throw new EvaluationError('unknown_job', `jobs[${i}].job`, `poste inconnu « ${mj.job} » dans ce référentiel`);
    for (let k = 0; k < i; k++) if (jobs[k]!.job === mj.job) throw new EvaluationError('duplicate_job', `jobs[${i}].job`, `poste « ${mj.job} » cité deux fois`);
    checkShare(mj.share, `jobs[${i}].share`);
    jobSum += mj.share;
    const overrides = mj.tasks;
    const count = overrides ? overrides.length : job.tasks.length;
    let taskSum = 0;
    for (let k = 0; k < count; k++) {
      let task: CompiledTask;
      let taskShare: number;
      if (overrides) {
        const mt = overrides[k]!;
        const found = job.taskIndex.get(mt.task);
        if (!found) throw new EvaluationError('unknown_task', `jobs[${i}].tasks[${k}].task`, `tâche « ${mt.task} » inconnue pour le poste « ${job.label} »`);
        for (let x = 0; x < k; x++) if (overrides[x]!.task === mt.task) throw new EvaluationError('duplicate_task', `jobs[${i}].tasks[${k}].task`, `tâche « ${mt.task} » citée deux fois`);
        checkShare(mt.share, `jobs[${i}].tasks[${k}].share`);
        task = found;
        taskShare = mt.share;
      } else {
        task = job.tasks[k]!;
        taskShare = task.defaultShare;
      }
      taskSum += taskShare;
      const weight = (mj.share / 100) * (taskShare / 100);
      if (weight === 0) continue;
      for (let p = 0; p < ctx.periods.length; p++) {
        const period = ctx.periods[p]!;
        // Every period's form lists the same tasks in the same order; only the resolutions differ.
        const periodTask = p === 0 ? task : period.compiled.jobs.get(job.id)!.tasks[task.position]!;
        memoKey ??= periodTask.resolution.kind === 'dynamic' ? answersKey(c.employeeQuestions, employee) : undefined;
        const resolved = resolveTask(period.compiled, periodTask, employee, memoKey);
        const w = weight * period.fraction;
        const values = resolved.vector.values;
        for (let s = 0; s < values.length; s++) acc[s]! += w * values[s]!;
        const grid = resolved.vector.grid;
        if (grid === 'exposed' || (grid === 'to_analyse' && out.grid === 'none')) out.grid = grid;
        if (out.trace) traceTask(out.trace, c, job, mj.share, task, taskShare, w, resolved.vector, resolved.path, ratio, ctx.periods.length > 1 ? period : undefined, ctx.absence?.presence ?? 1);
      }
    }
    if (overrides) {
      if (Math.abs(taskSum - 100) > SHARE_TOLERANCE) throw new EvaluationError('shares_sum', `jobs[${i}].tasks`, `les parts des tâches du poste « ${job.label} » totalisent ${round6(taskSum)} % au lieu de 100 %`);
    } else if (Math.abs(job.defaultSum - 100) > SHARE_TOLERANCE) {
      throw new EvaluationError('default_shares_sum', `jobs[${i}].tasks`, `les pondérations par défaut du poste « ${job.label} » totalisent ${round6(job.defaultSum)} % dans le référentiel : précisez les parts des tâches`);
    }
  }
  if (Math.abs(jobSum - 100) > SHARE_TOLERANCE) throw new EvaluationError('shares_sum', 'jobs', `les parts des postes totalisent ${round6(jobSum)} % au lieu de 100 %`);
  return out;
}

function resolveTask(c: Compiled, task: CompiledTask, employee: Employee, memoKey: string | undefined): { vector: SituationVector; path: PathStep[] } {
  const r = task.resolution;
  if (r.kind === 'static') return r;
  if (r.kind === 'error') throw r.error;
  const key = memoKey ?? answersKey(c.employeeQuestions, employee);
  let hit = r.memo.get(key);
  if (!hit) {
    const path: PathStep[] = [];
    const situation = walk(c, task.entry, employee.answers ?? {}, path)!;
    hit = { vector: c.vectors.get(situation)!, path };
    r.memo.set(key, hit);
  }
  return hit;
}

function checkShare(share: number, field: string): void {
  if (!Number.isFinite(share) || share < 0 || share > 100) throw new EvaluationError('invalid_value', field, `part du temps ${share} invalide : attendu entre 0 et 100 %`);
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
  if (birth === undefined) throw new EvaluationError('birth_missing', 'birth', 'année de naissance manquante : elle fixe le doublement des points (nés avant le 1er juillet 1956)');
  if (typeof birth === 'number') {
    if (birth === 1956) throw new EvaluationError('birth_ambiguous', 'birth', 'né(e) en 1956 : donnez la date de naissance complète (AAAA-MM-JJ), les points doublent pour une naissance avant le 1er juillet 1956');
    return birth < 1956;
  }
  return birth < '1956-07-01';
}

export function evaluateWith(ctx: EmployeeContext, employee: Employee): EmployeeResult {
  const c = ctx.compiled;
  const ratio = employee.annualHours / c.referential.workingYear.annualHours;
  const presence = ctx.absence?.presence ?? 1;
  const acc = ctx.scratch;
  acc.fill(0);
  const { grid, trace } = accumulate(ctx, employee, acc, ratio);
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
  const points = computePoints(ctx.plan, earning, c.inForceFrom, c.factorLabels, doubled, ctx.trace);
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
  if (ctx.absence) result.absence = absenceResult(ctx.absence, changedByAbsence, c.factorLabels);
  if (employee.temporary) result.temporary = employee.temporary;
  if (trace) result.trace = trace;
  return result;
}

/**
 * The employee's jobs the branch lists as particularly exposed to an ergonomic factor (L4163-2-1): a
 * job with a positive share, and when the listing names activities, with one of those tasks at a
 * positive share (the employee's own task shares, or the referential's defaults).
 */
function listedJobs(c: Compiled, employee: Employee, factor: FactorCode): string[] | undefined {
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

function absenceResult(effect: AbsenceEffect, changed: FactorCode[], labels: ReadonlyMap<string, string>): AbsenceResult {
  const periods = effect.periods.map((p) => `${ABSENCE_REASON_LABELS[p.reason]} du ${p.from} au ${p.to} (${p.days} jours)`).join(', ');
  const present = effect.contractDays - effect.absentDays;
  const outcome =
    changed.length > 0
      ? ` L’absence fait passer sous le seuil : ${changed.map((f) => labels.get(f) ?? f).join(', ')} — non déclaré pour l’année.`
      : ' Aucun facteur ne passe sous son seuil du fait de l’absence.';
  return {
    ...effect,
    changed,
    explanation: `Absence longue remettant manifestement en cause l’exposition (instruction DGT-DSS n° 1 du 13 mars 2015) : ${periods}. Exposition réelle de l’année = exposition du poste × ${present} jours de présence / ${effect.contractDays} jours du contrat dans l’année, comparée au seuil annuel inchangé.${outcome}`,
  };
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
  const c = ctx.compiled;
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

const fmt = traceNumber;

function traceTask(trace: Contribution[], c: Compiled, job: CompiledJob, jobShare: number, task: CompiledTask, taskShare: number, weight: number, vector: SituationVector, path: PathStep[], ratio: number, period: Period | undefined, presence: number) {
  for (const e of vector.entries) {
    const slot = c.slots[e.slot]!;
    const counted = e.met ? e.atFullTime - e.deducted : 0;
    const amount = weight * counted * ratio * presence;
    const unit = slot.group.minimum ? UNIT_LABELS[slot.group.minimum.unit] : '';
    const stated = e.exposure.duration ?? null;
    const conversion = stated ? `${fmt(stated.value)} ${UNIT_LABELS[stated.unit]} = ${fmt(e.atFullTime)} ${unit} à temps plein` : 'grille de l’arrêté';
    const deduction = e.deducted > 0 ? ` − ${fmt(e.deducted)} nuits déjà comptées en équipes alternantes` : '';
    const derived = e.derived.length > 0 ? `${e.derived.map((d) => d.arithmetic).join(' ; ')} ; ` : '';
    const arithmetic = !e.met
      ? `${derived}${conversion} ; intensité sous le seuil (${slot.group.criteria.find((x) => x.code === e.exposure.criterion)?.intensityLabel ?? ''}) : non compté`
      : `${derived}${conversion}${deduction} ; × ${fmt(jobShare)} % (poste) × ${fmt(taskShare)} % (tâche)${period ? ` × ${fmt(period.fraction)} (part de l’année du ${period.from} au ${period.to})` : ''} × ${fmt(ratio)} (temps de travail)${presence < 1 ? ` × ${fmt(presence)} (présence hors absences longues)` : ''} = ${fmt(amount)} ${unit}`;
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

export function checkEmployeeBasics(employee: Employee): void {
  if (!Number.isFinite(employee.annualHours) || employee.annualHours <= 0 || employee.annualHours > 8784) {
    throw new EvaluationError('invalid_value', 'annualHours', `durée annuelle de travail ${employee.annualHours} h invalide : attendu plus de 0 et au plus 8 784 h`);
  }
  const { start, end } = employee.contract;
  if (start !== undefined && !isIsoDate(start)) throw new EvaluationError('contract_dates', 'contract.start', `date de début « ${start} » invalide (AAAA-MM-JJ attendu)`);
  if (end !== undefined && !isIsoDate(end)) throw new EvaluationError('contract_dates', 'contract.end', `date de fin « ${end} » invalide (AAAA-MM-JJ attendu)`);
  if (start !== undefined && end !== undefined && end < start) throw new EvaluationError('contract_dates', 'contract.end', `fin du contrat (${end}) avant son début (${start})`);
}
