import { regulationInForce } from '../regulation/index.ts';
import type { FactorCode, PointsRule, RegulationVersion } from '../regulation/types.ts';
import { addDays, addMonths, maxDate, minDate, wholeMonths } from '../util/dates.ts';
import type { PointsResult } from './types.ts';

export interface ContractInYear {
  /** Contract dates clamped to the year. */
  start: string;
  end: string;
  /** Whole contract length in months (not clamped): under one month nothing is declared. */
  contractMonths: number;
  fullYear: boolean;
}

export function contractInYear(year: number, start: string | undefined, end: string | undefined): ContractInYear | 'outside' {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const s = start ?? '0001-01-01';
  const e = end ?? '9999-12-31';
  if (s > yearEnd || e < yearStart) return 'outside';
  const clampedStart = maxDate(s, yearStart);
  const clampedEnd = minDate(e, yearEnd);
  // 9999-12-31 is the usual "no end date" marker of HR exports: treat it as open-ended.
  const openEnded = end === undefined || end >= '9999-01-01';
  const contractMonths = start === undefined || openEnded ? Infinity : wholeMonths(start, end);
  return { start: clampedStart, end: clampedEnd, contractMonths, fullYear: clampedStart === yearStart && clampedEnd === yearEnd };
}

/** The 3-month periods of a contract in the year, with the points rule in force at each period's end. */
export interface PeriodPlan {
  eligible: boolean;
  months: number;
  periods: Array<{ start: string; end: string; rule: PointsRule }>;
}

/**
 * Whole 3-month periods of the contract in the year (a full year is four). The rule of each period is
 * the one in force on its last day, unless a regulation version is forced (what-if).
 */
export function planPeriods(contract: ContractInYear, version: RegulationVersion, forcedRule: boolean): PeriodPlan {
  const months = contract.fullYear ? 12 : wholeMonths(contract.start, contract.end);
  if (contract.contractMonths < 1) return { eligible: false, months, periods: [] };
  const periods: PeriodPlan['periods'] = [];
  for (let p = 0; p < Math.floor(months / 3); p++) {
    const end = addDays(addMonths(contract.start, 3 * (p + 1)), -1);
    periods.push({ start: addMonths(contract.start, 3 * p), end, rule: forcedRule ? version.pointsRule : (regulationInForce(end) ?? version).pointsRule });
  }
  return { eligible: true, months, periods };
}

/**
 * Points of one year on the prevention account (R4162-2 then R4163-9, digest §3).
 *
 * Each whole 3-month period earns, under the rule in force on its last day: before 2023-09-01, 1 point
 * for one factor and 2 for several; from 2023-09-01, 1 point per factor. A factor counts in a period
 * only if it applied on the period's last day (the six factors of 2016 from 2016-07-01). Months left
 * over after the whole periods earn nothing; contracts under one month earn nothing. Doubled for people
 * born before 1956-07-01. The career ceiling (100 points before 2023-09-01) depends on past years and
 * is left to the fund. `detail` (French) is filled only when asked, as it is part of the explanation.
 */
export function computePoints(
  plan: PeriodPlan,
  exposedEarning: readonly FactorCode[],
  inForceFrom: ReadonlyMap<string, string>,
  bornBeforeJuly1956: boolean,
  withDetail: boolean,
): PointsResult {
  const multiplier = bornBeforeJuly1956 ? 2 : 1;
  const detail: string[] = [];
  if (!plan.eligible) {
    if (withDetail) detail.push('Contrat de moins d’un mois : aucune déclaration, aucun point');
    return { eligible: false, monthsInYear: plan.months, periods: 0, base: 0, multiplier, total: 0, detail };
  }
  let base = 0;
  for (const period of plan.periods) {
    let n = 0;
    for (const code of exposedEarning) if ((inForceFrom.get(code) ?? '') <= period.end) n++;
    const earned = n === 0 ? 0 : period.rule === 'per_period_per_factor' ? n : n === 1 ? 1 : 2;
    base += earned;
    if (withDetail) {
      const rule = period.rule === 'per_period_per_factor' ? '1 point par facteur' : '1 point pour un facteur, 2 pour plusieurs';
      detail.push(`Période du ${period.start} au ${period.end} : ${n} facteur(s) → ${earned} point(s) (${rule})`);
    }
  }
  if (withDetail) {
    const leftover = plan.months - plan.periods.length * 3;
    if (leftover > 0) detail.push(`${leftover} mois restant(s) hors période complète de trois mois : aucun point`);
    if (multiplier === 2 && base > 0) detail.push('Né(e) avant le 1er juillet 1956 : points doublés');
  }
  return { eligible: true, monthsInYear: plan.months, periods: plan.periods.length, base, multiplier, total: base * multiplier, detail };
}
