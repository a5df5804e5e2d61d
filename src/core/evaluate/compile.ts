import type { CriterionDef, FactorDef, Quantity, RegulationVersion, ThresholdGroup } from '../regulation/types.ts';
import type { AnswerValue, BranchCondition, DecisionNode, Exposure, Question, Referential, Situation } from '../referential/schema.ts';
import { toThresholdUnit, type WorkingYear } from '../referential/units.ts';
import { EvaluationError } from './errors.ts';
import type { PathStep } from './types.ts';
import { own } from '../util/own.ts';
import { assessIntensity, missingQuantitiesText, type DerivedQuantity } from './intensity.ts';

/*
 * The evaluation form: the portable referential resolved for one regulation version and one company.
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

/** A task whose tree depends on company answers and measures only is resolved once for all staff. */
export type Resolution =
  | { kind: 'static'; vector: SituationVector; path: PathStep[] }
  | { kind: 'dynamic'; memo: Map<string, { vector: SituationVector; path: PathStep[] }> }
  | { kind: 'error'; error: EvaluationError };

export interface CompiledTask {
  id: string;
  /** Index in its job's task list (the same in every period's form). */
  position: number;
  label: string;
  defaultShare: number;
  entry: string;
  resolution: Resolution;
}

export interface CompiledJob {
  id: string;
  label: string;
  tasks: CompiledTask[];
  taskIndex: Map<string, CompiledTask>;
  defaultSum: number;
}

export interface CompanyContext {
  answers: Record<string, AnswerValue>;
  measuresInPlace: ReadonlySet<string>;
}

export interface Compiled {
  referential: Referential;
  version: RegulationVersion;
  slots: Slot[];
  /** Slots of each factor, in the version's factor order. */
  factorSlots: number[][];
  jobs: Map<string, CompiledJob>;
  nodes: Map<string, DecisionNode>;
  questions: Map<string, Question>;
  measureLabels: Map<string, string>;
  vectors: Map<string, SituationVector>;
  company: CompanyContext;
  retained: ReadonlySet<string>;
  /** Employee-level questions, in a fixed order: the key of the per-task memo of dynamic trees. */
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

export function compileForRegulation(referential: Referential, version: RegulationVersion, company: CompanyContext): Compiled {
  const table = slotTable(version);
  const { slots, factorSlots } = table;
  const vectors = new Map<string, SituationVector>();
  for (const situation of referential.situations) {
    const vector = situationVector(table, situation, referential.workingYear, (exposure, _index, why) => {
      throw new EvaluationError('referential_invalid', `situations.${situation.id}`, unplacedMessage(exposure, why, version.id));
    });
    vectors.set(situation.id, vector);
  }

  const compiled: Compiled = {
    referential,
    version,
    slots,
    factorSlots,
    jobs: new Map(),
    nodes: new Map(referential.nodes.map((n) => [n.id, n])),
    questions: new Map(referential.questions.map((q) => [q.id, q])),
    measureLabels: new Map(referential.measures.map((m) => [m.id, m.label])),
    vectors,
    company,
    retained: new Set(referential.factors.retained),
    employeeQuestions: referential.questions.filter((q) => q.scope === 'employee').map((q) => q.id),
    inForceFrom: new Map(version.factors.map((f) => [f.code, f.inForceFrom])),
    earnsPoints: new Map(version.factors.map((f) => [f.code, f.earnsPoints])),
    factorLabels: new Map(version.factors.map((f) => [f.code, f.label])),
    particularlyExposed: listedIndex(referential),
  };

  for (const job of referential.jobs) {
    const tasks = job.tasks.map((t, position): CompiledTask => ({ id: t.id, position, label: t.label, defaultShare: t.defaultShare, entry: t.entry, resolution: resolveStatic(compiled, t.entry) }));
    compiled.jobs.set(job.id, {
      id: job.id,
      label: job.label,
      tasks,
      taskIndex: new Map(tasks.map((t) => [t.id, t])),
      defaultSum: tasks.reduce((sum, t) => sum + t.defaultShare, 0),
    });
  }
  return compiled;
}

function resolveStatic(c: Compiled, entry: string): Resolution {
  try {
    const path: PathStep[] = [];
    const situation = walk(c, entry, null, path);
    if (situation === null) return { kind: 'dynamic', memo: new Map() };
    return { kind: 'static', vector: c.vectors.get(situation)!, path };
  } catch (error) {
    if (error instanceof EvaluationError) return { kind: 'error', error };
    throw error;
  }
}

/**
 * Follows a task's decision tree to its situation. With `employeeAnswers` null, stops and returns null
 * at the first employee-level question (the task then resolves per employee). Cycles were refused by
 * the loader; the step bound still guarantees termination on a referential built in code.
 */
export function walk(c: Compiled, entry: string, employeeAnswers: Record<string, AnswerValue> | null | undefined, path: PathStep[] | null): string | null {
  let current = entry;
  for (let steps = 0; steps <= c.nodes.size; steps++) {
    const node = c.nodes.get(current);
    if (!node) return current;
    if (node.kind === 'measure') {
      const applied = c.company.measuresInPlace.has(node.measure);
      path?.push({ node: node.id, kind: 'measure', measure: node.measure, label: c.measureLabels.get(node.measure) ?? node.measure, applied });
      current = applied ? node.applied : node.notApplied;
      continue;
    }
    const question = c.questions.get(node.question)!;
    let answer: AnswerValue | undefined;
    if (question.scope === 'company') {
      answer = own(c.company.answers, question.id);
      if (answer === undefined) throw new EvaluationError('answer_missing', `answers.${question.id}`, `réponse de l’entreprise manquante au critère « ${question.label} »`);
    } else {
      if (employeeAnswers === null) return null;
      answer = own(employeeAnswers, question.id);
      if (answer === undefined) throw new EvaluationError('answer_missing', `answers.${question.id}`, `réponse manquante au critère individuel « ${question.label} »`);
    }
    checkAnswer(question, answer, `answers.${question.id}`);
    // A plain loop: this runs per employee for employee-level questions and must not allocate.
    let branch: (typeof node.branches)[number] | undefined;
    for (const b of node.branches) {
      if (branchMatches(b.when, answer)) {
        branch = b;
        break;
      }
    }
    if (!branch) throw new EvaluationError('no_branch', `answers.${question.id}`, `le référentiel ne prévoit aucune branche pour la réponse « ${String(answer)} » au critère « ${question.label} » (nœud ${node.id})`);
    path?.push({ node: node.id, kind: 'question', question: question.id, label: question.label, answer, source: question.scope });
    current = branch.next;
  }
  throw new EvaluationError('referential_invalid', `nodes.${current}`, 'arbre de décision sans fin (boucle)');
}

export function checkAnswer(question: Question, answer: AnswerValue, field: string): void {
  const bad = (expected: string) => new EvaluationError('answer_invalid', field, `réponse « ${String(answer)} » invalide au critère « ${question.label} » : ${expected} attendu`);
  switch (question.type) {
    case 'boolean':
      if (typeof answer !== 'boolean') throw bad('oui ou non');
      return;
    case 'choice':
      if (typeof answer !== 'string' || !hasChoice(question.choices, answer)) throw bad(`l’un de ${question.choices.map((c) => c.id).join(', ')}`);
      return;
    case 'number':
      if (typeof answer !== 'number' || !Number.isFinite(answer)) throw bad(`un nombre (${question.unit})`);
      if (question.min !== undefined && answer < question.min) throw bad(`un nombre ≥ ${question.min} ${question.unit}`);
      if (question.max !== undefined && answer > question.max) throw bad(`un nombre ≤ ${question.max} ${question.unit}`);
      return;
  }
}

function hasChoice(choices: ReadonlyArray<{ id: string }>, answer: string): boolean {
  for (const c of choices) if (c.id === answer) return true;
  return false;
}

function branchMatches(when: BranchCondition, answer: AnswerValue): boolean {
  if ('is' in when) return answer === when.is;
  if ('oneOf' in when) return typeof answer === 'string' && when.oneOf.indexOf(answer) >= 0;
  if (typeof answer !== 'number') return false;
  return (when.min === undefined || answer >= when.min) && (when.max === undefined || answer < when.max);
}

/** French reason an exposure cannot be evaluated under a version: one sentence for the evaluator's errors. */
export function unplacedMessage(exposure: Exposure, why: Unplaced, version: string): string {
  switch (why.reason) {
    case 'criterion':
      return `seuil « ${exposure.criterion} » inconnu pour ${exposure.factor}`;
    case 'unit':
      return `unité de durée ${exposure.duration?.unit} incompatible avec le seuil du facteur ${exposure.factor}`;
    case 'intensity':
      return `intensité indéterminée pour ${exposure.factor} (${exposure.criterion}) sous la version ${version} : ${missingQuantitiesText(why.quantities)}`;
  }
}

function listedIndex(r: Referential): Compiled['particularlyExposed'] {
  const out: Compiled['particularlyExposed'] = new Map();
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
