import type { FactorCode } from '../regulation/types.ts';
import type { Employee, Verdict } from '../referential/schema.ts';
import { UNIT_LABELS } from '../referential/units.ts';
import { isIsoDate } from '../util/dates.ts';
import { walk, type Compiled, type CompiledJob, type CompiledTask, type SituationVector } from './compile.ts';
import { EvaluationError } from './errors.ts';
import { computePoints, type ContractInYear } from './points.ts';
import type { Contribution, DsnEntry, EmployeeResult, FactorResult, GroupResult, PathStep } from './types.ts';

/** Tolerance on shares summing to 100 %, for spreadsheet figures such as 33.33 + 33.33 + 33.34. */
const SHARE_TOLERANCE = 0.01;

/** Exposure is rounded to a millionth of its unit before comparison, so 599.9999999 h from float sums is 600 h. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export interface EmployeeContext {
  compiled: Compiled;
  contract: ContractInYear;
  year: number;
  /** Threshold overrides of the 2023 transition year, by group code. */
  thresholdOverrides: Record<string, number> | undefined;
  forcedRegulation: boolean;
  trace: boolean;
  /** Scratch accumulator reused across employees (one per slot). */
  scratch: Float64Array;
}

interface WeightedTask {
  job: CompiledJob;
  jobShare: number;
  task: CompiledTask;
  taskShare: number;
}

/** Checks the mission profile and lists (job, task, shares), naming the field at fault. */
export function missionTasks(c: Compiled, employee: Employee): WeightedTask[] {
  const out: WeightedTask[] = [];
  let jobSum = 0;
  const seenJobs = new Set<string>();
  employee.jobs.forEach((mj, i) => {
    const field = `jobs[${i}]`;
    const job = c.jobs.get(mj.job);
    if (!job) throw new EvaluationError('unknown_job', `${field}.job`, `poste inconnu « ${mj.job} » dans ce référentiel`);
    if (seenJobs.has(mj.job)) throw new EvaluationError('duplicate_job', `${field}.job`, `poste « ${mj.job} » cité deux fois`);
    seenJobs.add(mj.job);
    if (!Number.isFinite(mj.share) || mj.share < 0 || mj.share > 100) throw new EvaluationError('invalid_value', `${field}.share`, `part du temps ${mj.share} invalide : attendu entre 0 et 100 %`);
    jobSum += mj.share;
    if (mj.tasks) {
      let taskSum = 0;
      const seenTasks = new Set<string>();
      mj.tasks.forEach((mt, k) => {
        const task = job.taskIndex.get(mt.task);
        if (!task) throw new EvaluationError('unknown_task', `${field}.tasks[${k}].task`, `tâche « ${mt.task} » inconnue pour le poste « ${job.label} »`);
        if (seenTasks.has(mt.task)) throw new EvaluationError('duplicate_task', `${field}.tasks[${k}].task`, `tâche « ${mt.task} » citée deux fois`);
        seenTasks.add(mt.task);
        if (!Number.isFinite(mt.share) || mt.share < 0 || mt.share > 100) throw new EvaluationError('invalid_value', `${field}.tasks[${k}].share`, `part du temps ${mt.share} invalide : attendu entre 0 et 100 %`);
        taskSum += mt.share;
        out.push({ job, jobShare: mj.share, task, taskShare: mt.share });
      });
      if (Math.abs(taskSum - 100) > SHARE_TOLERANCE) throw new EvaluationError('shares_sum', `${field}.tasks`, `les parts des tâches du poste « ${job.label} » totalisent ${taskSum} % au lieu de 100 %`);
    } else {
      if (Math.abs(job.defaultSum - 100) > SHARE_TOLERANCE) throw new EvaluationError('default_shares_sum', `${field}.tasks`, `les pondérations par défaut du poste « ${job.label} » totalisent ${job.defaultSum} % dans le référentiel : précisez les parts des tâches`);
      for (const task of job.tasks) out.push({ job, jobShare: mj.share, task, taskShare: task.defaultShare });
    }
  });
  if (Math.abs(jobSum - 100) > SHARE_TOLERANCE) throw new EvaluationError('shares_sum', 'jobs', `les parts des postes totalisent ${jobSum} % au lieu de 100 %`);
  return out;
}

function resolve(c: Compiled, task: CompiledTask, employee: Employee, wantPath: boolean): { vector: SituationVector; path: PathStep[] } {
  const r = task.resolution;
  if (r.kind === 'static') return r;
  if (r.kind === 'error') throw r.error;
  const path: PathStep[] = [];
  const situation = walk(c, task.entry, employee.answers ?? {}, wantPath ? path : null);
  return { vector: c.vectors.get(situation!)!, path };
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
  const tasks = missionTasks(c, employee);
  const acc = ctx.scratch;
  acc.fill(0);
  let gridFlag = false;
  const trace: Contribution[] | undefined = ctx.trace ? [] : undefined;

  for (const wt of tasks) {
    const weight = (wt.jobShare / 100) * (wt.taskShare / 100);
    if (weight === 0) continue;
    const { vector, path } = resolve(c, wt.task, employee, ctx.trace);
    const values = vector.values;
    for (let s = 0; s < values.length; s++) acc[s]! += weight * values[s]!;
    if (vector.gridFlag) gridFlag = true;
    if (trace) traceTask(trace, c, wt, weight, vector, path, ratio);
  }

  const factors: FactorResult[] = [];
  const exposedFactors: FactorCode[] = [];
  const toAnalyse: FactorCode[] = [];
  c.version.factors.forEach((factor, fi) => {
    const groups: GroupResult[] = [];
    let verdict: Verdict = 'not_exposed';
    for (const s of c.factorSlots[fi]!) {
      const group = c.slots[s]!.group;
      const exposure = round6(acc[s]! * ratio);
      if (group.minimum === null) {
        const v: Verdict = gridFlag ? 'to_analyse' : 'not_exposed';
        groups.push({ code: group.code, label: group.label, threshold: null, exposure: 0, margin: 0, verdict: v });
        if (v === 'to_analyse' && verdict === 'not_exposed') verdict = 'to_analyse';
        continue;
      }
      const threshold = ctx.thresholdOverrides?.[group.code] ?? group.minimum.value;
      const groupVerdict: Verdict = exposure >= threshold ? 'exposed' : 'not_exposed';
      if (groupVerdict === 'exposed') verdict = 'exposed';
      groups.push({ code: group.code, label: group.label, threshold: { value: threshold, unit: group.minimum.unit }, exposure, margin: round6(exposure - threshold), verdict: groupVerdict });
    }
    // A factor not yet in force is reported with its figures but never counts as exposed.
    if (!factor.inForce) verdict = 'not_exposed';
    if (verdict === 'exposed') exposedFactors.push(factor.code);
    if (verdict === 'to_analyse') toAnalyse.push(factor.code);
    factors.push({ factor: factor.code, label: factor.label, inForce: factor.inForce, retained: c.retained.has(factor.code), earnsPoints: factor.earnsPoints, dsnCode: factor.dsnCode, verdict, groups });
  });

  const earning = exposedFactors.filter((code) => c.version.factors.find((f) => f.code === code)!.earnsPoints);
  const doubled = earning.length > 0 ? bornBeforeJuly1956(employee) : false;
  const points = computePoints(ctx.contract, c.version, earning, doubled, ctx.forcedRegulation);
  const dsn: DsnEntry[] = points.eligible
    ? earning.map((code) => ({ factor: code, code: c.version.factors.find((f) => f.code === code)!.dsnCode, year: ctx.year, ...(employee.contract.reference ? { contract: employee.contract.reference } : {}) }))
    : [];

  const result: EmployeeResult = { employee: employee.id, year: ctx.year, regulation: c.version.id, workingTimeRatio: ratio, factors, exposedFactors, toAnalyse, points, dsn };
  if (trace) result.trace = trace;
  return result;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4).replace(/0+$/, '').replace(/\.$/, ''));

function traceTask(trace: Contribution[], c: Compiled, wt: WeightedTask, weight: number, vector: SituationVector, path: PathStep[], ratio: number) {
  for (const e of vector.entries) {
    const slot = c.slots[e.slot]!;
    const counted = e.met ? e.atFullTime - e.deducted : 0;
    const amount = weight * counted * ratio;
    const unit = slot.group.minimum ? UNIT_LABELS[slot.group.minimum.unit] : '';
    const stated = e.exposure.duration ?? null;
    const conversion = stated ? `${fmt(stated.value)} ${UNIT_LABELS[stated.unit]} = ${fmt(e.atFullTime)} ${unit} à temps plein` : 'grille de l’arrêté';
    const deduction = e.deducted > 0 ? ` − ${fmt(e.deducted)} nuits déjà comptées en équipes alternantes` : '';
    const arithmetic = !e.met
      ? `${conversion} ; intensité sous le seuil (${slot.group.criteria.find((x) => x.code === e.exposure.criterion)?.intensityLabel ?? ''}) : non compté`
      : `${conversion}${deduction} ; × ${fmt(wt.jobShare)} % (poste) × ${fmt(wt.taskShare)} % (tâche) × ${fmt(ratio)} (temps de travail) = ${fmt(amount)} ${unit}`;
    trace.push({
      job: wt.job.id,
      jobLabel: wt.job.label,
      jobShare: wt.jobShare,
      task: wt.task.id,
      taskLabel: wt.task.label,
      taskShare: wt.taskShare,
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
