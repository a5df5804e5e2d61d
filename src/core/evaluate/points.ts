import { regulationInForce } from '../regulation/index.ts';
import type { FactorCode, RegulationVersion } from '../regulation/types.ts';
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
  const contractMonths = start === undefined || end === undefined ? Infinity : wholeMonths(start, end);
  return { start: clampedStart, end: clampedEnd, contractMonths, fullYear: clampedStart === yearStart && clampedEnd === yearEnd };
}

/**
 * Points of one year on the prevention account (R4162-2 then R4163-9, digest §3).
 *
 * Each whole 3-month period of the contract in the year (a full year is four) earns, under the rule in
 * force on the period's last day: before 2023-09-01, 1 point for one factor and 2 for several; from
 * 2023-09-01, 1 point per factor. A factor counts in a period only if it applied on the period's last
 * day (the six factors of 2016 from 2016-07-01). Months left over after the whole periods earn nothing;
 * contracts under one month earn nothing. Doubled for people born before 1956-07-01. The career ceiling
 * (100 points before 2023-09-01) depends on past years and is left to the fund.
 */
export function computePoints(
  contract: ContractInYear,
  version: RegulationVersion,
  exposedEarning: readonly FactorCode[],
  bornBeforeJuly1956: boolean,
  forcedRule: boolean,
): PointsResult {
  const multiplier = bornBeforeJuly1956 ? 2 : 1;
  const months = contract.fullYear ? 12 : wholeMonths(contract.start, contract.end);
  if (contract.contractMonths < 1) {
    return { eligible: false, monthsInYear: months, periods: 0, base: 0, multiplier, total: 0, detail: ['Contrat de moins d’un mois : aucune déclaration, aucun point'] };
  }
  const periods = Math.floor(months / 3);
  let base = 0;
  const detail: string[] = [];
  for (let p = 0; p < periods; p++) {
    const periodStart = addMonths(contract.start, 3 * p);
    const periodEnd = addDays(addMonths(contract.start, 3 * (p + 1)), -1);
    const ruleVersion = forcedRule ? version : (regulationInForce(periodEnd) ?? version);
    const counted = exposedEarning.filter((code) => (version.factors.find((f) => f.code === code)?.inForceFrom ?? '') <= periodEnd);
    const n = counted.length;
    const earned = n === 0 ? 0 : ruleVersion.pointsRule === 'per_period_per_factor' ? n : n === 1 ? 1 : 2;
    base += earned;
    const rule = ruleVersion.pointsRule === 'per_period_per_factor' ? '1 point par facteur' : '1 point pour un facteur, 2 pour plusieurs';
    detail.push(`Période du ${periodStart} au ${periodEnd} : ${n} facteur(s) → ${earned} point(s) (${rule})`);
  }
  const leftover = months - periods * 3;
  if (leftover > 0) detail.push(`${leftover} mois restant(s) hors période complète de trois mois : aucun point`);
  if (multiplier === 2 && base > 0) detail.push('Né(e) avant le 1er juillet 1956 : points doublés');
  return { eligible: true, monthsInYear: months, periods, base, multiplier, total: base * multiplier, detail };
}
