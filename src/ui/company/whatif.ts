import { FACTOR_CODES, type Employee, type FactorCode, type MissionJob, type ThresholdUnit, type Verdict } from '../../core/index.ts';
import type { CompanyEvaluation, EmployeeSummary } from './evaluation.ts';

/*
 * What changed between two evaluations of the same staff: a what-if (a measure ticked, shares changed,
 * another regulation version) against the current results, or this year against last year. Pure.
 */

export interface FactorFlip {
  factor: FactorCode;
  before: Verdict;
  after: Verdict;
}

export interface EmployeeChange {
  employee: string;
  /** 'added': only in the second evaluation; 'removed': only in the first. */
  status: 'changed' | 'added' | 'removed';
  flips: FactorFlip[];
  pointsBefore: number;
  pointsAfter: number;
  /** Exposure of every factor whose figure moved, in the deciding group's unit. */
  exposures: Array<{ factor: FactorCode; before: number; after: number; unit: ThresholdUnit | null }>;
}

export interface FactorDelta {
  factor: FactorCode;
  exposedBefore: number;
  exposedAfter: number;
  /** Employees who became exposed / stopped being exposed. */
  becameExposed: number;
  noLongerExposed: number;
}

export interface Comparison {
  changes: EmployeeChange[];
  /**
   * 1 at each position of the second evaluation's summaries whose employee changed or was added: the
   * results table marks and filters its rows by position, without a set of 80 000 ids on the page.
   */
  changedAt: Uint8Array;
  factors: FactorDelta[];
  pointsBefore: number;
  pointsAfter: number;
  exposedBefore: number;
  exposedAfter: number;
  declaredBefore: number;
  declaredAfter: number;
}

const verdictOf = (s: EmployeeSummary | undefined, factor: FactorCode): Verdict => s?.factors.find((f) => f.factor === factor)?.verdict ?? 'not_exposed';
const exposureOf = (s: EmployeeSummary, factor: FactorCode) => s.factors.find((f) => f.factor === factor)?.exposure ?? 0;

/** Differences employee by employee (matched by id), and per factor. */
export function compareEvaluations(before: CompanyEvaluation, after: CompanyEvaluation): Comparison {
  const b = new Map(before.summaries.map((s) => [s.employee, s]));
  const a = new Map(after.summaries.map((s) => [s.employee, s]));
  const changes: EmployeeChange[] = [];
  const changedIds = new Set<string>();
  const ids = [...b.keys(), ...[...a.keys()].filter((id) => !b.has(id))];
  for (const id of ids) {
    const x = b.get(id);
    const y = a.get(id);
    if (!x || !y) {
      const only = (x ?? y)!;
      if (y) changedIds.add(id);
      changes.push({
        employee: id,
        status: x ? 'removed' : 'added',
        flips: only.exposed.map((factor) => ({ factor, before: x ? 'exposed' : 'not_exposed', after: x ? 'not_exposed' : 'exposed' })),
        pointsBefore: x?.points ?? 0,
        pointsAfter: y?.points ?? 0,
        exposures: [],
      });
      continue;
    }
    const flips: FactorFlip[] = [];
    const exposures: EmployeeChange['exposures'] = [];
    for (const factor of FACTOR_CODES) {
      const vb = verdictOf(x, factor);
      const va = verdictOf(y, factor);
      if (vb !== va) flips.push({ factor, before: vb, after: va });
      const eb = exposureOf(x, factor);
      const ea = exposureOf(y, factor);
      if (Math.abs(eb - ea) > 1e-9) exposures.push({ factor, before: eb, after: ea, unit: y.factors.find((f) => f.factor === factor)?.unit ?? null });
    }
    if (flips.length > 0 || x.points !== y.points || exposures.length > 0) {
      changedIds.add(id);
      changes.push({ employee: id, status: 'changed', flips, pointsBefore: x.points, pointsAfter: y.points, exposures });
    }
  }
  const count = (e: CompanyEvaluation, factor: FactorCode) => e.summaries.reduce((n, s) => n + (s.exposed.includes(factor) ? 1 : 0), 0);
  const factors = FACTOR_CODES.map((factor) => ({
    factor,
    exposedBefore: count(before, factor),
    exposedAfter: count(after, factor),
    becameExposed: changes.filter((c) => c.flips.some((f) => f.factor === factor && f.after === 'exposed')).length,
    noLongerExposed: changes.filter((c) => c.flips.some((f) => f.factor === factor && f.before === 'exposed')).length,
  }));
  const points = (e: CompanyEvaluation) => e.summaries.reduce((n, s) => n + s.points, 0);
  const anyExposed = (e: CompanyEvaluation) => e.summaries.filter((s) => s.exposed.length > 0).length;
  const declared = (e: CompanyEvaluation) => e.summaries.filter((s) => s.dsn.length > 0).length;
  const changedAt = new Uint8Array(after.summaries.length);
  after.summaries.forEach((s, i) => {
    if (changedIds.has(s.employee)) changedAt[i] = 1;
  });
  return {
    changes,
    changedAt,
    factors,
    pointsBefore: points(before),
    pointsAfter: points(after),
    exposedBefore: anyExposed(before),
    exposedAfter: anyExposed(after),
    declaredBefore: declared(before),
    declaredAfter: declared(after),
  };
}

/** The hypotheses of a what-if on top of the company's real inputs. */
export interface WhatIf {
  /** Measure id → in place all year (true) or not at all (false); absent: as entered. */
  measures: Record<string, boolean>;
  /** A regulation version id forced; undefined: the version in force. */
  regulation?: string;
  /** Employee id → job shares replacing the mission profile's (tasks kept for the jobs still held). */
  shares: Record<string, Record<string, number>>;
}

export const NO_WHAT_IF: WhatIf = { measures: {}, shares: {} };

export const isWhatIfActive = (w: WhatIf) => Object.keys(w.measures).length > 0 || w.regulation !== undefined || Object.keys(w.shares).length > 0;

/** The company's measures with the what-if's ticks: a ticked measure counts all year, an unticked one not at all. */
export function measuresWithWhatIf(measures: ReadonlyArray<{ measure: string; since?: string }>, w: WhatIf): Array<{ measure: string; since?: string }> {
  const kept = measures.filter((m) => w.measures[m.measure] === undefined);
  const added = Object.entries(w.measures)
    .filter(([, inPlace]) => inPlace)
    .map(([measure]) => ({ measure }));
  return [...kept, ...added];
}

/** The employee with the what-if's shares: jobs at 0 % are left out, task shares kept for the others. */
export function employeeWithShares(employee: Employee, shares: Record<string, number> | undefined): Employee {
  if (!shares) return employee;
  const jobs: MissionJob[] = Object.entries(shares)
    .filter(([, share]) => share > 0)
    .map(([job, share]) => {
      const tasks = employee.jobs.find((j) => j.job === job)?.tasks;
      return tasks ? { job, share, tasks } : { job, share };
    });
  return { ...employee, jobs };
}

/** The staff with a what-if's job shares (only the employees named are copied). */
export function withShares(employees: readonly Employee[], shares: WhatIf['shares']): Employee[] {
  return employees.map((e) => employeeWithShares(e, shares[e.id]));
}
