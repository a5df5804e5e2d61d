import type { CriterionDef, FactorDef, Quantity, RegulationVersion, ThresholdGroup } from '../regulation/types.ts';
import type { AnswerValue, DecisionNode, Exposure, Question, Referential, Situation } from '../referential/schema.ts';
import { toThresholdUnit, type WorkingYear } from '../referential/units.ts';
import { EvaluationError, type UnplacedParams } from './errors.ts';
import type { PathStep } from './types.ts';
import { COMPANY_ONLY, traceTree, type TreeContext } from './tree.ts';
import { assessIntensity, type DerivedQuantity } from './intensity.ts';

/*
 * The evaluation plan: the portable referential resolved for one regulation version and one company.
 * Flat arrays indexed by "slot" (one slot per threshold group of the version) so that evaluating an
 * employee is a weighted sum of precomputed vectors, with no allocation per task.
 */

export interface Slot {
  factor: FactorDef;
  group: ThresholdGroup;
}

export interface EntryInfo {
  slot: number;
  exposure: Exposure;
  met: boolean;
  /** Intensity quantities computed from the stated ones (repetitive work), for the explanation. */
  derived: DerivedQuantity[];
  atFullTime: number;
  deducted: number;
}

export interface SituationVector {
  situation: Situation;
  /** Duration at 100 % time per slot, in the slot's threshold unit, intensity-filtered. */
  values: Float64Array;
  /**
   * Chemicals are judged on the arrêté grid, which the referential's authors apply: the strongest
   * conclusion the situation states on it (`exposed` over `to_analyse`), or `none`.
   */
  grid: GridConclusion;
  entries: EntryInfo[];
}

export type GridConclusion = 'none' | 'to_analyse' | 'exposed';

/**
 * How a task's tree resolves for the company: to one situation for the whole staff (`static`, with
 * the path taken, for the explanation), per employee when it asks an employee-level question (the
 * situations reached are remembered by the employee's answers), or to an error of the company's inputs
 * or of the referential, raised for the employees who work on the task.
 */
export type TaskResolution =
  | { kind: 'static'; vector: SituationVector; path: PathStep[] }
  | { kind: 'per_employee'; memo: Map<string, { vector: SituationVector; path: PathStep[] }> }
  | { kind: 'error'; error: EvaluationError };

export interface PlanTask {
  id: string;
  /** Index in its job's task list (the same in every period's plan). */
  position: number;
  label: string;
  defaultShare: number;
  entry: string;
  resolution: TaskResolution;
}

export interface PlanJob {
  id: string;
  label: string;
  tasks: PlanTask[];
  taskIndex: Map<string, PlanTask>;
  defaultSum: number;
}

export interface CompanyContext {
  answers: Record<string, AnswerValue>;
  measuresInPlace: ReadonlySet<string>;
}

/**
 * The evaluation plan: the portable referential resolved for one regulation version, one company and
 * one set of prevention measures in place — what is the same for every employee, computed once.
 */
export interface EvaluationPlan extends TreeContext {
  referential: Referential;
  version: RegulationVersion;
  slots: Slot[];
  /** Slots of each factor, in the version's factor order. */
  factorSlots: number[][];
  jobs: Map<string, PlanJob>;
  nodes: Map<string, DecisionNode>;
  questions: Map<string, Question>;
  measureLabels: Map<string, string>;
  vectors: Map<string, SituationVector>;
  situations: Map<string, SituationVector>;
  company: CompanyContext;
  retained: ReadonlySet<string>;
  /** Employee-level questions, in a fixed order: the key of the per-task memo of per-employee trees. */
  employeeQuestions: string[];
  /** Factor code → first day it applies (periods ending before earn no points for it). */
  inForceFrom: Map<string, string>;
  earnsPoints: Map<string, boolean>;
  factorLabels: Map<string, string>;
  /** The branch's L4163-2-1 list: factor → job id → the listed activities (undefined: the whole job). */
  particularlyExposed: Map<string, Map<string, { tasks: ReadonlySet<string> | undefined }>>;
}

/** The slots of a regulation version and where each criterion of its table adds up. */
export interface SlotTable {
  version: RegulationVersion;
  slots: Slot[];
  factorSlots: number[][];
  criterionSlot: Map<string, { slot: number; criterion: CriterionDef }>;
  nightSlot: number | undefined;
  shiftSlot: number | undefined;
  /** D4161-3 from 2016-01-01 (now D4163-5): nights under alternating shifts do not count again as night work. */
  deductShiftNights: boolean;
}

export function slotTable(version: RegulationVersion): SlotTable {
  const slots: Slot[] = [];
  const factorSlots: number[][] = [];
  const slotOf = new Map<string, number>();
  const criterionSlot = new Map<string, { slot: number; criterion: CriterionDef }>();
  for (const factor of version.factors) {
    const own: number[] = [];
    for (const group of factor.groups) {
      slotOf.set(`${factor.code}/${group.code}`, slots.length);
      for (const c of group.criteria) criterionSlot.set(`${factor.code}/${c.code}`, { slot: slots.length, criterion: c });
      own.push(slots.length);
      slots.push({ factor, group });
    }
    factorSlots.push(own);
  }
  return {
    version,
    slots,
    factorSlots,
    criterionSlot,
    nightSlot: slotOf.get('night_work/night_count'),
    shiftSlot: slotOf.get('alternating_shifts/shift_night_count'),
    deductShiftNights: version.from >= '2016-01-01',
  };
}

/** Why an exposure cannot be placed in a version's table; `intensity` carries the quantities that would decide its test. */
export type Unplaced = { reason: 'criterion' } | { reason: 'unit' } | { reason: 'intensity'; quantities: Quantity[] };

/**
 * A situation at 100 % time: per slot, the intensity-filtered durations in the threshold's unit, with
 * the alternating-shift nights deducted from night work. Exposures that cannot be placed (unknown
 * criterion, unit that does not convert, an intensity the situation neither states nor lets derive)
 * are reported to `skip` and left out — the evaluator refuses them, the checker reports them.
 */
export function situationVector(table: SlotTable, situation: Situation, year: WorkingYear, skip: (exposure: Exposure, index: number, why: Unplaced) => void): SituationVector {
  const values = new Float64Array(table.slots.length);
  const entries: EntryInfo[] = [];
  let grid: GridConclusion = 'none';
  situation.exposures.forEach((exposure, index) => {
    const found = table.criterionSlot.get(`${exposure.factor}/${exposure.criterion}`);
    if (!found) return skip(exposure, index, { reason: 'criterion' });
    const minimum = table.slots[found.slot]!.group.minimum;
    if (minimum === null) {
      if (exposure.conclusion === 'exposed') grid = 'exposed';
      else if (exposure.conclusion === 'to_analyse' && grid === 'none') grid = 'to_analyse';
      entries.push({ slot: found.slot, exposure, met: exposure.conclusion !== 'not_exposed', derived: [], atFullTime: 0, deducted: 0 });
      return;
    }
    let atFullTime = 0;
    if (exposure.duration) {
      const converted = toThresholdUnit(exposure.duration.value, exposure.duration.unit, minimum.unit, year);
      if (converted === undefined) return skip(exposure, index, { reason: 'unit' });
      atFullTime = converted;
    }
    const outcome = assessIntensity(found.criterion, exposure);
    if (outcome.kind === 'missing') return skip(exposure, index, { reason: 'intensity', quantities: outcome.quantities });
    const met = outcome.kind === 'met';
    if (met) values[found.slot]! += atFullTime;
    entries.push({ slot: found.slot, exposure, met, derived: outcome.derived, atFullTime, deducted: 0 });
  });
  const { nightSlot, shiftSlot } = table;
  if (table.deductShiftNights && nightSlot !== undefined && shiftSlot !== undefined && values[nightSlot]! > 0 && values[shiftSlot]! > 0) {
    let remaining = Math.min(values[nightSlot]!, values[shiftSlot]!);
    values[nightSlot]! -= remaining;
    for (const e of entries) {
      if (e.slot !== nightSlot || !e.met || remaining <= 0) continue;
      e.deducted = Math.min(e.atFullTime, remaining);
      remaining -= e.deducted;
    }
  }
  return { situation, values, grid, entries };
}

/**
 * The plan of a referential for one regulation version and one company (answers, measures in place).
 * Throws `EvaluationError` (`referential_invalid`) on a situation the version cannot evaluate.
 */
export function planForRegulation(referential: Referential, version: RegulationVersion, company: CompanyContext): EvaluationPlan {
  const table = slotTable(version);
  const { slots, factorSlots } = table;
  const vectors = new Map<string, SituationVector>();
  for (const situation of referential.situations) {
    const vector = situationVector(table, situation, referential.workingYear, (exposure, _index, why) => {
      throw new EvaluationError('referential_invalid', `situations.${situation.id}`, { problem: 'unplaced', situation: situation.id, ...unplacedParams(exposure, why, version.id) });
    });
    vectors.set(situation.id, vector);
  }

  const plan: EvaluationPlan = {
    referential,
    version,
    slots,
    factorSlots,
    jobs: new Map(),
    nodes: new Map(referential.nodes.map((n) => [n.id, n])),
    questions: new Map(referential.questions.map((q) => [q.id, q])),
    measureLabels: new Map(referential.measures.map((m) => [m.id, m.label])),
    vectors,
    situations: vectors,
    company,
    retained: new Set(referential.factors.retained),
    employeeQuestions: referential.questions.filter((q) => q.scope === 'employee').map((q) => q.id),
    inForceFrom: new Map(version.factors.map((f) => [f.code, f.inForceFrom])),
    earnsPoints: new Map(version.factors.map((f) => [f.code, f.earnsPoints])),
    factorLabels: new Map(version.factors.map((f) => [f.code, f.label])),
    particularlyExposed: listedIndex(referential),
  };

  for (const job of referential.jobs) {
    const tasks = job.tasks.map((t, position): PlanTask => ({ id: t.id, position, label: t.label, defaultShare: t.defaultShare, entry: t.entry, resolution: resolveForCompany(plan, t.entry) }));
    plan.jobs.set(job.id, {
      id: job.id,
      label: job.label,
      tasks,
      taskIndex: new Map(tasks.map((t) => [t.id, t])),
      defaultSum: tasks.reduce((sum, t) => sum + t.defaultShare, 0),
    });
  }
  return plan;
}

function resolveForCompany(plan: EvaluationPlan, entry: string): TaskResolution {
  try {
    const { outcome, path } = traceTree(plan, entry, COMPANY_ONLY);
    if (outcome.kind === 'employee_question') return { kind: 'per_employee', memo: new Map() };
    return { kind: 'static', vector: plan.vectors.get(outcome.situation)!, path };
  } catch (error) {
    if (error instanceof EvaluationError) return { kind: 'error', error };
    throw error;
  }
}

/** Why an exposure cannot be evaluated under a version, as the evaluator's error says it. */
function unplacedParams(exposure: Exposure, why: Unplaced, version: string): UnplacedParams {
  switch (why.reason) {
    case 'criterion':
      return { reason: 'criterion', factor: exposure.factor, criterion: exposure.criterion };
    case 'unit':
      return { reason: 'unit', factor: exposure.factor, unit: String(exposure.duration?.unit) };
    case 'intensity':
      return { reason: 'intensity', factor: exposure.factor, criterion: exposure.criterion, version, quantities: why.quantities };
  }
}

function listedIndex(r: Referential): EvaluationPlan['particularlyExposed'] {
  const out: EvaluationPlan['particularlyExposed'] = new Map();
  for (const entry of r.particularlyExposed?.entries ?? []) {
    for (const factor of entry.factors) {
      let jobs = out.get(factor);
      if (!jobs) out.set(factor, (jobs = new Map()));
      const previous = jobs.get(entry.job);
      // Two entries for one job: the whole job wins over a list of activities, lists add up.
      const tasks = previous && previous.tasks === undefined ? undefined : entry.tasks === undefined ? undefined : new Set([...(previous?.tasks ?? []), ...entry.tasks]);
      jobs.set(entry.job, { tasks });
    }
  }
  return out;
}
