import type { FactorCode } from '../regulation/types.ts';
import type { Employee, Referential, Verdict } from '../referential/schema.ts';
import { createEvaluator, EvaluationError, type CompanyAnswers, type EmployeeResult } from '../evaluate/index.ts';
import type { Change, DiffResult } from './types.ts';

export interface ChangeRef {
  kind: Change['kind'];
  id?: string;
  /** Index of the change in the diff's change list. */
  index: number;
}

export interface FactorImpact {
  factor: FactorCode;
  before: { verdict: Verdict; exposure: number | null; threshold: number | null };
  after: { verdict: Verdict; exposure: number | null; threshold: number | null };
  causes: ChangeRef[];
}

export interface EmployeeImpact {
  employee: string;
  factors: FactorImpact[];
  points: { before: number; after: number; causes: ChangeRef[] } | null;
}

export interface ImpactResult {
  year: number;
  employees: number;
  changed: EmployeeImpact[];
  errors: Array<{ employee: string; side: 'before' | 'after'; error: EvaluationError }>;
}

/** The deciding group's exposure and threshold (the exposed one, or the closest to its threshold). */
function deciding(result: EmployeeResult, factor: FactorCode) {
  const f = result.factors.find((x) => x.factor === factor)!;
  let best: { exposure: number | null; threshold: number | null } = { exposure: null, threshold: null };
  let ratio = -1;
  for (const g of f.groups) {
    if (!g.threshold) continue;
    const r = g.exposure / g.threshold.value;
    if (r > ratio) {
      ratio = r;
      best = { exposure: g.exposure, threshold: g.threshold.value };
    }
  }
  return { verdict: f.verdict, ...best };
}

/** Every element an employee's result for a factor rests on: jobs, tasks, nodes, questions, measures, situations. */
function elementsFor(result: EmployeeResult, factor: FactorCode | null): Set<string> {
  const ids = new Set<string>();
  for (const c of result.trace ?? []) {
    if (factor !== null && c.factor !== factor) continue;
    ids.add(c.job).add(c.task).add(c.situation);
    for (const step of c.path) {
      ids.add(step.node);
      ids.add(step.kind === 'question' ? step.question : step.measure);
    }
  }
  return ids;
}

/**
 * Evaluates a staff list under both versions and lists every employee whose verdict for a factor or
 * whose points change, each tied to the diff changes that touch what the result rests on: the elements
 * on the employee's paths in either version, and the global changes (regulation version, reference
 * working year, factors retained) that apply to that factor.
 */
export function impact(a: Referential, b: Referential, result: DiffResult, company: CompanyAnswers, employees: readonly Employee[], year: number): ImpactResult {
  const before = createEvaluator(a, company, { year, trace: true });
  const after = createEvaluator(b, company, { year, trace: true });
  const out: ImpactResult = { year, employees: employees.length, changed: [], errors: [] };
  const global = (factor: FactorCode | null): ChangeRef[] =>
    result.changes.flatMap((c, index): ChangeRef[] => {
      if (c.kind === 'regulation' || c.kind === 'working_year') return [{ kind: c.kind, index }];
      if (c.kind === 'factors' && (factor === null || c.retainedAdded.includes(factor) || c.retainedRemoved.includes(factor))) return [{ kind: c.kind, index }];
      return [];
    });
  // A situation change explains a factor's change only if it touches that factor (an exposure of it, a
  // flip of it) or moves the situation; a job, task or decision-node change touches every factor.
  const relevant = (c: Change, factor: FactorCode | null): boolean =>
    c.kind !== 'situation' || factor === null || c.op !== 'changed' || c.aspects.includes('moved') || c.exposures.some((e) => e.factor === factor) || c.flips.some((f) => f.factor === factor);
  const touching = (ids: Set<string>, factor: FactorCode | null): ChangeRef[] =>
    result.changes.flatMap((c, index) => ('id' in c && ids.has(c.id) && relevant(c, factor) ? [{ kind: c.kind, id: c.id, index }] : []));

  for (const employee of employees) {
    let ra: EmployeeResult;
    let rb: EmployeeResult;
    try {
      ra = before.evaluate(employee);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      out.errors.push({ employee: employee.id, side: 'before', error });
      continue;
    }
    try {
      rb = after.evaluate(employee);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      out.errors.push({ employee: employee.id, side: 'after', error });
      continue;
    }
    const factors: FactorImpact[] = [];
    for (const f of ra.factors) {
      const x = deciding(ra, f.factor);
      const y = deciding(rb, f.factor);
      if (x.verdict === y.verdict) continue;
      const ids = new Set([...elementsFor(ra, f.factor), ...elementsFor(rb, f.factor)]);
      factors.push({ factor: f.factor, before: x, after: y, causes: [...global(f.factor), ...touching(ids, f.factor)] });
    }
    // Points follow the verdicts; without a verdict change, only a rule change (regulation) explains them.
    const pointCauses = factors.length > 0 ? dedupe(factors.flatMap((f) => f.causes)) : global(null);
    const points = ra.points.total === rb.points.total ? null : { before: ra.points.total, after: rb.points.total, causes: pointCauses };
    if (factors.length > 0 || points) out.changed.push({ employee: employee.id, factors, points });
  }
  return out;
}

function dedupe(refs: ChangeRef[]): ChangeRef[] {
  const seen = new Set<number>();
  return refs.filter((r) => !seen.has(r.index) && seen.add(r.index)).sort((x, y) => x.index - y.index);
}
