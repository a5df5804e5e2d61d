import { factorOf, REGULATION_VERSIONS, REMOVED_2017, regulationById, resolveRegulation } from '../regulation/index.ts';
import type { FactorCode, FactorDef, RegulationVersion } from '../regulation/types.ts';
import type { CompanyInput, Employee, Question, Referential } from '../referential/schema.ts';
import { addDays, daysBetween } from '../util/dates.ts';
import { EvaluationError } from './errors.ts';
import { planForRegulation, type EvaluationPlan } from './plan.ts';
import { contractWindows, type ContractInYear, type ContractWindows } from './points.ts';
import { resolveRules, type UnsettledRules } from './rules.ts';
import { checkReferentialShape } from './shape.ts';
import type { EvaluationOptions } from './types.ts';

/*
 * What an evaluator prepares once for a referential, a company and a year, shared by the general path
 * (employee.ts, which explains) and the specialised one (specialised.ts, which counts): the company's
 * inputs checked, the parts of the year split by prevention measures, and — per regulation version
 * met — the evaluation plan of each part.
 */

export type CompanyAnswers = Pick<CompanyInput, 'answers' | 'measures'>;


/**
 * A part of the year with one set of prevention measures in place. A measure put in place during the
 * year (its `since` date) splits the year: exposure is averaged over the calendar year (D4163-3), so
 * each part counts for its share of the year's days.
 */
export interface Period {
  plan: EvaluationPlan;
  fraction: number;
  from: string;
  to: string;
}

/** What depends on a contract's dates in the year, beside the employee: computed once per distinct contract. */
export interface ContractShape {
  windows: ContractWindows;
  /**
   * Factors judged under an earlier version's table than the employee's: the four removed on 2017-10-01
   * for a 2017 contract with days before that date (ordonnance 2017-1389 art. 5 IV, rule
   * `removedFactors2017`). Their groups are the same in both versions, so the slots still apply.
   */
  judged: ReadonlyMap<FactorCode, FactorDef> | undefined;
  /** The version id each judged factor comes from. */
  judgedVersions: ReadonlyMap<FactorCode, string> | undefined;
  /** Threshold overrides of the 2023 transition year, by group code. */
  thresholdOverrides: Record<string, number> | undefined;
}

export interface EvaluationSetup {
  referential: Referential;
  company: CompanyAnswers;
  year: number;
  /** The version forced by `options.regulation` (what-if), if any. */
  forced: RegulationVersion | undefined;
  rules: UnsettledRules;
  trace: boolean;
  /** Question id → question, for the employees' answers. */
  questions: ReadonlyMap<string, Question>;
  /** The parts of the year, each with its plan under `version`; throws `EvaluationError` on a situation the version cannot evaluate. */
  periodsFor(version: RegulationVersion): Period[];
  shapeFor(version: RegulationVersion, contract: ContractInYear): ContractShape;
}

/** Checks the options and the company's inputs, then prepares the plans lazily. Throws `EvaluationError`. */
export function createSetup(referential: Referential, company: CompanyAnswers, options: EvaluationOptions): EvaluationSetup {
  if (!Number.isInteger(options.year) || options.year < 2015 || options.year > 2100) {
    throw new EvaluationError('year_unsupported', 'year', { year: options.year, first: 2015 });
  }
  let forced: RegulationVersion | undefined;
  if (options.regulation !== undefined) {
    forced = resolveRegulation(options.regulation);
    if (!forced) throw new EvaluationError('regulation_unknown', 'regulation', { regulation: options.regulation });
  }
  checkReferentialShape(referential);
  const questions = new Map(referential.questions.map((q) => [q.id, q]));
  checkCompany(referential, questions, company);
  const parts = measurePeriods(company, options.year);
  const year = options.year;
  const rules = resolveRules(options.rules);

  const periods = new Map<string, Period[]>();
  const shapes = new Map<string, ContractShape>();
  return {
    referential,
    company,
    year,
    forced,
    rules,
    trace: options.trace === true,
    questions,
    periodsFor(version) {
      let found = periods.get(version.id);
      if (!found) {
        found = parts.map((part) => ({ from: part.from, to: part.to, fraction: part.fraction, plan: planForRegulation(referential, version, { answers: company.answers, measuresInPlace: part.measures }) }));
        periods.set(version.id, found);
      }
      return found;
    },
    shapeFor(version, contract) {
      const key = `${version.id}|${contract.start}|${contract.end}|${contract.contractMonths < 1}`;
      let shape = shapes.get(key);
      if (!shape) {
        // Bounded: staff with thousands of distinct contract dates must not grow this without limit.
        if (shapes.size >= 4096) shapes.clear();
        shape = {
          windows: contractWindows(contract, version, forced !== undefined, rules),
          ...judgedFactors(version, contract, forced !== undefined, rules, year),
          thresholdOverrides: transitionThresholds(version, year, contract.start, contract.end),
        };
        shapes.set(key, shape);
      }
      return shape;
    },
  };
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

function checkCompany(referential: Referential, questions: ReadonlyMap<string, Question>, company: CompanyAnswers): void {
  const measures = new Set(referential.measures.map((m) => m.id));
  company.measures.forEach((m, i) => {
    if (!measures.has(m.measure)) throw new EvaluationError('unknown_measure', `measures[${i}].measure`, { measure: m.measure });
  });
  for (const key of Object.keys(company.answers)) {
    const q = questions.get(key);
    if (!q) throw new EvaluationError('unknown_question', `answers.${key}`, { question: key });
    if (q.scope !== 'company') throw new EvaluationError('unknown_question', `answers.${key}`, { question: key, scope: q.scope });
  }
}

/** The employee's answers name employee-level questions of the referential only. */
export function checkEmployeeAnswers(questions: ReadonlyMap<string, Question>, employee: Employee): void {
  if (!employee.answers) return;
  for (const key of Object.keys(employee.answers)) {
    const q = questions.get(key);
    if (!q) throw new EvaluationError('unknown_question', `answers.${key}`, { question: key });
    if (q.scope !== 'employee') throw new EvaluationError('unknown_question', `answers.${key}`, { question: key, scope: q.scope });
  }
}

/**
 * The factors a contract's exposures are judged on under an earlier version's table than the one in
 * force at the contract's end in the year. Only the four factors removed on 2017-10-01 have a case:
 * ordonnance 2017-1389 art. 5 IV keeps the former ten-factor article for the exposures of 2015, 2016
 * and the first three quarters of 2017, so a 2017 contract with days before 2017-10-01 is judged on
 * the former threshold (and earns only in the windows ending by 2017-09-30, see `contractWindows`).
 * Under the rule `not_declared`, the four factors are outside the declaration for all of 2017.
 */
function judgedFactors(version: RegulationVersion, contract: ContractInYear, forced: boolean, rules: UnsettledRules, year: number): Pick<ContractShape, 'judged' | 'judgedVersions'> {
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
