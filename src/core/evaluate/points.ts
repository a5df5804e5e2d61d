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

export interface Window {
  start: string;
  end: string;
  rule: PointsRule;
}

/**
 * The contract's months in the year and, lazily per exposure start date, its whole 3-month windows.
 * One plan per contract shape is shared by all employees with that shape.
 */
export interface WindowSet {
  list: Window[];
  /** Windows under the rule before 2023-09-01, and under the rule from that date. */
  oldRule: number;
  perFactorRule: number;
}

export interface PeriodPlan {
  eligible: boolean;
  months: number;
  contract: ContractInYear;
  windows(from: string): WindowSet;
}

/**
 * Whole 3-month windows from a start date to the contract's end in the year, each under the rule in
 * force on its last day (or the forced version's rule, for a what-if).
 */
export function planPeriods(contract: ContractInYear, version: RegulationVersion, forcedRule: boolean): PeriodPlan {
  const months = contract.fullYear ? 12 : wholeMonths(contract.start, contract.end);
  const cache = new Map<string, WindowSet>();
  const windows = (from: string): WindowSet => {
    const start = from < contract.start ? contract.start : from;
    let set = cache.get(start);
    if (!set) {
      const list: Window[] = [];
      const count = start > contract.end ? 0 : Math.floor((start === contract.start ? months : wholeMonths(start, contract.end)) / 3);
      for (let p = 0; p < count; p++) {
        const end = addDays(addMonths(start, 3 * (p + 1)), -1);
        list.push({ start: addMonths(start, 3 * p), end, rule: forcedRule ? version.pointsRule : (regulationInForce(end) ?? version).pointsRule });
      }
      const perFactorRule = list.filter((w) => w.rule === 'per_period_per_factor').length;
      set = { list, oldRule: list.length - perFactorRule, perFactorRule };
      cache.set(start, set);
    }
    return set;
  };
  return { eligible: contract.contractMonths >= 1, months, contract, windows };
}

/**
 * Points of one year on the prevention account (R4162-2 then R4163-9, digest §3).
 *
 * The fund counts, per factor, the months of exposure in the year: from the contract's start, or from
 * the factor's entry into force when later (the six factors of 2016 from 2016-07-01), to the contract's
 * end. Each whole 3-month window of exposure earns under the rule in force on its last day: from
 * 2023-09-01, 1 point per factor; before, 1 point for one factor and 2 for several — a quarter counts
 * as "several" as long as a second factor still has windows of its own (they end together, so the
 * shorter exposures are nested in the longer one). Leftover months earn nothing; contracts under one
 * month are neither declared nor earn points; doubled for people born before 1956-07-01. The career
 * ceiling (100 points before 2023-09-01) depends on past years and is left to the fund. `detail`
 * (French) is filled only when asked, as part of the explanation.
 */
export function computePoints(
  plan: PeriodPlan,
  exposedEarning: readonly FactorCode[],
  inForceFrom: ReadonlyMap<string, string>,
  labels: ReadonlyMap<string, string>,
  bornBeforeJuly1956: boolean,
  withDetail: boolean,
): PointsResult {
  const multiplier = bornBeforeJuly1956 ? 2 : 1;
  const detail: string[] = [];
  if (!plan.eligible) {
    if (withDetail) detail.push('Contrat de moins d’un mois : aucune déclaration, aucun point');
    return { eligible: false, monthsInYear: plan.months, periods: 0, base: 0, multiplier, total: 0, detail };
  }
  let perFactor = 0;
  let periods = 0;
  // The two largest counts of windows under the former rule: "several factors" lasts as long as the second.
  let longest = 0;
  let several = 0;
  for (const code of exposedEarning) {
    const set = plan.windows(inForceFrom.get(code) ?? plan.contract.start);
    perFactor += set.perFactorRule;
    if (set.oldRule > longest) {
      several = longest;
      longest = set.oldRule;
    } else if (set.oldRule > several) several = set.oldRule;
    if (set.list.length > periods) periods = set.list.length;
    if (withDetail) {
      const first = set.list[0];
      detail.push(first ? `${labels.get(code) ?? code} : ${set.list.length} période(s) complète(s) de trois mois d’exposition à partir du ${first.start}` : `${labels.get(code) ?? code} : moins de trois mois d’exposition dans l’année`);
    }
  }
  const base = perFactor + 2 * several + (longest - several);
  if (withDetail) {
    if (longest > 0) detail.push(`Règle antérieure au 1er septembre 2023 : ${several} période(s) à plusieurs facteurs × 2 points + ${longest - several} période(s) à un facteur × 1 point`);
    if (perFactor > 0) detail.push(`Règle à partir du 1er septembre 2023 : ${perFactor} période(s)-facteur × 1 point`);
    const leftover = plan.months - periods * 3;
    if (leftover > 0 && exposedEarning.length > 0) detail.push(`${leftover} mois hors période complète de trois mois : aucun point`);
    if (multiplier === 2 && base > 0) detail.push('Né(e) avant le 1er juillet 1956 : points doublés');
  }
  return { eligible: true, monthsInYear: plan.months, periods, base, multiplier, total: base * multiplier, detail };
}
