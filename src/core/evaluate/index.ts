import { factorOf, REGULATION_VERSIONS, REMOVED_2017, regulationById, regulationInForce, resolveRegulation } from '../regulation/index.ts';
import { FACTOR_CODES, type FactorCode, type FactorDef, type RegulationVersion } from '../regulation/types.ts';
import { resolveRules, type UnsettledRules } from './rules.ts';
import type { CompanyInput, Employee, Referential } from '../referential/schema.ts';
import { compileForRegulation } from './compile.ts';
import { addDays, daysBetween } from '../util/dates.ts';
import { checkEmployeeBasics, evaluateWith, type Period } from './employee.ts';
import { EvaluationError } from './errors.ts';
import { contractInYear, planPeriods, type ContractInYear, type PeriodPlan } from './points.ts';
import { absenceEffect } from './absence.ts';
import type { AgencyTotal, EmployeeResult, EvaluationOptions, StaffResult } from './types.ts';

export * from './types.ts';
export { EvaluationError, type EvaluationErrorCode } from './errors.ts';
export { DEFAULT_RULES, RULE_CHOICES, resolveRules, type UnsettledRules } from './rules.ts';
export { absenceEffect, ABSENCE_REASON_LABELS, type AbsenceEffect } from './absence.ts';

export type CompanyAnswers = Pick<CompanyInput, 'answers' | 'measures'>;

export interface Evaluator {
  /** One employee's result; throws `EvaluationError` (and nothing else) on bad input. */
  evaluate(employee: Employee): EmployeeResult;
  /** A whole staff list: per-employee results or errors, and company totals. */
  evaluateStaff(employees: readonly Employee[]): StaffResult;
}

/**
 * Prepares a referential for one company and one year; the returned evaluator then runs each
 * employee without walking the decision trees again for company-level decisions.
 *
 * @example
 * const evaluator = createEvaluator(referential, { answers: { activite: 'atelier' }, measures: [] }, { year: 2024 });
 * evaluator.evaluate({ id: 'E1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] });
 */
export function createEvaluator(referential: Referential, company: CompanyAnswers, options: EvaluationOptions): Evaluator {
  if (!Number.isInteger(options.year) || options.year < 2015 || options.year > 2100) {
    throw new EvaluationError('year_unsupported', 'year', `année ${options.year} non prise en charge : les seuils existent à partir de 2015`);
  }
  let forced: RegulationVersion | undefined;
  if (options.regulation !== undefined) {
    forced = resolveRegulation(options.regulation);
    if (!forced) throw new EvaluationError('regulation_unknown', 'regulation', `version réglementaire inconnue « ${options.regulation} »`);
  }
  checkCompany(referential, company);
  const parts = measurePeriods(company, options.year);
  const cache = new Map<string, Period[]>();
  const periodsFor = (version: RegulationVersion) => {
    let periods = cache.get(version.id);
    if (!periods) {
      periods = parts.map((part) => ({ ...part, compiled: compileForRegulation(referential, version, { answers: company.answers, measuresInPlace: part.measures }) }));
      cache.set(version.id, periods);
    }
    return periods;
  };
  const scratch = new Float64Array(32);
  const year = options.year;
  const rules = resolveRules(options.rules);
  // Most staff share a handful of contract shapes (whole year, a few dates): plan each shape once.
  const plans = new Map<string, ContractShape>();
  const planFor = (version: RegulationVersion, contract: ContractInYear): ContractShape => {
    const key = `${version.id}|${contract.start}|${contract.end}|${contract.contractMonths < 1}`;
    let shape = plans.get(key);
    if (!shape) {
      shape = { plan: planPeriods(contract, version, forced !== undefined, rules), ...judgedFactors(version, contract, forced !== undefined, rules, year) };
      plans.set(key, shape);
    }
    return shape;
  };

  const evaluate = (employee: Employee): EmployeeResult => {
    try {
      checkEmployeeBasics(employee);
      checkEmployeeAnswers(referential, employee);
      const contract = contractInYear(year, employee.contract.start, employee.contract.end);
      if (contract === 'outside') {
        throw new EvaluationError('contract_outside_year', 'contract', `le contrat (${employee.contract.start ?? '…'} → ${employee.contract.end ?? '…'}) ne couvre aucun jour de ${year}`);
      }
      const version = forced ?? regulationInForce(contract.end)!;
      const periods = periodsFor(version);
      const compiled = periods[0]!.compiled;
      const shape = planFor(version, contract);
      return evaluateWith(
        {
          compiled,
          periods,
          year,
          thresholdOverrides: transitionThresholds(version, year, contract.start, contract.end),
          plan: shape.plan,
          judged: shape.judged,
          judgedVersions: shape.judgedVersions,
          absence: absenceEffect(employee, contract),
          trace: options.trace === true,
          scratch: scratch.length >= compiled.slots.length ? scratch : new Float64Array(compiled.slots.length),
        },
        employee,
      );
    } catch (error) {
      if (error instanceof EvaluationError) throw error.employee === undefined ? error.forEmployee(employee.id) : error;
      throw error;
    }
  };

  return {
    evaluate,
    evaluateStaff(employees) {
      const results: EmployeeResult[] = [];
      const errors: StaffResult['errors'] = [];
      employees.forEach((employee, index) => {
        try {
          results.push(evaluate(employee));
        } catch (error) {
          if (!(error instanceof EvaluationError)) throw error;
          errors.push({ index, employee: employee.id, error });
        }
      });
      return { results, errors, totals: staffTotals(results, employees.length) };
    },
  };
}

/** Convenience for a single evaluation (the browser's example employee, scenarios). */
export function evaluate(referential: Referential, company: CompanyAnswers, employee: Employee, options: EvaluationOptions): EmployeeResult {
  return createEvaluator(referential, company, options).evaluate(employee);
}

/**
 * The parts of the year with one set of measures in place. A measure counts from its `since` date: in
 * place all year when it dates from before the year (or has no date), not at all when it comes after
 * the year, and from that day when it comes during the year.
 */
export function measurePeriods(company: CompanyAnswers, year: number): Array<{ from: string; to: string; fraction: number; measures: Set<string> }> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const always = company.measures.filter((m) => m.since === undefined || m.since <= first).map((m) => m.measure);
  const during = company.measures.filter((m) => m.since !== undefined && m.since > first && m.since <= last);
  const starts = [first, ...[...new Set(during.map((m) => m.since!))].sort()];
  const yearDays = daysBetween(first, last) + 1;
  return starts.map((from, i) => {
    const next = starts[i + 1];
    const to = next ? addDays(next, -1) : last;
    const measures = new Set([...always, ...during.filter((m) => m.since! <= from).map((m) => m.measure)]);
    return { from, to, fraction: (daysBetween(from, to) + 1) / yearDays, measures };
  });
}

/**
 * The days of `year` a prevention measure in place from `since` counts for, as `measurePeriods` counts
 * them: all the year without a date or from before it, none when it comes after the year.
 */
export function measureDaysInYear(since: string | undefined, year: number): { days: number; yearDays: number } {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const yearDays = daysBetween(first, last) + 1;
  if (since === undefined || since <= first) return { days: yearDays, yearDays };
  if (since > last) return { days: 0, yearDays };
  return { days: daysBetween(since, last) + 1, yearDays };
}

function checkCompany(referential: Referential, company: CompanyAnswers): void {
  const measures = new Set(referential.measures.map((m) => m.id));
  company.measures.forEach((m, i) => {
    if (!measures.has(m.measure)) throw new EvaluationError('unknown_measure', `measures[${i}].measure`, `mesure de prévention « ${m.measure} » inconnue dans ce référentiel`);
  });
  for (const key of Object.keys(company.answers)) {
    const q = referential.questions.find((x) => x.id === key);
    if (!q) throw new EvaluationError('unknown_question', `answers.${key}`, `critère « ${key} » inconnu dans ce référentiel`);
    if (q.scope !== 'company') throw new EvaluationError('unknown_question', `answers.${key}`, `le critère « ${q.label} » se renseigne par salarié, pas pour l’entreprise`);
  }
}

function checkEmployeeAnswers(referential: Referential, employee: Employee): void {
  if (!employee.answers) return;
  for (const key of Object.keys(employee.answers)) {
    const q = referential.questions.find((x) => x.id === key);
    if (!q) throw new EvaluationError('unknown_question', `answers.${key}`, `critère « ${key} » inconnu dans ce référentiel`);
    if (q.scope !== 'employee') throw new EvaluationError('unknown_question', `answers.${key}`, `le critère « ${q.label} » se renseigne pour l’entreprise, pas par salarié`);
  }
}

interface ContractShape {
  plan: PeriodPlan;
  judged: Map<FactorCode, FactorDef> | undefined;
  judgedVersions: Map<FactorCode, string> | undefined;
}

/**
 * The factors a contract's exposures are judged on under an earlier version's table than the one in
 * force at the contract's end in the year. Only the four factors removed on 2017-10-01 have a case:
 * ordonnance 2017-1389 art. 5 IV keeps the former ten-factor article for the exposures of 2015, 2016
 * and the first three quarters of 2017, so a 2017 contract with days before 2017-10-01 is judged on
 * the former threshold (and earns only in the windows ending by 2017-09-30, see `planPeriods`).
 * Under the rule `not_declared`, the four factors are outside the declaration for all of 2017.
 */
function judgedFactors(version: RegulationVersion, contract: ContractInYear, forced: boolean, rules: UnsettledRules, year: number): Omit<ContractShape, 'plan'> {
  if (forced) return { judged: undefined, judgedVersions: undefined };
  const judged = new Map<FactorCode, FactorDef>();
  const judgedVersions = new Map<FactorCode, string>();
  if (rules.removedFactors2017 === 'not_declared' && year === 2017) {
    const after = regulationById('2017-10-01')!;
    if (after.id !== version.id) {
      for (const code of REMOVED_2017) {
        judged.set(code, factorOf(after, code));
        judgedVersions.set(code, after.id);
      }
    }
  } else {
    // The versions in force on some day of the contract in the year, latest first.
    const during = REGULATION_VERSIONS.filter((v, i) => v.from <= contract.end && (REGULATION_VERSIONS[i + 1]?.from ?? '9999-12-31') > contract.start).reverse();
    for (const f of version.factors) {
      if (f.legalThreshold || !f.inForce) continue;
      const earlier = during.find((v) => factorOf(v, f.code).legalThreshold && factorOf(v, f.code).inForce);
      if (earlier) {
        judged.set(f.code, factorOf(earlier, f.code));
        judgedVersions.set(f.code, earlier.id);
      }
    }
  }
  return judged.size > 0 ? { judged, judgedVersions } : { judged: undefined, judgedVersions: undefined };
}

/**
 * 2023: the administration (CNAM, ameli.fr) prorated the lowered night thresholds by contract period:
 * contract entirely before 2023-09-01 → 120 / 50, entirely from that date → 100 / 30, otherwise
 * (whole year, or straddling) → 113 / 43.
 */
export function transitionThresholds(version: RegulationVersion, year: number, start: string, end: string): Record<string, number> | undefined {
  const t = version.transition;
  if (!t || t.year !== year) return undefined;
  if (end < version.from) return t.beforeOnly;
  if (start >= version.from) return t.afterOnly;
  return t.straddling;
}

/**
 * The company's own totals. Temporary workers are evaluated like everybody (the user company assesses
 * their exposure) but declared by their agency (L4163-1 IV): they are left out of the company's
 * figures — and of the 25 % rule's base — and counted apart, per agency.
 */
function staffTotals(results: readonly EmployeeResult[], employees: number): StaffResult['totals'] {
  const own = results.filter((r) => r.temporary === undefined);
  const evaluated = own.length;
  const share = (n: number) => (evaluated === 0 ? 0 : n / evaluated);
  const byFactor = FACTOR_CODES.map((factor) => {
    const exposed = own.reduce((n, r) => n + (r.exposedFactors.includes(factor) ? 1 : 0), 0);
    return { factor, exposed, share: share(exposed) };
  });
  const exposedAny = own.filter((r) => r.exposedFactors.length > 0).length;
  const exposedDeclared = own.filter((r) => r.dsn.length > 0).length;
  const agencies = new Map<string, AgencyTotal>();
  for (const r of results) {
    if (!r.temporary) continue;
    const total = agencies.get(r.temporary.agency) ?? { agency: r.temporary.agency, workers: 0, declared: 0 };
    total.workers++;
    if (r.dsn.length > 0) total.declared++;
    agencies.set(r.temporary.agency, total);
  }
  const temporaryWorkers = results.length - evaluated;
  return {
    employees,
    evaluated,
    ...(temporaryWorkers > 0 ? { temporaryWorkers, byAgency: [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'fr')) } : {}),
    exposedAny,
    exposedAnyShare: share(exposedAny),
    exposedDeclared,
    exposedDeclaredShare: share(exposedDeclared),
    byFactor,
    points: own.reduce((n, r) => n + r.points.total, 0),
  };
}

/**
 * Totals of several slices of one staff list (evaluated in parts, e.g. between animation frames), equal
 * to what `evaluateStaff` gives for the whole list.
 */
export function mergeStaffTotals(parts: ReadonlyArray<StaffResult['totals']>): StaffResult['totals'] {
  const sum = (pick: (t: StaffResult['totals']) => number) => parts.reduce((n, t) => n + pick(t), 0);
  const evaluated = sum((t) => t.evaluated);
  const share = (n: number) => (evaluated === 0 ? 0 : n / evaluated);
  const agencies = new Map<string, AgencyTotal>();
  for (const part of parts) {
    for (const a of part.byAgency ?? []) {
      const total = agencies.get(a.agency) ?? { agency: a.agency, workers: 0, declared: 0 };
      agencies.set(a.agency, { agency: a.agency, workers: total.workers + a.workers, declared: total.declared + a.declared });
    }
  }
  const exposedAny = sum((t) => t.exposedAny);
  const exposedDeclared = sum((t) => t.exposedDeclared);
  const temporaryWorkers = sum((t) => t.temporaryWorkers ?? 0);
  return {
    employees: sum((t) => t.employees),
    evaluated,
    ...(temporaryWorkers > 0 ? { temporaryWorkers, byAgency: [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'fr')) } : {}),
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
