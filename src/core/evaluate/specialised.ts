import { regulationInForce } from '../regulation/index.ts';
import { FACTOR_CODES, type FactorCode, type FactorDef, type RegulationVersion } from '../regulation/types.ts';
import type { AnswerValue, Employee } from '../referential/schema.ts';
import { isIsoDate } from '../util/dates.ts';
import { absenceEffect, type AbsenceEffect } from './absence.ts';
import type { CompactResult, GridLevel, LayoutFactor, LayoutGroup, ResultLayout } from './compact.ts';
import { absenceResult, bornBeforeJuly1956 } from './employee.ts';
import { EvaluationError } from './errors.ts';
import type { EvaluationPlan, GridConclusion } from './plan.ts';
import { computePoints, contractInYear, type ContractInYear, type ContractWindows } from './points.ts';
import { MAX_ANNUAL_HOURS, SHARE_TOLERANCE } from '../util/constants.ts';
import type { EvaluationSetup, Period } from './setup.ts';
import { signatures, type Signature } from './signature.ts';
import { situationFor } from './tree.ts';

/*
 * The specialised path: the plan compiled further for bulk evaluation, so that an employee is a
 * weighted sum and threshold tests over typed arrays.
 *
 * - Per signature of the employee's answers (signature.ts: the classes of answers the trees tell
 *   apart), one block of flat arrays: each task's year at 100 % time (its situation vectors averaged
 *   over the parts of the year split by prevention measures) and each job's default weighting of its
 *   tasks, filled on first use. Flat, so that the cost per employee does not grow with the number of
 *   jobs (no object or map per job to reach on the hot path).
 * - Everything that depends on the contract's dates (regulation version, 2023 thresholds, factors
 *   judged on the former article, 3-month windows, points per set of exposed factors) is computed
 *   once per distinct pair of date texts, which are checked then, once.
 *
 * The arithmetic is the general path's, in the same order (see `accumulate` in employee.ts), so both
 * give the same figures to the last bit. It never decides an error: on anything it does not take (an
 * error of any kind, an answer it cannot class) it returns `null` and the caller runs the general path,
 * which throws the located `EvaluationError` or — when this path was only cautious — gives the result.
 * test/specialised-differential.test.ts proves both paths agree.
 */

const NOT = 0;
const ANALYSE = 1;
const EXPOSED = 2;
const NO_LEGAL = 3;

const UNKNOWN = 0;
const READY = 1;
const FAILS = 2;

interface FastJob {
  /** Task id → index of the task in the version's flat task arrays. */
  taskIndex: Map<string, number>;
  /** The job's tasks, in order: flat indices and default shares. */
  tasks: Int32Array;
  defaultShares: Float64Array;
  defaultsSumTo100: boolean;
}

/**
 * One signature's vectors over the version's active slots: task `t` at `taskValues[t × m …]`, job `j`'s
 * default weighting at `jobValues[j × m …]`; states UNKNOWN (not computed yet), READY, FAILS (an error for whoever works on it).
 */
interface Block {
  /** The answers of the first employee met with this signature: they resolve the trees for all of them. */
  answers: Readonly<Record<string, AnswerValue>>;
  taskValues: Float64Array;
  taskState: Uint8Array;
  taskGrid: Uint8Array;
  jobValues: Float64Array;
  jobState: Uint8Array;
  jobGrid: Uint8Array;
}

interface FastVersion {
  periods: Period[];
  plan: EvaluationPlan;
  /** Slots (threshold groups) of the version. */
  n: number;
  /**
   * The slots some situation of the referential fills (a non-zero value in any period's vectors), and
   * per slot its index among them or -1: the others stay at 0 for every employee, so the sums skip
   * them and the blocks hold only these (`m` values per task and per job).
   */
  active: Int32Array;
  slotActive: Int32Array;
  m: number;
  /** `n` zeros in an array of doubles: each employee's exposures start as a copy of it. */
  zeros: number[];
  jobIndex: Map<string, number>;
  jobs: FastJob[];
  /** Per flat task: its job's id and its position in the job (to find it in each period's plan). */
  taskJob: string[];
  taskPosition: Int32Array;
  blocks: Map<Signature, Block>;
  /** The blocks of numeric signatures below BLOCK_LIMIT (at most BLOCK_LIMIT of them, so bounded too). */
  smallBlocks: (Block | undefined)[];
}

interface FastShape {
  fast: FastVersion;
  contract: ContractInYear;
  windows: ContractWindows;
  layout: ResultLayout;
  /** Per slot: the threshold (NaN when none). */
  thresholds: Float64Array;
  /** The slots whose exposure is computed (filled by some situation, not on the chemicals grid), and their index among the active ones. */
  figured: Int32Array;
  figuredActive: Int32Array;
  /**
   * The factors a verdict can come from (in force, with a figured slot, a grid slot or a threshold ≤ 0):
   * per such factor its bit, its mode (0 legal threshold in force, 2 no legal threshold), whether it has
   * a grid slot, and its slots to test, `judgedSlots[judgedFrom[i]]` to `judgedSlots[judgedTo[i] - 1]`.
   * The others are "not exposed" whatever the employee: their exposures are all 0.
   */
  judgedBit: Int32Array;
  judgedMode: Uint8Array;
  judgedGrid: Uint8Array;
  judgedFrom: Int32Array;
  judgedTo: Int32Array;
  judgedSlots: Int32Array;
  /** Bits of the factors that earn points under their judging version. */
  earning: number;
  /** Points before doubling, per set of exposed earning factors (-1: not computed yet). */
  points: Int32Array;
}

const BLOCK_LIMIT = 64;
const SHAPE_LIMIT = 20_000;

export interface SpecialisedEvaluator {
  /** The compact result, or `null` when the general path must decide (errors, rare cases). */
  evaluate(employee: Employee): CompactResult | null;
}

export function createSpecialised(setup: EvaluationSetup): SpecialisedEvaluator {
  const { referential, year } = setup;
  const referenceHours = referential.workingYear.annualHours;
  const signed = signatures(referential.questions, referential.nodes);
  const versions = new Map<string, FastVersion | null>();
  const layouts = new Map<string, ResultLayout>();
  const shapes = new Map<string, Map<string, FastShape | null>>();
  let shapeCount = 0;
  let lastStart: unknown = null;
  let lastEnd: unknown = null;
  let lastShape: FastShape | null = null;
  let acc = new Float64Array(32);
  let jobAcc = new Float64Array(32);

  const fastVersion = (version: RegulationVersion): FastVersion | null => {
    let found = versions.get(version.id);
    if (found === undefined) {
      try {
        found = buildVersion(setup.periodsFor(version));
      } catch (error) {
        // A situation this version cannot evaluate: the general path reports it, employee by employee.
        if (!(error instanceof EvaluationError)) throw error;
        found = null;
      }
      versions.set(version.id, found);
    }
    return found;
  };

  const buildShape = (start: string | undefined, end: string | undefined): FastShape | null => {
    if (start !== undefined && !isIsoDate(start)) return null;
    if (end !== undefined && !isIsoDate(end)) return null;
    if (start !== undefined && end !== undefined && end < start) return null;
    const contract = contractInYear(year, start, end);
    if (contract === 'outside') return null;
    const version = setup.forced ?? regulationInForce(contract.end)!;
    const fast = fastVersion(version);
    if (!fast) return null;
    const { windows, judged, judgedVersions, thresholdOverrides } = setup.shapeFor(version, contract);
    const layoutKey = `${version.id}|${judgedVersions ? [...judgedVersions].join(',') : ''}|${thresholdOverrides ? JSON.stringify(thresholdOverrides) : ''}`;
    let layout = layouts.get(layoutKey);
    if (!layout) layouts.set(layoutKey, (layout = buildLayout(version, fast.plan, judged, judgedVersions, thresholdOverrides)));
    return {
      fast,
      contract,
      windows,
      layout,
      ...judging(layout, fast.slotActive),
      earning: layout.factors.reduce((bits, f) => (f.earnsPoints ? bits | f.bit : bits), 0),
      points: new Int32Array(1 << FACTOR_CODES.length).fill(-1),
    };
  };

  /** The shape of a contract's dates, checked and computed once per distinct pair of date texts. */
  const shapeOf = (start: unknown, end: unknown): FastShape | null => {
    if (start === lastStart && end === lastEnd) return lastShape;
    if ((start !== undefined && typeof start !== 'string') || (end !== undefined && typeof end !== 'string')) return null;
    const startKey = start ?? '';
    const endKey = end ?? '';
    let byEnd = shapes.get(startKey);
    let shape = byEnd?.get(endKey);
    if (shape === undefined) {
      // Bounded: a staff with thousands of distinct contract dates must not grow this without limit.
      if (shapeCount >= SHAPE_LIMIT) {
        shapes.clear();
        shapeCount = 0;
        byEnd = undefined;
      }
      if (!byEnd) shapes.set(startKey, (byEnd = new Map()));
      shape = buildShape(start, end);
      byEnd.set(endKey, shape);
      shapeCount++;
    }
    lastStart = start;
    lastEnd = end;
    lastShape = shape;
    return shape;
  };

  /** The points of a set of exposed earning factors, before doubling. */
  const basePoints = (shape: FastShape, earning: number): number => {
    let base = shape.points[earning]!;
    if (base < 0) {
      const codes: FactorCode[] = [];
      for (const f of shape.layout.factors) if (earning & f.bit) codes.push(f.factor);
      base = computePoints({ windows: shape.windows, earning: codes, inForceFrom: shape.fast.plan.inForceFrom, bornBeforeJuly1956: false, withDetail: false }).base;
      shape.points[earning] = base;
    }
    return base;
  };

  let lastSignature: Signature | null = null;
  let lastFast: FastVersion | null = null;
  let lastBlock: Block | null = null;
  const blockOf = (fast: FastVersion, signature: Signature, answers: Readonly<Record<string, AnswerValue>>): Block => {
    if (signature === lastSignature && fast === lastFast) return lastBlock!;
    // Small numeric signatures (the usual case: a few employee-level questions) index an array, not the map.
    const small = typeof signature === 'number' && signature < BLOCK_LIMIT;
    let block = small ? fast.smallBlocks[signature] : fast.blocks.get(signature);
    if (!block) {
      if (fast.blocks.size >= BLOCK_LIMIT) fast.blocks.clear();
      const tasks = fast.taskJob.length;
      const jobs = fast.jobs.length;
      block = {
        answers: ownAnswers(answers),
        taskValues: new Float64Array(tasks * fast.m),
        taskState: new Uint8Array(tasks),
        taskGrid: new Uint8Array(tasks),
        jobValues: new Float64Array(jobs * fast.m),
        jobState: new Uint8Array(jobs),
        jobGrid: new Uint8Array(jobs),
      };
      if (small) fast.smallBlocks[signature] = block;
      else fast.blocks.set(signature, block);
    }
    lastSignature = signature;
    lastFast = fast;
    lastBlock = block;
    return block;
  };

  const NO_ANSWERS: Readonly<Record<string, AnswerValue>> = {};

  const evaluate = (e: Employee): CompactResult | null => {
    if (typeof e !== 'object' || e === null) return null;
    const hours = e.annualHours;
    if (!(typeof hours === 'number' && hours > 0 && hours <= MAX_ANNUAL_HOURS)) return null;
    const c = e.contract;
    if (typeof c !== 'object' || c === null) return null;
    const shape = shapeOf(c.start, c.end);
    if (shape === null) return null;
    const signature = signed.of(e.answers);
    if (signature === null) return null;
    const fast = shape.fast;
    const block = blockOf(fast, signature, e.answers ?? NO_ANSWERS);

    let presence = 1;
    let absence: AbsenceEffect | undefined;
    if (e.absences !== undefined) {
      if (!Array.isArray(e.absences)) return null;
      if (e.absences.length > 0) {
        try {
          absence = absenceEffect(e, shape.contract);
        } catch (error) {
          if (error instanceof EvaluationError) return null;
          throw error;
        }
        if (absence) presence = absence.presence;
      }
    }

    const m = fast.m;
    if (acc.length < m) {
      acc = new Float64Array(m);
      jobAcc = new Float64Array(m);
    }
    // A loop, not `fill`: m is a handful of slots and the builtin call costs more than the writes.
    for (let s = 0; s < m; s++) acc[s] = 0;
    let grid = 0;
    const jobs = e.jobs;
    if (!Array.isArray(jobs)) return null;
    let jobSum = 0;
    for (let i = 0; i < jobs.length; i++) {
      const mj = jobs[i]!;
      if (typeof mj !== 'object' || mj === null) return null;
      const j = fast.jobIndex.get(mj.job);
      if (j === undefined) return null;
      for (let k = 0; k < i; k++) if (jobs[k]!.job === mj.job) return null;
      const share = mj.share;
      if (!(typeof share === 'number' && share >= 0 && share <= 100)) return null;
      jobSum += share;
      const overrides = mj.tasks;
      if (!overrides) {
        // A job whose default shares do not sum to 100 % is FAILS in every block (fillJob).
        let state = block.jobState[j]!;
        if (state === UNKNOWN) state = fillJob(fast, block, j);
        if (state === FAILS) return null;
        if (share === 0) continue;
        const w = share / 100;
        const values = block.jobValues;
        const base = j * m;
        for (let s = 0; s < m; s++) acc[s]! += w * values[base + s]!;
        if (block.jobGrid[j]! > grid) grid = block.jobGrid[j]!;
        continue;
      }
      if (!Array.isArray(overrides)) return null;
      const job = fast.jobs[j]!;
      // The job's year from the employee's own task shares, in the general path's order (employee.ts).
      for (let s = 0; s < m; s++) jobAcc[s] = 0;
      let taskSum = 0;
      for (let k = 0; k < overrides.length; k++) {
        const mt = overrides[k]!;
        if (typeof mt !== 'object' || mt === null) return null;
        const t = job.taskIndex.get(mt.task);
        if (t === undefined) return null;
        for (let x = 0; x < k; x++) if (overrides[x]!.task === mt.task) return null;
        const taskShare = mt.share;
        if (!(typeof taskShare === 'number' && taskShare >= 0 && taskShare <= 100)) return null;
        taskSum += taskShare;
        if (share === 0 || taskShare === 0) continue;
        let state = block.taskState[t]!;
        if (state === UNKNOWN) state = fillTask(fast, block, t);
        if (state === FAILS) return null;
        const w = taskShare / 100;
        const values = block.taskValues;
        const base = t * m;
        for (let s = 0; s < m; s++) jobAcc[s]! += w * values[base + s]!;
        if (block.taskGrid[t]! > grid) grid = block.taskGrid[t]!;
      }
      if (Math.abs(taskSum - 100) > SHARE_TOLERANCE) return null;
      if (share === 0) continue;
      const w = share / 100;
      for (let s = 0; s < m; s++) acc[s]! += w * jobAcc[s]!;
    }
    if (Math.abs(jobSum - 100) > SHARE_TOLERANCE) return null;

    const ratio = hours / referenceHours;
    const mult = ratio * presence;
    // A plain array (a small typed array per employee costs a backing store of its own), copied from
    // one already holding doubles, so that V8 allocates it once with its final element kind.
    const exposures = fast.zeros.slice();
    const slotActive = fast.slotActive;
    const { thresholds, figured, figuredActive, judgedBit, judgedMode, judgedGrid, judgedFrom, judgedTo, judgedSlots } = shape;
    for (let i = 0; i < figured.length; i++) {
      const a = acc[figuredActive[i]!]!;
      exposures[figured[i]!] = a === 0 ? 0 : Math.round(a * mult * 1e6) / 1e6;
    }
    // Verdicts, as factorVerdict in employee.ts: ≥ the threshold, on the exposures rounded to 10⁻⁶.
    let exposed = 0;
    let toAnalyse = 0;
    let noLegal = 0;
    let changed = 0;
    let shownGrid = 0;
    for (let f = 0; f < judgedBit.length; f++) {
      const mode = judgedMode[f]!;
      let verdict = NOT;
      if (judgedGrid[f] === 1 && grid !== 0) {
        shownGrid = mode === 2 ? 2 : grid;
        verdict = mode === 2 ? NO_LEGAL : grid === 2 ? EXPOSED : ANALYSE;
      }
      const to = judgedTo[f]!;
      for (let k = judgedFrom[f]!; k < to; k++) {
        const s = judgedSlots[k]!;
        const x = exposures[s]!;
        if (mode === 2) {
          if (x > 0) verdict = NO_LEGAL;
        } else if (x >= thresholds[s]!) verdict = EXPOSED;
      }
      const bit = judgedBit[f]!;
      if (verdict === EXPOSED) exposed |= bit;
      else {
        if (verdict === ANALYSE) toAnalyse |= bit;
        else if (verdict === NO_LEGAL) noLegal |= bit;
        // The same factor on the post's usual conditions, to tell what the long absences changed.
        if (presence < 1 && mode === 0) {
          for (let k = judgedFrom[f]!; k < to; k++) {
            const s = judgedSlots[k]!;
            const q = slotActive[s]!;
            if (Math.round((q < 0 ? 0 : acc[q]!) * ratio * 1e6) / 1e6 >= thresholds[s]!) {
              changed |= bit;
              break;
            }
          }
        }
      }
    }

    const earning = exposed & shape.earning;
    let points = 0;
    let declared = 0;
    if (earning !== 0) {
      // The general path's rule itself; a birth it refuses (missing, 1956 alone) is the general path's to report.
      if (typeof e.birth !== 'number' && typeof e.birth !== 'string') return null;
      let doubled: boolean;
      try {
        doubled = bornBeforeJuly1956(e);
      } catch (error) {
        if (error instanceof EvaluationError) return null;
        throw error;
      }
      if (shape.windows.eligible) {
        points = basePoints(shape, earning) * (doubled ? 2 : 1);
        declared = earning;
      }
    }
    return {
      employee: e.id,
      year,
      regulation: shape.layout.regulation,
      layout: shape.layout,
      workingTimeRatio: ratio,
      exposures,
      grid: shownGrid as GridLevel,
      exposed,
      toAnalyse,
      noLegalThreshold: noLegal,
      declared,
      points,
      contract: c.reference,
      absence: absence ? absenceResult(absence, shape.layout.factors.filter((f) => changed & f.bit).map((f) => f.factor)) : undefined,
      temporary: e.temporary ? e.temporary : undefined,
    };
  };

  return { evaluate };
}

/** A copy of the answers (the caller may reuse its objects from one employee to the next). */
function ownAnswers(answers: Readonly<Record<string, AnswerValue>>): Record<string, AnswerValue> {
  const copy: Record<string, AnswerValue> = {};
  for (const key of Object.keys(answers)) Object.defineProperty(copy, key, { value: answers[key], enumerable: true, writable: true });
  return copy;
}

function buildVersion(periods: Period[]): FastVersion {
  const plan = periods[0]!.plan;
  const jobIndex = new Map<string, number>();
  const jobs: FastJob[] = [];
  const taskJob: string[] = [];
  const positions: number[] = [];
  for (const job of plan.jobs.values()) {
    jobIndex.set(job.id, jobs.length);
    const taskIndex = new Map<string, number>();
    const tasks = job.tasks.map((t) => {
      const index = taskJob.length;
      taskJob.push(job.id);
      positions.push(t.position);
      // The last of two tasks with one id wins, as in the plan's index.
      taskIndex.set(t.id, index);
      return index;
    });
    jobs.push({ taskIndex, tasks: Int32Array.from(tasks), defaultShares: Float64Array.from(job.tasks, (t) => t.defaultShare), defaultsSumTo100: Math.abs(job.defaultSum - 100) <= SHARE_TOLERANCE });
  }
  const n = plan.slots.length;
  const filled = new Uint8Array(n);
  for (const period of periods) {
    for (const vector of period.plan.vectors.values()) {
      for (let s = 0; s < n; s++) if (vector.values[s] !== 0) filled[s] = 1;
    }
  }
  const slotActive = new Int32Array(n).fill(-1);
  const active: number[] = [];
  for (let s = 0; s < n; s++) if (filled[s]) slotActive[s] = active.push(s) - 1;
  // Made of a double first so that the array's elements are doubles (V8 keeps the kind on copy).
  const zeros = Array.from({ length: n }, () => 0.5).fill(0);
  return { periods, plan, n, zeros, active: Int32Array.from(active), slotActive, m: active.length, jobIndex, jobs, taskJob, taskPosition: Int32Array.from(positions), blocks: new Map(), smallBlocks: new Array<Block | undefined>(BLOCK_LIMIT).fill(undefined) };
}

const gridLevel = (grid: GridConclusion): number => (grid === 'exposed' ? 2 : grid === 'to_analyse' ? 1 : 0);

/** A task's year at 100 % time for the block's answers: its situation in each part of the year, weighted by the part's share of the year. */
function fillTask(fast: FastVersion, block: Block, t: number): number {
  const n = fast.m;
  const active = fast.active;
  const base = t * n;
  const values = block.taskValues;
  let grid = 0;
  for (const period of fast.periods) {
    const task = period.plan.jobs.get(fast.taskJob[t]!)!.tasks[fast.taskPosition[t]!]!;
    const r = task.resolution;
    let vector;
    if (r.kind === 'static') vector = r.vector;
    else if (r.kind === 'error') return fail(block.taskState, t, values, base, n);
    else {
      try {
        vector = period.plan.vectors.get(situationFor(period.plan, task.entry, block.answers))!;
      } catch (error) {
        if (error instanceof EvaluationError) return fail(block.taskState, t, values, base, n);
        throw error;
      }
    }
    const fraction = period.fraction;
    for (let q = 0; q < n; q++) values[base + q]! += fraction * vector.values[active[q]!]!;
    grid = Math.max(grid, gridLevel(vector.grid));
  }
  block.taskGrid[t] = grid;
  block.taskState[t] = READY;
  return READY;
}

/** A job's default weighting of its tasks, in the general path's order (tasks in order, 0 % ones skipped). */
function fillJob(fast: FastVersion, block: Block, j: number): number {
  const n = fast.m;
  const job = fast.jobs[j]!;
  const base = j * n;
  const values = block.jobValues;
  if (!job.defaultsSumTo100) return fail(block.jobState, j, values, base, n);
  let grid = 0;
  for (let k = 0; k < job.tasks.length; k++) {
    const share = job.defaultShares[k]!;
    if (share === 0) continue;
    const t = job.tasks[k]!;
    let state = block.taskState[t]!;
    if (state === UNKNOWN) state = fillTask(fast, block, t);
    if (state === FAILS) return fail(block.jobState, j, values, base, n);
    const w = share / 100;
    const taskBase = t * n;
    for (let s = 0; s < n; s++) values[base + s]! += w * block.taskValues[taskBase + s]!;
    grid = Math.max(grid, block.taskGrid[t]!);
  }
  block.jobGrid[j] = grid;
  block.jobState[j] = READY;
  return READY;
}

function fail(states: Uint8Array, index: number, values: Float64Array, base: number, n: number): number {
  values.fill(0, base, base + n);
  states[index] = FAILS;
  return FAILS;
}

/** What the verdict loop reads, per contract shape: see FastShape. */
function judging(layout: ResultLayout, slotActive: Int32Array): Pick<FastShape, 'thresholds' | 'figured' | 'figuredActive' | 'judgedBit' | 'judgedMode' | 'judgedGrid' | 'judgedFrom' | 'judgedTo' | 'judgedSlots'> {
  const thresholds = Float64Array.from(layout.groups, (g) => g.threshold ?? Number.NaN);
  const figured: number[] = [];
  layout.groups.forEach((g, s) => {
    if (!g.grid && slotActive[s]! >= 0) figured.push(s);
  });
  const bits: number[] = [];
  const modes: number[] = [];
  const grids: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const slots: number[] = [];
  for (const f of layout.factors) {
    if (!f.inForce) continue;
    const mode = f.legalThreshold ? 0 : 2;
    let grid = 0;
    const start = slots.length;
    for (let s = f.from; s < f.to; s++) {
      if (layout.groups[s]!.grid) grid = 1;
      // A slot no situation fills has exposure 0: it decides only against a threshold ≤ 0.
      else if (slotActive[s]! >= 0 || (mode === 0 && thresholds[s]! <= 0)) slots.push(s);
    }
    if (grid === 0 && slots.length === start) continue;
    bits.push(f.bit);
    modes.push(mode);
    grids.push(grid);
    from.push(start);
    to.push(slots.length);
  }
  return {
    thresholds,
    figured: Int32Array.from(figured),
    figuredActive: Int32Array.from(figured, (s) => slotActive[s]!),
    judgedBit: Int32Array.from(bits),
    judgedMode: Uint8Array.from(modes),
    judgedGrid: Uint8Array.from(grids),
    judgedFrom: Int32Array.from(from),
    judgedTo: Int32Array.from(to),
    judgedSlots: Int32Array.from(slots),
  };
}

/** The labels, thresholds and units of a version's groups as one employee's result shows them. */
function buildLayout(version: RegulationVersion, plan: EvaluationPlan, judged: ReadonlyMap<FactorCode, FactorDef> | undefined, judgedVersions: ReadonlyMap<FactorCode, string> | undefined, thresholdOverrides: Record<string, number> | undefined): ResultLayout {
  const factors: LayoutFactor[] = [];
  const groups: LayoutGroup[] = [];
  version.factors.forEach((own, fi) => {
    const factor = judged?.get(own.code) ?? own;
    const abrogated = factor.inForce && !factor.legalThreshold;
    const slots = plan.factorSlots[fi]!;
    const from = groups.length;
    for (const s of slots) {
      const group = plan.slots[s]!.group;
      const minimum = group.minimum;
      groups.push({
        factor: factor.code,
        factorIndex: fi,
        code: group.code,
        label: group.label,
        threshold: minimum === null || abrogated ? null : (thresholdOverrides?.[group.code] ?? minimum.value),
        indicativeThreshold: minimum !== null && abrogated ? minimum.value : null,
        unit: minimum?.unit ?? null,
        grid: minimum === null,
      });
    }
    factors.push({
      factor: factor.code,
      bit: 1 << FACTOR_CODES.indexOf(factor.code),
      label: factor.label,
      regulation: factor === own ? version.id : (judgedVersions?.get(factor.code) ?? version.id),
      inForce: factor.inForce,
      legalThreshold: factor.legalThreshold,
      earnsPoints: factor.earnsPoints,
      retained: plan.retained.has(factor.code),
      dsnCode: factor.dsnCode,
      from,
      to: groups.length,
    });
  });
  return { regulation: version.id, factors, groups };
}
